// Staff accounts (admins): who has access and with which role; create an account; disable one.
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { z } from 'zod';
import { StaffAccountSchema, type StaffRoleName } from '../../shared/staff';
import { TOTP_PATHS, TotpAccountsSchema } from '../../shared/staff-totp';
import { ApiError, call } from '../api';
import { useT } from '../i18n/use-t';

type Account = z.infer<typeof StaffAccountSchema>;
const ROLES: readonly StaffRoleName[] = ['reviewer', 'auditor', 'admin'];

export function StaffPage({ onApiError }: { onApiError: (e: unknown) => void }) {
  const t = useT();
  const [accounts, setAccounts] = useState<Account[] | null>(null);
  const [username, setUsername] = useState('');
  const [role, setRole] = useState<StaffRoleName>('reviewer');
  const [password, setPassword] = useState('');
  const [message, setMessage] = useState<{ error: boolean; text: string } | null>(null);
  const [withTotp, setWithTotp] = useState<readonly string[]>([]);

  const load = useCallback(() => {
    call<unknown>('GET', '/staff').then((body) => setAccounts(z.array(StaffAccountSchema).parse(body)), onApiError);
    call<unknown>('GET', TOTP_PATHS.accounts).then((body) => setWithTotp(TotpAccountsSchema.parse(body)), onApiError);
  }, [onApiError]);

  /** A lost phone: the account logs in with its password alone until its owner turns TOTP on again. */
  const resetTotp = async (name: string): Promise<void> => {
    try {
      await call('POST', TOTP_PATHS.reset(name));
      setMessage({ error: false, text: t('account.resetDone', { username: name }) });
      load();
    } catch (err) {
      setMessage({ error: true, text: (err as Error).message });
      onApiError(err);
    }
  };
  useEffect(load, [load]);

  const create = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    setMessage(null);
    try {
      await call('POST', '/staff', { username: username.trim(), role, password });
      setMessage({ error: false, text: t('staff.created', { username: username.trim() }) });
      setUsername('');
      setPassword('');
      load();
    } catch (err) {
      const rules = err instanceof ApiError ? err.error.rules : undefined;
      setMessage({ error: true, text: rules ? `${(err as Error).message} ${t('staff.rules')}` : (err as Error).message });
      onApiError(err);
    }
  };

  const disable = async (name: string): Promise<void> => {
    try {
      await call('POST', `/staff/${encodeURIComponent(name)}/disable`);
      setMessage({ error: false, text: t('staff.disabled', { username: name }) });
      load();
    } catch (err) {
      setMessage({ error: true, text: (err as Error).message });
      onApiError(err);
    }
  };

  return (
    <section aria-labelledby="staff-title">
      <h1 id="staff-title">{t('staff.title')}</h1>
      {message ? <p className={message.error ? 'bo-error' : 'bo-notice'} role={message.error ? 'alert' : 'status'}>{message.text}</p> : null}
      {accounts ? (
        <table className="bo-table">
          <thead><tr><th scope="col">{t('login.username')}</th><th scope="col">{t('staff.role')}</th><th scope="col">{t('staff.status')}</th><th scope="col"><span className="bo-hidden">{t('staff.disable')}</span></th></tr></thead>
          <tbody>
            {accounts.map((a) => (
              <tr key={a.username}>
                <td>{a.username}</td>
                <td>{t(`role.${a.role}`)}</td>
                <td>{a.disabled ? t('staff.isDisabled') : a.locked ? t('staff.isLocked') : t('staff.isActive')}</td>
                <td>
                  {a.disabled ? null : <button type="button" className="bo-button" aria-label={`${t('staff.disable')} ${a.username}`} onClick={() => void disable(a.username)}>{t('staff.disable')}</button>}
                  {withTotp.includes(a.username) ? <> <button type="button" className="bo-button" aria-label={`${t('account.reset')} ${a.username}`} onClick={() => void resetTotp(a.username)}>{t('account.reset')}</button></> : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      <form className="bo-card bo-form" onSubmit={(e) => void create(e)} noValidate aria-labelledby="staff-new">
        <h2 id="staff-new">{t('staff.new')}</h2>
        <label className="bo-field"><span>{t('login.username')}</span><input value={username} autoComplete="off" onChange={(e) => setUsername(e.target.value)} /></label>
        <label className="bo-field">
          <span>{t('staff.role')}</span>
          <select value={role} onChange={(e) => setRole(e.target.value as StaffRoleName)}>
            {ROLES.map((r) => <option key={r} value={r}>{t(`role.${r}`)}</option>)}
          </select>
        </label>
        <label className="bo-field"><span>{t('staff.password')}</span><input type="password" autoComplete="new-password" value={password} onChange={(e) => setPassword(e.target.value)} /></label>
        <button type="submit" className="bo-button bo-button--primary">{t('staff.create')}</button>
      </form>
    </section>
  );
}
