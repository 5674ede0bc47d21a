// The 6-digit field for a code from an authenticator app (login, "Akun saya"): a visible label, a
// hint tied to it, the numeric keypad on touch screens and the platform's one-time-code autofill.
import type { Ref } from 'react';

export function CodeField({ id, label, hint, value, onChange, inputRef }: {
  id: string; label: string; hint: string; value: string; onChange: (digits: string) => void; inputRef?: Ref<HTMLInputElement>;
}) {
  return (
    <div className="bo-field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id} ref={inputRef} name="totp" inputMode="numeric" autoComplete="one-time-code" pattern="[0-9]*" maxLength={6}
        value={value} onChange={(e) => onChange(e.target.value.replace(/\D/g, '').slice(0, 6))} aria-describedby={`${id}-hint`} required
      />
      <span id={`${id}-hint`} className="bo-muted">{hint}</span>
    </div>
  );
}
