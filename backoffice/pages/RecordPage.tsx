// One registration opened for review: what was typed beside what the KTP reading said (differences
// marked), the KTP photo and the selfie, the NIK warnings the applicant confirmed, the advisory face
// evidence in plain words, and the decision. Kept only while this page shows.
import { useContext, useEffect, useState } from 'react';
import { OpenedRecordSchema, type OpenedRecord } from '../../shared/review';
import { KtpRecordSchema } from '../../shared/ktp/ktp-record';
import { SelfieRecordSchema } from '../../shared/face/selfie-record';
import { prefillFromKtp } from '../../shared/ktp/prefill';
import { call } from '../api';
import { LocaleContext, useT } from '../i18n/use-t';
import { Decision } from './Decision';
import { focusHeading } from '../focus-heading';
import { FaceEvidence } from './FaceEvidence';
import { Reopen } from './Reopen';
import { useClaim } from '../use-claim';

const NO_CLAIMS: OpenedRecord['claims'] = [];

const same = (a: string, b: string): boolean => a.replace(/\s+/g, ' ').trim().toUpperCase() === b.replace(/\s+/g, ' ').trim().toUpperCase();

export function RecordPage({ deviceId, recordId, canReopen, onBack, onApiError }: {
  deviceId: string; recordId: string; canReopen: boolean; onBack: () => void; onApiError: (e: unknown) => void;
}) {
  const t = useT();
  const locale = useContext(LocaleContext);
  const [record, setRecord] = useState<OpenedRecord | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    call<unknown>('GET', `/registrations/${deviceId}/${recordId}`).then(
      (body) => { if (live) setRecord(OpenedRecordSchema.parse(body)); },
      (err: unknown) => { if (live) { setError((err as Error).message); onApiError(err); } },
    );
    return () => { live = false; };
  }, [deviceId, recordId, onApiError]);

  const loaded = record !== null;
  useEffect(() => { if (loaded) focusHeading(); }, [loaded]);
  const path = `/registrations/${deviceId}/${recordId}`;
  const others = useClaim(path, record?.registration.state === 'received', record?.claims ?? NO_CLAIMS);

  if (error) return <p className="bo-error" role="alert">{error}</p>;
  if (!record) return null;
  const ktp = record.ktp === null ? null : KtpRecordSchema.safeParse(record.ktp).data ?? null;
  const selfie = record.selfie === null ? null : SelfieRecordSchema.safeParse(record.selfie).data ?? null;
  const read: Record<string, string | undefined> = ktp ? prefillFromKtp(ktp.fields).values : {};
  const r = record.registration;

  return (
    <article aria-labelledby="record-title">
      <button type="button" className="bo-button" onClick={onBack}>{t('record.back')}</button>
      <h1 id="record-title">{t('record.title', { number: r.registrationNumber ?? r.recordId.slice(0, 8) })}</h1>
      <p>{t('record.kiosk', { device: r.deviceId.slice(0, 8), submitted: new Date(r.submittedAt).toLocaleString(), received: new Date(r.receivedAt).toLocaleString() })}</p>
      <p className="bo-state" role="status">
        {r.state === 'numbered' ? t('state.numbered', { number: r.registrationNumber ?? '' }) : r.state === 'rejected' ? t('state.rejected', { reason: r.decisionReason ?? '' }) : t('state.received')}
      </p>
      {others.length > 0 ? (
        <p className="bo-notice" role="status">
          {t('record.claimedBy', { names: others.map((c) => t('record.claimSince', { username: c.username, since: new Date(c.since).toLocaleTimeString() })).join(', ') })}
        </p>
      ) : null}
      {record.verified ? <p>{t('record.verified')}</p> : null}
      {record.assistedBy ? <p><strong>{t('record.assisted', { operator: record.assistedBy })}</strong></p> : null}

      <h2>{t('record.fields')}</h2>
      <table className="bo-table">
        <thead><tr><th scope="col"><span className="bo-hidden">{t('record.field')}</span></th><th scope="col">{t('record.typed')}</th>{ktp ? <th scope="col">{t('record.read')}</th> : null}</tr></thead>
        <tbody>
          {Object.entries(record.fields).map(([name, value]) => {
            const fromCard = read[name];
            const differs = fromCard !== undefined && !same(fromCard, value);
            return (
              <tr key={name} className={differs ? 'bo-differs' : undefined}>
                <th scope="row">{record.labels[name]?.[locale] ?? name}</th>
                <td>{value || '—'}</td>
                {ktp ? <td>{fromCard ?? '—'}{differs ? <strong className="bo-flag"> ({t('record.differs')})</strong> : null}</td> : null}
              </tr>
            );
          })}
        </tbody>
      </table>

      <h2>{t('record.warnings')}</h2>
      <p>{record.acknowledgedWarnings.length > 0 ? record.acknowledgedWarnings.join(', ') : t('record.noWarnings')}</p>

      {record.purgedAt !== undefined ? <p>{t('record.purged', { date: new Date(record.purgedAt).toLocaleDateString() })}</p> : <div className="bo-images">
        {ktp ? (
          <figure>
            <img src={`data:image/jpeg;base64,${ktp.image.base64}`} alt={t('record.ktp')} />
            <figcaption>{t('record.ktp')}</figcaption>
          </figure>
        ) : <p>{t('record.noKtp')}</p>}
        {selfie ? (
          <figure>
            <img src={`data:image/jpeg;base64,${selfie.image.base64}`} alt={t('record.selfie')} />
            <figcaption>{t('record.selfie')}</figcaption>
          </figure>
        ) : null}
      </div>}
      {selfie ? <FaceEvidence selfie={selfie} /> : null}

      {r.state === 'received' ? (
        <Decision path={path} revision={r.revision} reasons={record.rejectReasons} onDecided={(after) => setRecord({ ...record, registration: { ...record.registration, ...after } })} onApiError={onApiError} />
      ) : null}
      {r.state === 'rejected' && canReopen && record.purgedAt === undefined ? (
        <Reopen path={path} revision={r.revision} onReopened={(after) => setRecord({ ...record, registration: { ...record.registration, ...after } })} onApiError={onApiError} />
      ) : null}
    </article>
  );
}
