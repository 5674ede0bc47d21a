// The red asterisk of a required field: seen as "*", heard as "wajib" (a label on a plain span is not
// read by every screen reader, so the word is visually hidden text instead).
export function RequiredMark({ text }: { text: string }) {
  return (
    <>
      <span className="field__required" aria-hidden="true"> *</span>
      <span className="visually-hidden"> ({text})</span>
    </>
  );
}
