// The operator's view of this kiosk: the queue at a glance, the last sync and its last error in plain
// words with what to do, the device, and this kiosk's records (receipt numbers, states, numbers and
// reason codes — records are sealed, so no personal data). "Sinkronkan sekarang" runs a cycle; a
// record waiting after failures can be sent again at once.
import { useEffect, useState } from 'react';
import type { Dashboard as DashboardData, OperatorRecord, OperatorSession } from '../../shared/operator';
import { api } from '../app/api';
import { useT, type MessageKey } from '../i18n/i18n';
import { adviceKey } from './advice';
import { EnrolPanel } from './EnrolPanel';
import { ExportButton } from './ExportButton';
import { CamerasPanel } from './CamerasPanel';
import { AssistButton, type Assist } from './AssistButton';
import { QuarantineNotice } from './QuarantineNotice';
import { when } from './when';

const gigabytes = (bytes: number | null): string => (bytes === null ? '—' : `${(bytes / 1e9).toFixed(1)} GB`);

export function Dashboard({ session, onSessionEnded, onAssist }: {
  session: OperatorSession; onSessionEnded: (error: unknown) => void; onAssist: (assist: Assist) => void;
}) {
  const t = useT();
  const [data, setData] = useState<DashboardData | null>(null);
  const [records, setRecords] = useState<OperatorRecord[]>([]);
  const [busy, setBusy] = useState(false);
  /** Bumped to read everything again (after a re-queue). */
  const [version, setVersion] = useState(0);
  const token = session.session;

  useEffect(() => {
    let live = true;
    Promise.all([api.operator.dashboard({ session: token }), api.operator.records({ session: token })]).then(([d, r]) => {
      if (!live) return;
      setData(d);
      setRecords(r.records);
    }, onSessionEnded);
    return () => { live = false; };
  }, [token, version, onSessionEnded]);

  const syncNow = async (): Promise<void> => {
    setBusy(true);
    try {
      setData(await api.operator.syncNow({ session: token }));
      setRecords((await api.operator.records({ session: token })).records);
    } catch (err) {
      onSessionEnded(err);
    } finally {
      setBusy(false);
    }
  };
  const requeue = async (id: string): Promise<void> => {
    try {
      await api.operator.requeue({ session: token, id });
      setVersion((v) => v + 1);
    } catch (err) {
      onSessionEnded(err);
    }
  };

  if (!data) return <p role="status">{t('operator.loading')}</p>;
  const s = data.sync;
  return (
    <section className="step operator" aria-labelledby="operator-title">
      <h1 id="operator-title">{t('operator.title')}</h1>
      <QuarantineNotice databases={data.quarantined} />
      <h2 className="section-title">{t('operator.intake')}</h2>
      <p role="status">{t(data.intake.open ? 'operator.intakeOpen' : 'operator.intakeClosed')}</p>
      {data.intake.reasons.length > 0 ? (
        <ul className="warning">{data.intake.reasons.map((r) => <li key={r}>{t(`operator.freeze.${r}` as MessageKey)}</li>)}</ul>
      ) : null}
      <h2 className="section-title">{t('operator.queue')}</h2>
      <dl className="operator__facts">
        <dt>{t('operator.pending')}</dt><dd>{s.pending}</dd>
        <dt>{t('operator.awaiting')}</dt><dd>{data.delivered.received}</dd>
        <dt>{t('operator.numbered')}</dt><dd>{data.delivered.numbered}</dd>
        <dt>{t('operator.rejected')}</dt><dd>{data.delivered.rejected + s.rejected}</dd>
        <dt>{t('operator.held')}</dt><dd>{s.held}</dd>
        <dt>{t('operator.oldest')}</dt><dd>{when(s.oldestPendingAt)}</dd>
        <dt>{t('operator.lastSync')}</dt><dd>{when(s.lastSuccessAt)}</dd>
        <dt>{t('operator.connection')}</dt><dd>{t(s.online ? 'operator.online' : 'operator.offline')}</dd>
      </dl>
      {s.lastError || s.blockedBy || s.localError ? (
        <div className="warning" role="status">
          <p className="warning__title">{t('operator.lastError', { code: s.blockedBy ?? s.localError ?? s.lastError?.code ?? '', at: when(s.lastError?.at ?? null) })}</p>
          <p>{t(adviceKey(s.blockedBy ?? s.localError ?? s.lastError?.code ?? '') as MessageKey)}</p>
        </div>
      ) : null}
      <div className="actions actions--inline">
        <button type="button" className="button button--primary" disabled={busy || !s.enrolled} onClick={() => void syncNow()}>{t('operator.syncNow')}</button>
        <ExportButton session={session} onSessionEnded={onSessionEnded} />
        <AssistButton session={session} onAssist={onAssist} onSessionEnded={onSessionEnded} />
      </div>

      <h2 className="section-title">{t('operator.device')}</h2>
      <dl className="operator__facts">
        <dt>{t('operator.deviceId')}</dt><dd>{data.device.deviceId}</dd>
        <dt>{t('operator.server')}</dt><dd>{data.device.serverUrl ?? t('operator.notEnrolled')}</dd>
        <dt>{t('operator.fingerprint')}</dt><dd className="operator__mono">{data.device.serverFingerprint ?? '—'}</dd>
        <dt>{t('operator.profile')}</dt><dd>{`${data.device.profile.id} v${data.device.profile.version}`}</dd>
        <dt>{t('operator.software')}</dt><dd>{data.device.softwareVersion}</dd>
        <dt>{t('operator.disk')}</dt><dd>{gigabytes(data.device.freeDiskBytes)}</dd>
      </dl>
      {/* Enrolment (only while not enrolled; afterwards it shows what just happened). */}
      <EnrolPanel session={token} enrolled={data.device.serverUrl !== null} onEnrolled={() => setVersion((v) => v + 1)} onSessionEnded={onSessionEnded} />

      <CamerasPanel session={session} onSessionEnded={onSessionEnded} />

      <h2 className="section-title">{t('operator.records')}</h2>
      {records.length === 0 ? <p>{t('operator.noRecords')}</p> : (
        <table className="operator__table">
          <thead>
            <tr><th scope="col">{t('operator.receipt')}</th><th scope="col">{t('operator.time')}</th><th scope="col">{t('operator.state')}</th><th scope="col">{t('operator.result')}</th><th scope="col"><span className="visually-hidden">{t('operator.actions')}</span></th></tr>
          </thead>
          <tbody>
            {records.map((r) => (
              <tr key={r.id}>
                <td>{r.receiptNumber}</td>
                <td>{when(r.createdAt)}</td>
                <td>{t(`operator.state.${r.outcome ?? r.state}` as MessageKey)}</td>
                <td>{r.registrationNumber ?? r.reason ?? '—'}</td>
                <td>{r.requeueable ? (
                  <button type="button" className="button" onClick={() => void requeue(r.id)} aria-label={t('operator.requeueFor', { receipt: r.receiptNumber })}>{t('operator.requeue')}</button>
                ) : null}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
