// The audit trail (auditors, admins): the newest entries, and a check of the whole hash chain.
import { useEffect, useState } from 'react';
import { z } from 'zod';
import { AuditCheckSchema, AuditEntrySchema } from '../../shared/staff';
import { call } from '../api';
import { useT } from '../i18n/use-t';

export function AuditPage({ onApiError }: { onApiError: (e: unknown) => void }) {
  const t = useT();
  const [entries, setEntries] = useState<z.infer<typeof AuditEntrySchema>[] | null>(null);
  const [check, setCheck] = useState<z.infer<typeof AuditCheckSchema> | null>(null);

  useEffect(() => {
    call<unknown>('GET', '/audit').then((body) => setEntries(z.array(AuditEntrySchema).parse(body)), onApiError);
  }, [onApiError]);

  const verify = (): void => {
    call<unknown>('POST', '/audit/verify').then((body) => setCheck(AuditCheckSchema.parse(body)), onApiError);
  };

  return (
    <section aria-labelledby="audit-title">
      <h1 id="audit-title">{t('audit.title')}</h1>
      <button type="button" className="bo-button bo-button--primary" onClick={verify}>{t('audit.verify')}</button>
      {check ? (
        <p className={check.ok ? 'bo-notice' : 'bo-error'} role={check.ok ? 'status' : 'alert'}>
          {check.ok ? t('audit.ok', { entries: check.entries }) : t('audit.broken', { seq: check.brokenAt ?? 0, reason: check.reason ?? '' })}
        </p>
      ) : null}
      {entries ? (
        <table className="bo-table">
          <thead><tr><th scope="col">#</th><th scope="col">{t('audit.at')}</th><th scope="col">{t('audit.actor')}</th><th scope="col">{t('audit.action')}</th><th scope="col">{t('audit.subject')}</th></tr></thead>
          <tbody>
            {entries.map((e) => (
              <tr key={e.seq}><td>{e.seq}</td><td>{new Date(e.at).toLocaleString()}</td><td>{e.actor}</td><td>{e.action}</td><td>{e.subject ?? '—'}</td></tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}
