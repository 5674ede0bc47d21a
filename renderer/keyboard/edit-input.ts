// Typing into a focused input from the on-screen keyboard, the way a physical key would: at the caret,
// within maxLength, through the native value setter plus an 'input' event so React and the form
// library see a normal change. Inputs without a caret API (type=email) are edited at the end.

function setValue(input: HTMLInputElement, value: string): void {
  Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')?.set?.call(input, value);
  input.dispatchEvent(new Event('input', { bubbles: true }));
}

function caret(input: HTMLInputElement): { start: number; end: number } {
  try {
    if (input.selectionStart !== null) return { start: input.selectionStart, end: input.selectionEnd ?? input.selectionStart };
  } catch {
    // type=email and friends have no selection API
  }
  return { start: input.value.length, end: input.value.length };
}

function place(input: HTMLInputElement, at: number): void {
  try {
    input.setSelectionRange(at, at);
  } catch {
    // no caret to place
  }
}

export function insertText(input: HTMLInputElement, text: string): void {
  const { start, end } = caret(input);
  const room = input.maxLength > 0 ? input.maxLength - (input.value.length - (end - start)) : text.length;
  if (room <= 0) return;
  const typed = text.slice(0, room);
  setValue(input, input.value.slice(0, start) + typed + input.value.slice(end));
  place(input, start + typed.length);
}

export function deleteBackward(input: HTMLInputElement): void {
  const { start, end } = caret(input);
  if (start === end && start === 0) return;
  const from = start === end ? start - 1 : start;
  setValue(input, input.value.slice(0, from) + input.value.slice(end));
  place(input, from);
}

/**
 * Enter: the field's own handling first (a suggestion list picks its highlighted entry), else the
 * form is submitted as a physical Enter would.
 */
export function pressEnter(input: HTMLInputElement): void {
  const event = new KeyboardEvent('keydown', { key: 'Enter', code: 'Enter', bubbles: true, cancelable: true });
  input.dispatchEvent(event);
  if (!event.defaultPrevented) input.form?.requestSubmit();
}

/** A domain key: "@domain" after a local part, or the domain right after a typed "@". */
export function insertDomain(input: HTMLInputElement, domain: string): void {
  const at = input.value.lastIndexOf('@');
  if (at >= 0) setValue(input, `${input.value.slice(0, at + 1)}${domain}`);
  else insertText(input, `@${domain}`);
  place(input, input.value.length);
}
