// Kiosks (admins): every enrolled kiosk with what it last reported (seen, synced, records received
// and waiting for review, software and profile version), its name and location, revocation with a
// reason, and one-time enrolment codes. The server checks the admin role on every request.
import { useContext } from 'react';
import { KioskRowSchema, type KioskRow } from '../../shared/kiosks';
import { useAdminList } from '../use-admin-list';
import { LocaleContext, useT } from '../i18n/use-t';
import { EditKioskForm, RevokeKioskForm } from './KioskForms';
import { EnrolCodePanel } from './EnrolCodePanel';
import { formatTime, kioskLabel } from './kiosk-format';

type Action = { kind: 'edit' | 'revoke'; kiosk: KioskRow };

export function KiosksPage({ onApiError }: { onApiError: (e: unknown) => void }) {
  const t = useT();
  const locale = useContext(LocaleContext);
  const { rows: kiosks, action, message, setAction, open, done } = useAdminList<KioskRow, Action>('/kiosks', KioskRowSchema, onApiError);
  const time = (iso: string | null): string => (iso ? formatTime(locale, iso) : t('kiosks.never'));

  return (
    <section aria-labelledby="kiosks-title">
      <h1 id="kiosks-title">{t('kiosks.title')}</h1>
      {message ? <p className={message.error ? 'bo-error' : 'bo-notice'} role={message.error ? 'alert' : 'status'}>{message.text}</p> : null}
      {kiosks && kiosks.length === 0 ? <p>{t('kiosks.empty')}</p> : null}
      {kiosks && kiosks.length > 0 ? (
        <div className="bo-scroll">
          <table className="bo-table">
            <thead>
              <tr>
                <th scope="col">{t('kiosks.kiosk')}</th><th scope="col">{t('kiosks.location')}</th><th scope="col">{t('kiosks.enrolledAt')}</th>
                <th scope="col">{t('kiosks.lastSeen')}</th><th scope="col">{t('kiosks.lastSync')}</th><th scope="col">{t('kiosks.received')}</th>
                <th scope="col">{t('kiosks.waiting')}</th><th scope="col">{t('kiosks.version')}</th><th scope="col">{t('kiosks.status')}</th>
                <th scope="col"><span className="bo-hidden">{t('kiosks.actions')}</span></th>
              </tr>
            </thead>
            <tbody>
              {kiosks.map((k) => (
                <tr key={k.deviceId}>
                  <th scope="row">{k.name ?? t('kiosks.unnamed')}<br /><small className="bo-muted">{k.deviceId}</small></th>
                  <td>{k.location ?? '—'}</td>
                  <td>{formatTime(locale, k.enrolledAt)}</td>
                  <td>{time(k.lastSeenAt)}</td>
                  <td>{time(k.lastSyncAt)}</td>
                  <td>{k.received}</td>
                  <td>{k.waiting}</td>
                  <td>{k.softwareVersion ?? t('kiosks.unknown')}<br /><small>{k.profile ?? t('kiosks.unknown')}</small></td>
                  <td>{k.revokedAt ? t('kiosks.revokedAt', { at: formatTime(locale, k.revokedAt), reason: k.revokeReason ?? '—' }) : t('kiosks.active')}</td>
                  <td>
                    <div className="bo-inline">
                      <button type="button" className="bo-button" aria-label={t('kiosks.editLabel', { kiosk: kioskLabel(k) })}
                        onClick={() => open({ kind: 'edit', kiosk: k })}>{t('kiosks.edit')}</button>
                      {k.revokedAt ? null : (
                        <button type="button" className="bo-button" aria-label={t('kiosks.revokeLabel', { kiosk: kioskLabel(k) })}
                          onClick={() => open({ kind: 'revoke', kiosk: k })}>{t('kiosks.revoke')}</button>
                      )}
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {action?.kind === 'edit' ? <EditKioskForm key={action.kiosk.deviceId} kiosk={action.kiosk} onDone={done} onCancel={() => setAction(null)} onApiError={onApiError} /> : null}
      {action?.kind === 'revoke' ? <RevokeKioskForm key={action.kiosk.deviceId} kiosk={action.kiosk} onDone={done} onCancel={() => setAction(null)} onApiError={onApiError} /> : null}
      <EnrolCodePanel onApiError={onApiError} />
    </section>
  );
}
