// The audit trail (auditors, admins): the newest entries a page at a time, and a check of the whole hash chain.
import { useEffect, useState } from 'react';
import { z } from 'zod';
import { AuditCheckSchema, AuditEntrySchema } from '../../shared/staff';
import { call } from '../api';
import { useT } from '../i18n/use-t';

/** The server's page size: a full page means there are older entries. */
const PAGE = 100;

export function AuditPage({ onApiError }: { onApiError: (e: unknown) => void }) {
  const t = useT();
  const [entries, setEntries] = useState<z.infer<typeof AuditEntrySchema>[] | null>(null);
  const [check, setCheck] = useState<z.infer<typeof AuditCheckSchema> | null>(null);
  /** Each page starts before a sequence number; the first (newest) before none. */
  const [pages, setPages] = useState<(number | null)[]>([null]);
  const before = pages.at(-1) ?? null;

  useEffect(() => {
    call<unknown>('GET', before === null ? '/audit' : `/audit?before=${before}`).then((body) => setEntries(z.array(AuditEntrySchema).parse(body)), onApiError);
  }, [before, onApiError]);

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
      {entries ? (
        <nav className="bo-inline" aria-label={t('audit.pages')}>
          <button type="button" className="bo-button" disabled={pages.length < 2} onClick={() => setPages(pages.slice(0, -1))}>{t('audit.newer')}</button>
          <button type="button" className="bo-button" disabled={entries.length < PAGE} onClick={() => setPages([...pages, entries.at(-1)?.seq ?? 1])}>{t('audit.older')}</button>
        </nav>
      ) : null}
    </section>
  );
}
