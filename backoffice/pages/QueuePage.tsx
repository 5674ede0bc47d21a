// The queue: registrations oldest first, filtered by state, profile, kiosk and the day received, a
// page at a time; or found by an exact NIK (POST: the NIK stays out of URLs), registration number or
// the number on the applicant's printed receipt.
// Each row says who has the record open now.
import { useContext, useEffect, useState, type FormEvent } from 'react';
import { z } from 'zod';
import { ReviewFacetsSchema, ReviewRowSchema } from '../../shared/review';
import { call } from '../api';
import { STAFF_API } from '../../shared/staff';
import { isValidReceiptNumber } from '../../shared/receipt';
import { LocaleContext, useT } from '../i18n/use-t';

type Row = z.infer<typeof ReviewRowSchema>;
type Facets = z.infer<typeof ReviewFacetsSchema>;
const STATES = ['received', 'numbered', 'rejected'] as const;
/** The server's page size: a full page means there may be more. */
const PAGE = 50;
const NUMBER = /^[A-Z][A-Z0-9]{1,11}-\d{4}-\d{7}$/;

interface Filter { state: string; profile: string; device: string; from: string; to: string }
const FIRST: Filter = { state: 'received', profile: '', device: '', from: '', to: '' };

/** A day picked on this computer, as the instant it starts here (ISO): `to` is the start of the day after. */
const dayStart = (day: string, plusDays = 0): string => {
  const d = new Date(`${day}T00:00`);
  d.setDate(d.getDate() + plusDays);
  return d.toISOString();
};

function listQuery(f: Filter, after: number): string {
  const q = new URLSearchParams();
  if (f.state) q.set('state', f.state);
  if (f.profile) q.set('profile', f.profile);
  if (f.device) q.set('device', f.device);
  if (f.from) q.set('from', dayStart(f.from));
  if (f.to) q.set('to', dayStart(f.to, 1));
  if (after > 0) q.set('after', String(after));
  const s = q.toString();
  return s ? `?${s}` : '';
}

export function QueuePage({ onOpen, onApiError }: { onOpen: (deviceId: string, recordId: string) => void; onApiError: (e: unknown) => void }) {
  const t = useT();
  const locale = useContext(LocaleContext);
  const [filter, setFilter] = useState<Filter>(FIRST);
  const [facets, setFacets] = useState<Facets | null>(null);
  const [lookup, setLookup] = useState('');
  /** The list (GET, with the positions of the pages before this one), or one NIK / number looked up. */
  const [query, setQuery] = useState<{ pages: number[] } | { nik: string } | { number: string } | { receipt: string }>({ pages: [0] });
  const [rows, setRows] = useState<Row[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    call<unknown>('GET', '/registrations/facets').then((body) => setFacets(ReviewFacetsSchema.parse(body)), onApiError);
  }, [onApiError]);

  useEffect(() => {
    let live = true;
    const asked = 'nik' in query
      ? call<unknown>('POST', '/registrations/search', { nik: query.nik })
      : call<unknown>('GET', `/registrations${'number' in query ? `?number=${query.number}` : 'receipt' in query ? `?receipt=${query.receipt}` : listQuery(filter, query.pages.at(-1) ?? 0)}`);
    asked.then(
      (body) => { if (live) { setRows(z.array(ReviewRowSchema).parse(body)); setError(null); } },
      (err: unknown) => { if (live) { setError((err as Error).message); onApiError(err); } },
    );
    return () => { live = false; };
  }, [query, filter, onApiError]);

  const change = (part: Partial<Filter>): void => {
    const next = { ...filter, ...part };
    if (next.from && next.to && next.to < next.from) { setError(t('queue.datesReversed')); return; }
    setFilter(next);
    setQuery({ pages: [0] });
  };

  const search = (e: FormEvent): void => {
    e.preventDefault();
    const typed = lookup.replace(/\s/g, '').toUpperCase();
    if (/^\d{16}$/.test(typed)) setQuery({ nik: typed });
    else if (NUMBER.test(typed)) setQuery({ number: typed });
    else if (isValidReceiptNumber(typed)) setQuery({ receipt: typed });
    else setError(t('queue.lookupInvalid'));
  };

  const pages = 'pages' in query ? query.pages : null;
  return (
    <section aria-labelledby="queue-title">
      <h1 id="queue-title">{t('queue.title')}</h1>
      <div className="bo-filters">
        <label className="bo-field">
          <span>{t('queue.state')}</span>
          <select value={filter.state} onChange={(e) => change({ state: e.target.value })}>
            <option value="">{t('queue.all')}</option>
            {STATES.map((s) => <option key={s} value={s}>{t(`queue.${s}`)}</option>)}
          </select>
        </label>
        <label className="bo-field">
          <span>{t('queue.profile')}</span>
          <select value={filter.profile} onChange={(e) => change({ profile: e.target.value })}>
            <option value="">{t('queue.all')}</option>
            {facets?.profiles.map((p) => <option key={p.id} value={p.id}>{p.title[locale]}</option>)}
          </select>
        </label>
        <label className="bo-field">
          <span>{t('queue.kiosk')}</span>
          <select value={filter.device} onChange={(e) => change({ device: e.target.value })}>
            <option value="">{t('queue.all')}</option>
            {facets?.kiosks.map((k) => <option key={k.deviceId} value={k.deviceId}>{t('queue.kioskOption', { id: k.name ?? `${k.deviceId.slice(0, 8)}…`, count: k.registrations })}</option>)}
          </select>
        </label>
        <label className="bo-field">
          <span>{t('queue.from')}</span>
          <input type="date" value={filter.from} onChange={(e) => change({ from: e.target.value })} />
        </label>
        <label className="bo-field">
          <span>{t('queue.to')}</span>
          <input type="date" value={filter.to} onChange={(e) => change({ to: e.target.value })} />
        </label>
        <form onSubmit={search} className="bo-inline" noValidate>
          <label className="bo-field">
            <span>{t('queue.lookup')}</span>
            <input autoComplete="off" value={lookup} onChange={(e) => setLookup(e.target.value)} />
          </label>
          <button type="submit" className="bo-button">{t('queue.search')}</button>
          {pages ? null : <button type="button" className="bo-button" onClick={() => { setLookup(''); setQuery({ pages: [0] }); }}>{t('queue.reset')}</button>}
        </form>
      </div>
      {pages ? <p><a className="bo-button" href={`${STAFF_API}/registrations/export.csv${listQuery(filter, 0)}`} download="pendaftaran.csv">{t('queue.export')}</a></p> : null}
      {error ? <p className="bo-error" role="alert">{error}</p> : null}
      {rows && rows.length === 0 ? <p>{t('queue.empty')}</p> : null}
      {rows && rows.length > 0 ? (
        <table className="bo-table">
          <thead>
            <tr>
              <th scope="col">{t('queue.receivedAt')}</th><th scope="col">{t('queue.receipt')}</th><th scope="col">{t('queue.profile')}</th><th scope="col">{t('queue.kiosk')}</th>
              <th scope="col">{t('queue.state')}</th><th scope="col">{t('queue.number')}</th><th scope="col">{t('queue.openedBy')}</th>
              <th scope="col"><span className="bo-hidden">{t('queue.open')}</span></th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={`${r.deviceId}/${r.recordId}`}>
                <td>{new Date(r.receivedAt).toLocaleString()}</td>
                <td>{r.receiptNumber ?? '—'}</td>
                <td>{r.profileId}</td>
                <td>{r.deviceId.slice(0, 8)}</td>
                <td>{t(`queue.${r.state}`)}</td>
                <td>{r.registrationNumber ?? '—'}</td>
                <td>{r.claimedBy.length > 0 ? r.claimedBy.join(', ') : '—'}</td>
                <td><button type="button" className="bo-button" onClick={() => onOpen(r.deviceId, r.recordId)} aria-label={`${t('queue.open')} ${new Date(r.receivedAt).toLocaleString()}`}>{t('queue.open')}</button></td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {pages && rows ? (
        <nav className="bo-inline" aria-label={t('queue.pages')}>
          <button type="button" className="bo-button" disabled={pages.length < 2} onClick={() => setQuery({ pages: pages.slice(0, -1) })}>{t('queue.previous')}</button>
          <span>{t('queue.page', { page: pages.length })}</span>
          <button type="button" className="bo-button" disabled={rows.length < PAGE} onClick={() => setQuery({ pages: [...pages, rows.at(-1)?.position ?? 0] })}>{t('queue.more')}</button>
        </nav>
      ) : null}
    </section>
  );
}
