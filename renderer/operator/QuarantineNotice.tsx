// A damaged queue database was moved aside when the kiosk started (electron/services/db/quarantine.ts):
// the operator is told which file, when, and what it still holds — the sealed records still readable
// go into "Ekspor data belum terkirim"; records queued before enrolment stay encrypted in the file.
import type { QuarantinedDatabase } from '../../shared/operator';
import { useT } from '../i18n/i18n';

const when = (iso: string | null): string => (iso ? new Date(iso).toLocaleString('id-ID') : '—');

export function QuarantineNotice({ databases }: { databases: readonly QuarantinedDatabase[] }) {
  const t = useT();
  if (databases.length === 0) return null;
  return (
    <div className="warning" role="alert">
      <p className="warning__title">{t('operator.quarantine.title')}</p>
      {databases.map((q) => (
        <div key={q.file}>
          <p>{t('operator.quarantine.file', { file: q.file, at: when(q.quarantinedAt) })}</p>
          <p>{t(q.serverSealed > 0 ? 'operator.quarantine.readable' : 'operator.quarantine.noneReadable', { records: q.serverSealed })}</p>
          {q.deviceSealed > 0 ? <p>{t('operator.quarantine.deviceSealed', { records: q.deviceSealed })}</p> : null}
          {q.exportedAt ? <p>{t('operator.quarantine.exported', { at: when(q.exportedAt) })}</p> : null}
        </div>
      ))}
    </div>
  );
}
