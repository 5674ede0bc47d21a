// Login: username and password, the server's own words when it refuses (wrong password, locked).
import { useState, type FormEvent } from 'react';
import type { StaffSession } from '../../shared/staff';
import { call } from '../api';
import { useT } from '../i18n/use-t';

export function LoginPage({ onLoggedIn }: { onLoggedIn: (s: StaffSession) => void }) {
  const t = useT();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    // Cleared first, so the same refusal twice is announced twice.
    setError(null);
    if (!username.trim() || !password) { setError(t('login.required')); return; }
    setBusy(true);
    try {
      const session = await call<StaffSession>('POST', '/login', { username: username.trim(), password });
      setPassword('');
      onLoggedIn(session);
    } catch (err) {
      setError((err as Error).message);
      setPassword('');
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
          <input name="username" autoComplete="username" value={username} onChange={(e) => setUsername(e.target.value)} required />
        </label>
        <label className="bo-field">
          <span>{t('login.password')}</span>
          <input name="password" type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} required />
        </label>
        {error ? <p className="bo-error" role="alert">{error}</p> : null}
        <button type="submit" className="bo-button bo-button--primary" disabled={busy}>{t('login.submit')}</button>
      </form>
    </section>
  );
}
