// Login: username and password, the server's own words when it refuses (wrong password, locked);
// then, for accounts with the second factor on, the code from the authenticator app (the username
// and password stay typed while it is asked for).
import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { StaffSession } from '../../shared/staff';
import { ApiError, call } from '../api';
import { useT } from '../i18n/use-t';
import { CodeField } from './CodeField';

export function LoginPage({ onLoggedIn }: { onLoggedIn: (s: StaffSession) => void }) {
  const t = useT();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [needsTotp, setNeedsTotp] = useState(false);
  const [totp, setTotp] = useState('');
  const totpField = useRef<HTMLInputElement>(null);
  useEffect(() => { if (needsTotp) totpField.current?.focus(); }, [needsTotp]);

  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    // Cleared first, so the same refusal twice is announced twice.
    setError(null);
    if (!username.trim() || !password) { setError(t('login.required')); return; }
    if (needsTotp && !/^\d{6}$/.test(totp)) { setError(t('login.totpFormat')); totpField.current?.focus(); return; }
    setBusy(true);
    try {
      const session = await call<StaffSession>('POST', '/login', { username: username.trim(), password, ...(needsTotp ? { totp } : {}) });
      setPassword('');
      setTotp('');
      onLoggedIn(session);
    } catch (err) {
      setError((err as Error).message);
      const code = err instanceof ApiError ? err.error.code : undefined;
      // The password was right: only the code is asked for (again).
      if (code === 'totp-required' || code === 'bad-totp') {
        setNeedsTotp(true);
        totpField.current?.focus();
      } else {
        setPassword('');
      }
      setTotp('');
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="bo-card" aria-labelledby="login-title">
      <h1 id="login-title">{t('login.title')}</h1>
      <form onSubmit={(e) => void submit(e)} noValidate className="bo-form">
        <label className="bo-field">
          <span>{t('login.username')}</span>
          <input name="username" autoComplete="username" value={username} onChange={(e) => { setUsername(e.target.value); setNeedsTotp(false); }} required />
        </label>
        <label className="bo-field">
          <span>{t('login.password')}</span>
          <input name="password" type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} required />
        </label>
        {needsTotp ? (
          <CodeField id="login-totp" label={t('login.totp')} hint={t('login.totpHint')} value={totp} onChange={setTotp} inputRef={totpField} />
        ) : null}
        {error ? <p className="bo-error" role="alert">{error}</p> : null}
        <button type="submit" className="bo-button bo-button--primary" disabled={busy}>{t('login.submit')}</button>
      </form>
    </section>
  );
}
