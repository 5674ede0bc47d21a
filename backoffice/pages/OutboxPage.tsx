// The applicants' e-mail as admins see it: how many are owed, sent or refused, and each one's
// attempts and last error code — never an address or a word of a message. A growing number owed
// means the SMTP server is down or refusing: the decisions stand, and the mail goes once it answers.
import { useEffect, useState } from 'react';
import { z } from 'zod';
import { OutboxEntrySchema } from '../../shared/staff';
import { call } from '../api';
import { useT } from '../i18n/use-t';

type Entry = z.infer<typeof OutboxEntrySchema>;
/** The server's page size: a full page means there may be more. */
const PAGE = 100;

export function OutboxPage({ onApiError }: { onApiError: (e: unknown) => void }) {
  const t = useT();
  /** Each page starts after a row id; the first after none. */
  const [pages, setPages] = useState<number[]>([0]);
  const [rows, setRows] = useState<Entry[] | null>(null);
  const after = pages.at(-1) ?? 0;

  useEffect(() => {
    call<unknown>('GET', after > 0 ? `/outbox?after=${after}` : '/outbox').then((body) => setRows(z.array(OutboxEntrySchema).parse(body)), onApiError);
  }, [after, onApiError]);

  const count = (state: Entry['state']) => rows?.filter((r) => r.state === state).length ?? 0;
  const time = (iso: string | null) => (iso ? new Date(iso).toLocaleString() : '—');
  return (
    <section aria-labelledby="outbox-title">
      <h1 id="outbox-title">{t('outbox.title')}</h1>
      <p>{t('outbox.explain')}</p>
      {rows ? <p role="status">{t('outbox.summary', { pending: count('pending'), sent: count('sent'), failed: count('failed') })}</p> : null}
      {rows && rows.length === 0 ? <p>{t('outbox.empty')}</p> : null}
      {rows && rows.length > 0 ? (
        <table className="bo-table">
          <thead>
            <tr>
              <th scope="col">#</th><th scope="col">{t('outbox.kind')}</th><th scope="col">{t('outbox.state')}</th><th scope="col">{t('outbox.attempts')}</th>
              <th scope="col">{t('outbox.lastError')}</th><th scope="col">{t('outbox.next')}</th><th scope="col">{t('outbox.sentAt')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.id}>
                <td>{r.id}</td><td>{t(`outbox.kind.${r.kind}`)}</td><td>{t(`outbox.state.${r.state}`)}</td><td>{r.attempts}</td>
                <td>{r.lastError ?? '—'}</td><td>{time(r.nextAttemptAt)}</td><td>{time(r.sentAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {rows ? (
        <nav className="bo-inline" aria-label={t('outbox.pages')}>
          <button type="button" className="bo-button" disabled={pages.length < 2} onClick={() => setPages(pages.slice(0, -1))}>{t('queue.previous')}</button>
          <button type="button" className="bo-button" disabled={rows.length < PAGE} onClick={() => setPages([...pages, rows.at(-1)?.id ?? 0])}>{t('queue.more')}</button>
        </nav>
      ) : null}
    </section>
  );
}
