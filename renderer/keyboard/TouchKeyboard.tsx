// The on-screen keyboard of a touch-only kiosk. It follows focus: a text input (not read-only) brings
// it up with the layout that input wants; leaving the inputs puts it away. Its keys never take the
// focus (mousedown/pointerdown are cancelled), so the caret stays in the field, and the page leaves
// room below so the keyboard never covers the field being typed. Nothing typed is shown by the
// keyboard itself, so password fields stay masked.
import { useCallback, useEffect, useRef, useState } from 'react';
import Keyboard from 'react-simple-keyboard';
import 'react-simple-keyboard/build/css/index.css';
import { useT } from '../i18n/i18n';
import { deleteBackward, insertDomain, insertText, pressEnter } from './edit-input';
import { DOMAIN_KEYS, domainsFor, LAYOUTS, layoutFor, type LayoutKind } from './layouts';

const HIDE_DELAY_MS = 300;
const TYPED = new Set(['text', 'email', 'tel', 'password', 'search']);

function typingTarget(element: Element | null): HTMLInputElement | null {
  return element instanceof HTMLInputElement && TYPED.has(element.type) && !element.readOnly && !element.disabled ? element : null;
}

export function TouchKeyboard() {
  const t = useT();
  const [target, setTarget] = useState<HTMLInputElement | null>(null);
  const [layout, setLayout] = useState<LayoutKind>('text');
  const [shift, setShift] = useState(false);
  const [symbols, setSymbols] = useState(false);
  const panel = useRef<HTMLDivElement>(null);
  const library = useRef<{ clearInput: () => void } | null>(null);

  useEffect(() => {
    // Put away a moment after the field loses focus, not at once: the tap that moved the focus (on
    // "Lanjutkan", say) must land where it was aimed, before the page below shifts back.
    let hiding: ReturnType<typeof setTimeout> | undefined;
    const onFocusIn = (event: FocusEvent): void => {
      clearTimeout(hiding);
      const input = typingTarget(event.target as Element | null);
      if (!input) { hiding = setTimeout(() => setTarget(null), HIDE_DELAY_MS); return; }
      setTarget(input);
      setLayout(layoutFor(input));
      setShift(false);
      setSymbols(false);
    };
    const onFocusOut = (event: FocusEvent): void => {
      if (typingTarget(event.relatedTarget as Element | null)) return;
      clearTimeout(hiding);
      hiding = setTimeout(() => setTarget(null), HIDE_DELAY_MS);
    };
    document.addEventListener('focusin', onFocusIn);
    document.addEventListener('focusout', onFocusOut);
    return () => {
      clearTimeout(hiding);
      document.removeEventListener('focusin', onFocusIn);
      document.removeEventListener('focusout', onFocusOut);
    };
  }, []);

  // Room below the page for the keyboard, and the field scrolled into the part left visible.
  useEffect(() => {
    const height = target ? (panel.current?.offsetHeight ?? 0) : 0;
    document.documentElement.style.setProperty('--keyboard-height', `${height}px`);
    if (target) target.scrollIntoView({ block: 'center' });
  }, [target, layout]);

  const onKeyPress = useCallback((button: string) => {
    const input = target;
    if (!input || !input.isConnected) return;
    if (button === '{shift}') { setShift((s) => !s); return; }
    if (button === '{symbols}' || button === '{letters}') { setSymbols(button === '{symbols}'); return; }
    if (button === '{hide}') { input.blur(); setTarget(null); return; }
    if (button === '{bksp}') deleteBackward(input);
    else if (button === '{enter}') pressEnter(input);
    else if (button === '{space}') insertText(input, ' ');
    else if ((DOMAIN_KEYS as readonly string[]).includes(button)) {
      const domain = domainsFor(input)[DOMAIN_KEYS.indexOf(button as (typeof DOMAIN_KEYS)[number])];
      if (domain) insertDomain(input, domain);
    } else insertText(input, button);
    // Shift is for one character, as on a phone.
    setShift(false);
    // The library keeps its own copy of what was typed (a password too): it is emptied at every key.
    library.current?.clearInput();
  }, [target]);

  if (!target) return null;
  const domains = domainsFor(target);
  const display: Record<string, string> = {
    '{bksp}': t('keyboard.backspace'), '{enter}': t('keyboard.enter'), '{shift}': t('keyboard.shift'),
    '{space}': t('keyboard.space'), '{hide}': t('keyboard.hide'), '{symbols}': '#+=', '{letters}': 'abc',
    ...Object.fromEntries(DOMAIN_KEYS.map((k, i) => [k, domains[i] ? `@${domains[i]}` : ' '])),
  };
  const variant = symbols && LAYOUTS[`${layout}-symbols`] ? '-symbols' : shift && LAYOUTS[`${layout}-shift`] ? '-shift' : '';
  const name = `${layout}${variant}`;
  return (
    <div
      ref={panel}
      className={`touch-keyboard touch-keyboard--${layout}`}
      role="group"
      aria-label={t('keyboard.label')}
      // The field keeps the focus (and its caret) while keys are pressed.
      onMouseDown={(e) => e.preventDefault()}
      onPointerDown={(e) => e.preventDefault()}
    >
      <Keyboard
        layout={LAYOUTS}
        layoutName={name}
        display={display}
        onKeyPress={onKeyPress}
        keyboardRef={(instance: { clearInput: () => void }) => { library.current = instance; }}
        preventMouseDownDefault
        disableButtonHold
        excludeFromLayout={{ [name]: DOMAIN_KEYS.filter((_, i) => !domains[i]) }}
        mergeDisplay={false}
      />
    </div>
  );
}
