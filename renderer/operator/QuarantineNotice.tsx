// A damaged queue database was moved aside when the kiosk started (electron/services/db/quarantine.ts):
// the operator is told which file, when, and what it still holds — the sealed records still readable
// go into "Ekspor data belum terkirim"; records queued before enrolment, and readable records of a
// file whose device id is damaged (no export can name their device), stay in the file.
import type { QuarantinedDatabase } from '../../shared/operator';
import { useT } from '../i18n/i18n';
import { when } from './when';

export function QuarantineNotice({ databases }: { databases: readonly QuarantinedDatabase[] }) {
  const t = useT();
  if (databases.length === 0) return null;
  return (
    <div className="warning" role="alert">
      <p className="warning__title">{t('operator.quarantine.title')}</p>
      {databases.map((q) => (
        <div key={q.file}>
          <p>{t('operator.quarantine.file', { file: q.file, at: when(q.quarantinedAt) })}</p>
          {q.serverSealed > 0 ? <p>{t('operator.quarantine.readable', { records: q.serverSealed })}</p> : null}
          {q.unexportable > 0 ? <p>{t('operator.quarantine.unexportable', { records: q.unexportable })}</p> : null}
          {q.serverSealed === 0 && q.unexportable === 0 ? <p>{t('operator.quarantine.noneReadable')}</p> : null}
          {q.deviceSealed > 0 ? <p>{t('operator.quarantine.deviceSealed', { records: q.deviceSealed })}</p> : null}
          {q.exportedAt ? <p>{t('operator.quarantine.exported', { at: when(q.exportedAt) })}</p> : null}
        </div>
      ))}
    </div>
  );
}
