// The queue: registrations oldest first, filtered by profile and state, or found by an exact NIK.
import { useEffect, useState, type FormEvent } from 'react';
import { z } from 'zod';
import { ReviewRowSchema } from '../../shared/review';
import { call } from '../api';
import { useT } from '../i18n/use-t';

type Row = z.infer<typeof ReviewRowSchema>;
const STATES = ['received', 'numbered', 'rejected'] as const;

export function QueuePage({ onOpen, onApiError }: { onOpen: (deviceId: string, recordId: string) => void; onApiError: (e: unknown) => void }) {
  const t = useT();
  const [state, setState] = useState<(typeof STATES)[number] | ''>('received');
  const [nik, setNik] = useState('');
  /** A list filter (GET), or an exact NIK (POST: the NIK stays out of URLs). */
  const [query, setQuery] = useState<{ filter: string } | { nik: string }>({ filter: '?state=received' });
  const [rows, setRows] = useState<Row[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    const asked = 'nik' in query ? call<unknown>('POST', '/registrations/search', { nik: query.nik }) : call<unknown>('GET', `/registrations${query.filter}`);
    asked.then(
      (body) => { if (live) { setRows(z.array(ReviewRowSchema).parse(body)); setError(null); } },
      (err: unknown) => { if (live) { setError((err as Error).message); onApiError(err); } },
    );
    return () => { live = false; };
  }, [query, onApiError]);

  const search = (e: FormEvent): void => {
    e.preventDefault();
    const digits = nik.replace(/\s/g, '');
    if (!/^\d{16}$/.test(digits)) { setError(t('queue.nikInvalid')); return; }
    setQuery({ nik: digits });
  };

  return (
    <section aria-labelledby="queue-title">
      <h1 id="queue-title">{t('queue.title')}</h1>
      <div className="bo-filters">
        <label className="bo-field">
          <span>{t('queue.state')}</span>
          <select value={state} onChange={(e) => { const v = e.target.value as typeof state; setState(v); setQuery({ filter: v ? `?state=${v}` : '' }); }}>
            <option value="">{t('queue.all')}</option>
            {STATES.map((s) => <option key={s} value={s}>{t(`queue.${s}`)}</option>)}
          </select>
        </label>
        <form onSubmit={search} className="bo-inline" noValidate>
          <label className="bo-field">
            <span>{t('queue.nik')}</span>
            <input inputMode="numeric" autoComplete="off" value={nik} onChange={(e) => setNik(e.target.value)} />
          </label>
          <button type="submit" className="bo-button">{t('queue.search')}</button>
        </form>
      </div>
      {error ? <p className="bo-error" role="alert">{error}</p> : null}
      {rows && rows.length === 0 ? <p>{t('queue.empty')}</p> : null}
      {rows && rows.length > 0 ? (
        <table className="bo-table">
          <thead>
            <tr><th scope="col">{t('queue.receivedAt')}</th><th scope="col">{t('queue.profile')}</th><th scope="col">{t('queue.kiosk')}</th><th scope="col">{t('queue.state')}</th><th scope="col">{t('queue.number')}</th><th scope="col"><span className="bo-hidden">{t('queue.open')}</span></th></tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={`${r.deviceId}/${r.recordId}`}>
                <td>{new Date(r.receivedAt).toLocaleString()}</td>
                <td>{r.profileId}</td>
                <td>{r.deviceId.slice(0, 8)}</td>
                <td>{t(`queue.${r.state}`)}</td>
                <td>{r.registrationNumber ?? '—'}</td>
                <td><button type="button" className="bo-button" onClick={() => onOpen(r.deviceId, r.recordId)} aria-label={`${t('queue.open')} ${new Date(r.receivedAt).toLocaleString()}`}>{t('queue.open')}</button></td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}
