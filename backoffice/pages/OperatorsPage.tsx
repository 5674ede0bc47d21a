// Kiosk operators (admins): the accounts operators log in with on the kiosks (offline, from the list
// each kiosk pulls at sync); create one, give one a new password, disable one. No hash is ever shown:
// the server does not send them here. The server checks the admin role on every request.
import { useContext } from 'react';
import { OPERATOR_PATHS, OperatorAccountSchema, type OperatorAccount } from '../../shared/operators';
import { useAdminList } from '../use-admin-list';
import { LocaleContext, useT } from '../i18n/use-t';
import { formatTime } from './kiosk-format';
import { DisableOperatorConfirm, NewOperatorForm, NewPasswordForm } from './OperatorForms';

type Action = { kind: 'password' | 'disable'; account: OperatorAccount };

export function OperatorsPage({ onApiError }: { onApiError: (e: unknown) => void }) {
  const t = useT();
  const locale = useContext(LocaleContext);
  const { rows: accounts, action, message, setAction, open, done } = useAdminList<OperatorAccount, Action>(OPERATOR_PATHS.list, OperatorAccountSchema, onApiError);

  return (
    <section aria-labelledby="operators-title">
      <h1 id="operators-title">{t('operators.title')}</h1>
      <p className="bo-muted">{t('operators.intro')}</p>
      {message ? <p className={message.error ? 'bo-error' : 'bo-notice'} role={message.error ? 'alert' : 'status'}>{message.text}</p> : null}
      {accounts && accounts.length === 0 ? <p>{t('operators.empty')}</p> : null}
      {accounts && accounts.length > 0 ? (
        <div className="bo-scroll">
          <table className="bo-table">
            <thead>
              <tr>
                <th scope="col">{t('operators.username')}</th><th scope="col">{t('operators.displayNameColumn')}</th><th scope="col">{t('operators.status')}</th>
                <th scope="col">{t('operators.createdAt')}</th><th scope="col">{t('operators.updatedAt')}</th>
                <th scope="col"><span className="bo-hidden">{t('operators.actions')}</span></th>
              </tr>
            </thead>
            <tbody>
              {accounts.map((a) => (
                <tr key={a.username}>
                  <th scope="row">{a.username}</th>
                  <td>{a.displayName ?? '—'}</td>
                  <td>{a.disabled ? t('operators.isDisabled') : t('operators.isActive')}</td>
                  <td>{formatTime(locale, a.createdAt)}<br /><small className="bo-muted">{a.createdBy ?? t('operators.byCommandLine')}</small></td>
                  <td>{formatTime(locale, a.updatedAt)}</td>
                  <td>
                    <div className="bo-inline">
                      <button type="button" className="bo-button" aria-label={t('operators.passwordLabel', { username: a.username })} onClick={() => open({ kind: 'password', account: a })}>{t('operators.setPassword')}</button>
                      {a.disabled ? null : (
                        <button type="button" className="bo-button" aria-label={t('operators.disableLabel', { username: a.username })} onClick={() => open({ kind: 'disable', account: a })}>{t('operators.disable')}</button>
                      )}
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {action?.kind === 'password' ? <NewPasswordForm key={action.account.username} account={action.account} onDone={done} onCancel={() => setAction(null)} onApiError={onApiError} /> : null}
      {action?.kind === 'disable' ? <DisableOperatorConfirm key={action.account.username} account={action.account} onDone={done} onCancel={() => setAction(null)} onApiError={onApiError} /> : null}
      <NewOperatorForm onDone={done} onApiError={onApiError} />
    </section>
  );
}
