// The operator's login, offline against the accounts the central server sent this kiosk. A wrong
// name or password is one same message; five failures lock the name for 15 minutes.
import { useState, type FormEvent } from 'react';
import type { OperatorSession } from '../../shared/operator';
import { KioskError } from '../../shared/result';
import { api } from '../app/api';
import { useT } from '../i18n/i18n';

export function OperatorLogin({ onLoggedIn, onClose }: { onLoggedIn: (s: OperatorSession) => void; onClose: () => void }) {
  const t = useT();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    if (!username.trim() || !password) { setError(t('operator.loginRequired')); return; }
    setBusy(true);
    setError(null);
    try {
      const session = await api.operator.login({ username: username.trim(), password });
      setPassword('');
      onLoggedIn(session);
    } catch (err) {
      const code = err instanceof KioskError ? err.code : 'internal';
      setError(t(code === 'operator-locked' ? 'operator.locked' : code === 'operator-login' ? 'operator.badLogin' : 'operator.failed'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="step operator-login" onSubmit={(e) => void submit(e)} noValidate aria-labelledby="operator-login-title">
      <h1 id="operator-login-title">{t('operator.loginTitle')}</h1>
      <label className="field">
        <span className="field__label">{t('operator.username')}</span>
        <input className="field__input" value={username} autoComplete="off" autoCapitalize="none" spellCheck={false} onChange={(e) => setUsername(e.target.value)} />
      </label>
      <label className="field">
        <span className="field__label">{t('operator.password')}</span>
        <input className="field__input" type="password" value={password} autoComplete="off" onChange={(e) => setPassword(e.target.value)} />
      </label>
      {error ? <p className="field__error" role="alert">{error}</p> : null}
      <div className="actions">
        <button type="button" className="button" onClick={onClose}>{t('operator.close')}</button>
        <button type="submit" className="button button--primary" disabled={busy}>{t('operator.login')}</button>
      </div>
    </form>
  );
}
