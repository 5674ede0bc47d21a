// The two changes an admin makes to one kiosk: its name and location, and revoking it with a reason
// (asked once more: a revoked kiosk must be enrolled again with a new code). Each is checked here
// with the server's own schema first, so a refusal reads as what to fix. The form takes the focus
// when it opens (autoFocus): it opens only on the admin's own click.
import { useState, type FormEvent } from 'react';
import { KIOSK_LOCATION_MAX, KIOSK_NAME_MAX, KioskUpdateSchema, REVOKE_REASON_MAX, RevokeKioskSchema, type KioskRow } from '../../shared/kiosks';
import { call } from '../api';
import { useAction } from '../use-action';
import { useT } from '../i18n/use-t';
import { kioskLabel } from './kiosk-format';

interface FormProps {
  readonly kiosk: KioskRow;
  readonly onDone: (message: string) => void;
  readonly onCancel: () => void;
  readonly onApiError: (e: unknown) => void;
}

export function EditKioskForm({ kiosk, onDone, onCancel, onApiError }: FormProps) {
  const t = useT();
  const [name, setName] = useState(kiosk.name ?? '');
  const [location, setLocation] = useState(kiosk.location ?? '');
  const { busy, error, setError, run } = useAction(onApiError);

  const save = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    const parsed = KioskUpdateSchema.safeParse({ name, location });
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      setError(issue?.code === 'too_big' ? t(issue.path[0] === 'name' ? 'kiosks.nameTooLong' : 'kiosks.locationTooLong') : t('kiosks.oneLine'));
      return;
    }
    await run(async () => {
      await call('POST', `/kiosks/${kiosk.deviceId}`, parsed.data);
      onDone(t('kiosks.saved', { kiosk: parsed.data.name || kioskLabel(kiosk) }));
    });
  };

  return (
    <form className="bo-card bo-form" onSubmit={(e) => void save(e)} noValidate aria-labelledby="kiosk-edit-title">
      <h2 id="kiosk-edit-title">{t('kiosks.editTitle', { kiosk: kioskLabel(kiosk) })}</h2>
      <div className="bo-field">
        <label htmlFor="kiosk-name">{t('kiosks.name')}</label>
        <input id="kiosk-name" value={name} maxLength={KIOSK_NAME_MAX} autoComplete="off" autoFocus aria-describedby="kiosk-name-hint" onChange={(e) => setName(e.target.value)} />
        <small id="kiosk-name-hint" className="bo-muted">{t('kiosks.nameHint')}</small>
      </div>
      <div className="bo-field">
        <label htmlFor="kiosk-location">{t('kiosks.location')}</label>
        <input id="kiosk-location" value={location} maxLength={KIOSK_LOCATION_MAX} autoComplete="off" aria-describedby="kiosk-location-hint" onChange={(e) => setLocation(e.target.value)} />
        <small id="kiosk-location-hint" className="bo-muted">{t('kiosks.locationHint')}</small>
      </div>
      {error ? <p className="bo-error" role="alert">{error}</p> : null}
      <div className="bo-inline">
        <button type="submit" className="bo-button bo-button--primary" disabled={busy}>{t('kiosks.save')}</button>
        <button type="button" className="bo-button" onClick={onCancel}>{t('kiosks.cancel')}</button>
      </div>
    </form>
  );
}

export function RevokeKioskForm({ kiosk, onDone, onCancel, onApiError }: FormProps) {
  const t = useT();
  const [reason, setReason] = useState('');
  const [confirming, setConfirming] = useState(false);
  const { busy, error, setError, run } = useAction(onApiError);
  const label = kioskLabel(kiosk);

  const next = (e: FormEvent): void => {
    e.preventDefault();
    if (!RevokeKioskSchema.safeParse({ reason }).success) { setError(t('kiosks.reasonRequired')); return; }
    setError(null);
    setConfirming(true);
  };

  const revoke = async (): Promise<void> => {
    await run(async () => {
      await call('POST', `/kiosks/${kiosk.deviceId}/revoke`, RevokeKioskSchema.parse({ reason }));
      onDone(t('kiosks.revoked', { kiosk: label }));
    }, () => setConfirming(false));
  };

  if (confirming) {
    return (
      <section className="bo-card" role="group" aria-labelledby="kiosk-revoke-confirm">
        <p id="kiosk-revoke-confirm"><strong>{t('kiosks.confirmRevoke', { kiosk: label })}</strong></p>
        <div className="bo-inline">
          <button type="button" className="bo-button bo-button--danger" disabled={busy} onClick={() => void revoke()}>{t('kiosks.yesRevoke')}</button>
          <button type="button" className="bo-button" onClick={onCancel}>{t('kiosks.cancel')}</button>
        </div>
      </section>
    );
  }

  return (
    <form className="bo-card bo-form" onSubmit={next} noValidate aria-labelledby="kiosk-revoke-title">
      <h2 id="kiosk-revoke-title">{t('kiosks.revokeTitle', { kiosk: label })}</h2>
      <div className="bo-field">
        <label htmlFor="kiosk-reason">{t('kiosks.reason')}</label>
        <textarea id="kiosk-reason" value={reason} maxLength={REVOKE_REASON_MAX} required aria-required="true" autoFocus aria-describedby="kiosk-reason-hint" onChange={(e) => setReason(e.target.value)} />
        <small id="kiosk-reason-hint" className="bo-muted">{t('kiosks.reasonHint')}</small>
      </div>
      {error ? <p className="bo-error" role="alert">{error}</p> : null}
      <div className="bo-inline">
        <button type="submit" className="bo-button bo-button--danger">{t('kiosks.revokeNext')}</button>
        <button type="button" className="bo-button" onClick={onCancel}>{t('kiosks.cancel')}</button>
      </div>
    </form>
  );
}
