// The changes an admin makes to operator accounts: a new account, a new password for one, disabling
// one (asked once more: every kiosk refuses it from its next sync). Each form checks what it can with
// the server's own schemas first, so a refusal reads as what to fix; the server's refusals are put in
// words by operator-errors.ts. A password typed here is never kept after the request.
import { useState, type FormEvent } from 'react';
import { NewOperatorRequestSchema, OPERATOR_PATHS, type OperatorAccount } from '../../shared/operators';
import { OperatorUsernameSchema } from '../../shared/sync/operators';
import { call } from '../api';
import { useAction } from '../use-action';
import { useT } from '../i18n/use-t';
import { explainOperatorError } from './operator-errors';

interface Done {
  readonly onDone: (message: string) => void;
  readonly onApiError: (e: unknown) => void;
}

export function NewOperatorForm({ onDone, onApiError }: Done) {
  const t = useT();
  const [username, setUsername] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [password, setPassword] = useState('');
  const { busy, error, setError, run } = useAction(onApiError);

  const create = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    const name = username.trim();
    if (!OperatorUsernameSchema.safeParse(name).success) { setError(t('operators.usernameRules')); return; }
    const parsed = NewOperatorRequestSchema.safeParse({ username: name, displayName, password });
    if (!parsed.success) { setError(t(parsed.error.issues[0]?.path[0] === 'password' ? 'operators.passwordRequired' : 'operators.displayNameInvalid')); return; }
    const ok = await run(async () => {
      try {
        await call('POST', OPERATOR_PATHS.list, { username: name, displayName, password });
      } catch (err) {
        throw explainOperatorError(t, err, name);
      }
    }, () => setPassword(''));
    if (ok) {
      setUsername('');
      setDisplayName('');
      setPassword('');
      onDone(t('operators.created', { username: name }));
    }
  };

  return (
    <form className="bo-card bo-form" onSubmit={(e) => void create(e)} noValidate aria-labelledby="operator-new">
      <h2 id="operator-new">{t('operators.new')}</h2>
      <div className="bo-field">
        <label htmlFor="operator-username">{t('operators.username')}</label>
        <input id="operator-username" value={username} autoComplete="off" aria-describedby="operator-username-hint" onChange={(e) => setUsername(e.target.value)} />
        <small id="operator-username-hint" className="bo-muted">{t('operators.usernameRules')}</small>
      </div>
      <div className="bo-field">
        <label htmlFor="operator-display">{t('operators.displayName')}</label>
        <input id="operator-display" value={displayName} maxLength={80} autoComplete="off" aria-describedby="operator-display-hint" onChange={(e) => setDisplayName(e.target.value)} />
        <small id="operator-display-hint" className="bo-muted">{t('operators.displayNameHint')}</small>
      </div>
      <div className="bo-field">
        <label htmlFor="operator-password">{t('operators.password')}</label>
        <input id="operator-password" type="password" autoComplete="new-password" value={password} aria-describedby="operator-password-hint" onChange={(e) => setPassword(e.target.value)} />
        <small id="operator-password-hint" className="bo-muted">{t('operators.rules')}</small>
      </div>
      {error ? <p className="bo-error" role="alert">{error}</p> : null}
      <button type="submit" className="bo-button bo-button--primary" disabled={busy}>{t('operators.create')}</button>
    </form>
  );
}

interface AccountForm extends Done {
  readonly account: OperatorAccount;
  readonly onCancel: () => void;
}

export function NewPasswordForm({ account, onDone, onCancel, onApiError }: AccountForm) {
  const t = useT();
  const [password, setPassword] = useState('');
  const { busy, error, setError, run } = useAction(onApiError);
  const name = account.username;

  const save = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    if (password === '') { setError(t('operators.passwordRequired')); return; }
    const ok = await run(async () => {
      try {
        await call('POST', OPERATOR_PATHS.password(name), { password });
      } catch (err) {
        throw explainOperatorError(t, err, name);
      }
    }, () => setPassword(''));
    if (ok) onDone(t('operators.passwordSet', { username: name }));
  };

  return (
    <form className="bo-card bo-form" onSubmit={(e) => void save(e)} noValidate aria-labelledby="operator-password-title">
      <h2 id="operator-password-title">{t('operators.passwordTitle', { username: name })}</h2>
      <div className="bo-field">
        <label htmlFor="operator-new-password">{t('operators.newPassword')}</label>
        <input id="operator-new-password" type="password" autoComplete="new-password" value={password} autoFocus aria-describedby="operator-new-password-hint" onChange={(e) => setPassword(e.target.value)} />
        <small id="operator-new-password-hint" className="bo-muted">{t('operators.rules')} {t('operators.passwordSyncHint')}</small>
      </div>
      {error ? <p className="bo-error" role="alert">{error}</p> : null}
      <div className="bo-inline">
        <button type="submit" className="bo-button bo-button--primary" disabled={busy}>{t('operators.savePassword')}</button>
        <button type="button" className="bo-button" onClick={onCancel}>{t('operators.cancel')}</button>
      </div>
    </form>
  );
}

export function DisableOperatorConfirm({ account, onDone, onCancel, onApiError }: AccountForm) {
  const t = useT();
  const { busy, error, run } = useAction(onApiError);
  const name = account.username;

  const disable = async (): Promise<void> => {
    const ok = await run(async () => {
      try {
        await call('POST', OPERATOR_PATHS.disable(name));
      } catch (err) {
        throw explainOperatorError(t, err, name);
      }
    });
    if (ok) onDone(t('operators.disabled', { username: name }));
  };

  return (
    <section className="bo-card" role="group" aria-labelledby="operator-disable-confirm">
      <p id="operator-disable-confirm"><strong>{t('operators.confirmDisable', { username: name })}</strong></p>
      {error ? <p className="bo-error" role="alert">{error}</p> : null}
      <div className="bo-inline">
        <button type="button" className="bo-button bo-button--danger" disabled={busy} onClick={() => void disable()}>{t('operators.yesDisable')}</button>
        <button type="button" className="bo-button" onClick={onCancel}>{t('operators.cancel')}</button>
      </div>
    </section>
  );
}
