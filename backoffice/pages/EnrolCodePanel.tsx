// One-time enrolment codes: an admin picks how long the code stays valid and gets the code in large
// type, its QR (server address, code and the fingerprint of the server's keys: shared/enrolment-qr.ts)
// for the kiosk's document camera, the address and fingerprint in words, and the expiry. The code
// stays on screen only until hidden or the page is left: it is a secret until a kiosk uses it.
import { useContext, useState } from 'react';
import { EnrolCodeAnswerSchema, type EnrolCodeAnswer } from '../../shared/kiosks';
import { formatFingerprint } from '../../shared/enrolment-qr';
import { call } from '../api';
import { useAction } from '../use-action';
import { LocaleContext, useT } from '../i18n/use-t';
import { formatTime } from './kiosk-format';

const TTL_HOURS = [1, 8, 24, 72, 168] as const;

export function EnrolCodePanel({ onApiError }: { onApiError: (e: unknown) => void }) {
  const t = useT();
  const locale = useContext(LocaleContext);
  const [ttlHours, setTtlHours] = useState<number>(24);
  const [issued, setIssued] = useState<EnrolCodeAnswer | null>(null);
  const { busy, error, run } = useAction(onApiError);

  const create = async (): Promise<void> => {
    await run(async () => setIssued(EnrolCodeAnswerSchema.parse(await call<unknown>('POST', '/enrol-codes', { ttlHours }))));
  };

  return (
    <section className="bo-card" aria-labelledby="enrol-title">
      <h2 id="enrol-title">{t('kiosks.enrolTitle')}</h2>
      <p>{t('kiosks.enrolHelp')}</p>
      <div className="bo-inline">
        <label className="bo-field">
          <span>{t('kiosks.ttl')}</span>
          <select value={ttlHours} onChange={(e) => setTtlHours(Number(e.target.value))}>
            {TTL_HOURS.map((h) => <option key={h} value={h}>{h < 72 ? t('kiosks.ttlHours', { hours: h }) : t('kiosks.ttlDays', { days: h / 24 })}</option>)}
          </select>
        </label>
        <button type="button" className="bo-button bo-button--primary" disabled={busy} onClick={() => void create()}>{t('kiosks.create')}</button>
      </div>
      {error ? <p className="bo-error" role="alert">{error}</p> : null}
      {issued ? (
        <div className="bo-enrol" role="group" aria-label={t('kiosks.code')}>
          <p className="bo-notice" role="status">{t('kiosks.created')}</p>
          <img className="bo-enrol__qr" src={issued.qrImage} alt={t('kiosks.qrAlt', { code: issued.code })} />
          <dl className="bo-enrol__facts">
            <dt>{t('kiosks.code')}</dt>
            <dd className="bo-enrol__code">{issued.code}</dd>
            <dt>{t('kiosks.serverUrl')}</dt>
            <dd>{issued.serverUrl}</dd>
            <dt>{t('kiosks.fingerprint')}</dt>
            <dd><code>{formatFingerprint(issued.fingerprint)}</code><br /><small className="bo-muted">{t('kiosks.fingerprintHelp')}</small></dd>
            <dt>{t('kiosks.expiresAt')}</dt>
            <dd>{formatTime(locale, issued.expiresAt)}</dd>
          </dl>
          <p className="bo-muted">{t('kiosks.secret')}</p>
          <button type="button" className="bo-button" onClick={() => setIssued(null)}>{t('kiosks.hideCode')}</button>
        </div>
      ) : null}
    </section>
  );
}
