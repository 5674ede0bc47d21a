// The review API (/staff/api/registrations…, reviewers and admins): the queue with filters and NIK
// search through the server's HMAC, one record opened in memory (audited, never cached), and the
// decisions — approve (the number from the profile's numbering) or reject with one of the profile's
// reasons and a note — and an admin's reopening of a rejection. A decision names the revision the
// reviewer saw; a record decided or reopened meanwhile is refused as stale. A reviewer's page claims
// the record it shows, so two reviewers see each other. Every open is audited; every decision's
// audit entry and the applicant's e-mail (composed from the record opened in memory, server/mail/)
// commit in the decision's own transaction. No personal data is returned but to the page, or logged.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { Profile } from '../../shared/profile';
import { ApproveRequestSchema, NikSearchSchema, RejectRequestSchema, ReopenRequestSchema, ReviewQuerySchema, type OpenedRecord, type ReviewQuery } from '../../shared/review';
import { STAFF_API } from '../../shared/staff';
import type { ServerKeys } from '../keys';
import type { Claim, Decision, ListedRegistration, RegistrationRow, ReviewFilter, ServerStore } from '../store/server-store';
import { requireStaff } from '../staff/session';
import type { AuditTrail } from '../staff/audit-trail';
import { uniqueKeyHash } from '../unique-key';
import { reviewOpener, type OpenedForReview } from './open-record';
import { decisionMailComposer } from '../mail/compose';
import { invalid, refuse } from '../staff/replies';
import { registrationsCsv } from './export-csv';

const PAGE = 50;
/** One export's rows at most: a month of a busy office; narrow the filter for more. */
const EXPORT_LIMIT = 10_000;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;


const rowOf = (deviceId: string, r: RegistrationRow) => ({
  deviceId, recordId: r.recordId, profileId: r.profileId, state: r.state, receivedAt: r.receivedAt,
  registrationNumber: r.registrationNumber, receiptNumber: r.receiptNumber, decisionReason: r.decisionReason, decidedAt: r.decidedAt, revision: r.revision,
});
const claimOf = (c: Claim) => ({ username: c.username, since: new Date(c.sinceMs).toISOString() });

interface Params { deviceId: string; recordId: string }

/** received_at is compared as the ISO text both engines store: a date or time given any way is written that way first. */
const isoOf = (t: string | undefined): string | undefined => (t === undefined ? undefined : new Date(t).toISOString());
const filterOf = (q: ReviewQuery): ReviewFilter => ({
  profileId: q.profile, state: q.state, deviceId: q.device, from: isoOf(q.from), to: isoOf(q.to), registrationNumber: q.number, receiptNumber: q.receipt,
});

export function registerReviewRoutes(app: FastifyInstance, { store, keys, profiles, audit }: {
  store: ServerStore; keys: ServerKeys; profiles: ReadonlyMap<string, Profile>; audit: AuditTrail;
}): void {
  const open = reviewOpener(keys);
  const composeMail = decisionMailComposer(keys);
  const staff = store.staff;
  const base = `${STAFF_API}/registrations`;
  const subject = (p: Params) => `${p.deviceId}/${p.recordId}`;
  const validParams = (p: Params) => UUID.test(p.deviceId) && UUID.test(p.recordId);
  /** The registration the path names; undefined for an unknown one or ids that are not UUIDs. */
  const rowAt = async (p: Params): Promise<RegistrationRow | undefined> => (validParams(p) ? (await store.findRegistrations(p.deviceId, [p.recordId]))[0] : undefined);
  const notFound = (reply: FastifyReply) => refuse(reply, 404, { code: 'not-found', message: 'Pendaftaran tidak ditemukan.' });
  /** Queue rows with who has each open now. */
  const listed = async (rows: readonly ListedRegistration[]) => {
    const claims = await store.claimsOn(rows.map((r) => r.id), Date.now());
    return rows.map((r) => ({ ...rowOf(r.deviceId, r), position: r.id, claimedBy: claims.filter((c) => c.registrationId === r.id).map((c) => c.username) }));
  };
  const cannotOpen = (reply: FastifyReply, opened: OpenedForReview & { ok: false }) => opened.reason === 'not-found'
    ? notFound(reply)
    : refuse(reply, 500, { code: 'cannot-open', message: 'Data ini tidak dapat dibuka dengan kunci server ini.' });

  /** The reviewer and the queue's filter from the query string; undefined when refused. */
  async function queueAsked(req: FastifyRequest<{ Querystring: Record<string, string> }>, reply: FastifyReply) {
    const me = await requireStaff(staff, req, reply, ['reviewer', 'admin']);
    if (!me) return undefined;
    const parsed = ReviewQuerySchema.safeParse(req.query);
    if (!parsed.success) return void (await invalid(reply, parsed.error.issues));
    return { me, q: parsed.data, filter: filterOf(parsed.data) };
  }

  app.get<{ Querystring: Record<string, string> }>(base, async (req, reply) => {
    const asked = await queueAsked(req, reply);
    return asked ? listed(await store.listForReview(asked.filter, asked.q.after ?? 0, PAGE)) : reply;
  });

  // The queue as a spreadsheet (CSV): what the list shows — times, profile, kiosk, state, number,
  // reason — never a name or a NIK. Up to EXPORT_LIMIT rows of the filter; the export is audited.
  app.get<{ Querystring: Record<string, string> }>(`${base}/export.csv`, async (req, reply) => {
    const asked = await queueAsked(req, reply);
    if (!asked) return reply;
    const { me, q, filter } = asked;
    const rows: ListedRegistration[] = [];
    for (let page = await store.listForReview(filter, 0, 500); page.length > 0 && rows.length < EXPORT_LIMIT; page = await store.listForReview(filter, page.at(-1)?.id ?? 0, 500)) {
      rows.push(...page.slice(0, EXPORT_LIMIT - rows.length));
    }
    await audit.record({ at: new Date().toISOString(), actor: me.staff.username, action: 'registration.export', detail: { rows: rows.length, state: q.state ?? null, profile: q.profile ?? null } });
    return reply.header('content-type', 'text/csv; charset=utf-8').header('content-disposition', 'attachment; filename="pendaftaran.csv"').send(registrationsCsv(rows));
  });

  // What the queue can be filtered by: the configured profiles and the kiosks that have sent something.
  app.get(`${base}/facets`, async (req, reply) => {
    const me = await requireStaff(staff, req, reply, ['reviewer', 'admin']);
    if (!me) return reply;
    return {
      profiles: [...profiles.values()].map((p) => ({ id: p.id, title: p.title })),
      kiosks: await store.listSenders(),
    };
  });

  app.post(`${base}/search`, async (req, reply) => {
    const me = await requireStaff(staff, req, reply, ['reviewer', 'admin']);
    if (!me) return reply;
    const parsed = NikSearchSchema.safeParse(req.body);
    if (!parsed.success) return invalid(reply, parsed.error.issues);
    const { nik, profile } = parsed.data;
    // One NIK key per profile: the search asks each profile (or the one named) for its HMAC of the NIK.
    const ids = profile ? [profile] : [...profiles.keys()];
    const found = (await Promise.all(ids.map((id) => store.listForReview({ profileId: id, nikHash: uniqueKeyHash(keys.nikKey, id, nik) }, 0, PAGE)))).flat();
    // Which records a NIK search showed (their ids, never the NIK).
    await audit.record({
      at: new Date().toISOString(), actor: me.staff.username, action: 'registration.search-nik',
      detail: { found: found.length, records: found.map((r) => `${r.deviceId}/${r.recordId}`).join(' ').slice(0, 2000) },
    });
    return listed(found);
  });

  app.get<{ Params: Params }>(`${base}/:deviceId/:recordId`, async (req, reply) => {
    const me = await requireStaff(staff, req, reply, ['reviewer', 'admin']);
    if (!me) return reply;
    const row = await rowAt(req.params);
    if (!row) return notFound(reply);
    const { deviceId, recordId } = req.params;
    const opened = await open(deviceId, recordId, await store.findSealed(deviceId, recordId));
    if (!opened.ok) return cannotOpen(reply, opened);
    await audit.record({ at: new Date().toISOString(), actor: me.staff.username, action: 'registration.open', subject: subject(req.params) });
    const claims = row.state === 'received' ? await store.claimRecord(row.id, me.staff.id, Date.now()) : [];
    const { record } = opened;
    const body: OpenedRecord = {
      registration: { ...rowOf(deviceId, row), profileVersion: record.profileVersion, submittedAt: record.submittedAt },
      claims: claims.filter((c) => c.username !== me.staff.username).map(claimOf),
      fields: record.fields,
      acknowledgedWarnings: [...record.acknowledgedWarnings],
      ktp: record.ktp ?? null,
      // The applicant's password and answers stay hashes the reviewer has no use for: not sent.
      selfie: record.selfie ?? null,
      verified: record.verification !== undefined,
      assistedBy: record.assistedBy ?? null,
      rejectReasons: profiles.get(row.profileId)?.rejectReasons ?? [],
      labels: Object.fromEntries((profiles.get(row.profileId)?.fields ?? []).map((f) => [f.name, f.label])),
      ...(row.purgedAt !== null ? { purgedAt: row.purgedAt } : {}),
    };
    // Personal data: never stored by a browser or a proxy.
    return reply.header('cache-control', 'no-store').send(body);
  });

  const stale = (reply: FastifyReply, now: Pick<RegistrationRow, 'state' | 'revision'>) =>
    refuse(reply, 409, { code: 'stale', message: 'Pendaftaran ini sudah berubah sejak Anda membukanya (diputuskan atau dibuka ulang). Muat ulang untuk melihat keadaannya sekarang.', state: now.state, revision: now.revision });

  // Renewed by a reviewer's page every 30 s while the record is open, dropped when it closes.
  app.post<{ Params: Params }>(`${base}/:deviceId/:recordId/claim`, async (req, reply) => {
    const me = await requireStaff(staff, req, reply, ['reviewer', 'admin'], { activity: false });
    if (!me) return reply;
    const row = await rowAt(req.params);
    if (!row) return notFound(reply);
    const claims = row.state === 'received' ? await store.claimRecord(row.id, me.staff.id, Date.now()) : [];
    return { claims: claims.filter((c) => c.username !== me.staff.username).map(claimOf) };
  });
  app.post<{ Params: Params }>(`${base}/:deviceId/:recordId/release`, async (req, reply) => {
    const me = await requireStaff(staff, req, reply, ['reviewer', 'admin'], { activity: false });
    if (!me) return reply;
    const row = await rowAt(req.params);
    if (row) await store.releaseClaim(row.id, me.staff.id);
    return reply.code(204).send();
  });

  /**
   * What a decision is about: the reviewer, the request's body, the row and its profile, and the
   * record opened in memory for its e-mail (one this server cannot open is not decided: its mail
   * would be lost). A record no longer as the reviewer saw it is refused as stale here; one that
   * changes after this read is refused by the store's conditional update. Undefined when refused.
   */
  async function decisionTarget<T extends { seenRevision: number }>(req: FastifyRequest<{ Params: Params }>, reply: FastifyReply, schema: z.ZodType<T>) {
    const me = await requireStaff(staff, req, reply, ['reviewer', 'admin']);
    if (!me) return undefined;
    const parsed = schema.safeParse(req.body);
    if (!parsed.success) return void (await invalid(reply, parsed.error.issues));
    const { deviceId, recordId } = req.params;
    const row = await rowAt(req.params);
    const profile = row && profiles.get(row.profileId);
    if (!row || !profile) return void (await notFound(reply));
    if (row.state !== 'received' || row.revision !== parsed.data.seenRevision) return void (await stale(reply, row));
    const opened = await open(deviceId, recordId, await store.findSealed(deviceId, recordId));
    if (!opened.ok) return void (await cannotOpen(reply, opened));
    return { me, body: parsed.data, row, profile, record: opened.record };
  }

  app.post<{ Params: Params }>(`${base}/:deviceId/:recordId/approve`, async (req, reply) => {
    const target = await decisionTarget(req, reply, ApproveRequestSchema);
    if (!target) return reply;
    const { me, row, profile, record } = target;
    const { deviceId, recordId } = req.params;
    const at = new Date();
    const after: Decision = await store.issueNumber(deviceId, recordId, profile.numbering, at, {
      seenRevision: target.body.seenRevision,
      mail: (registrationNumber) => composeMail(profile, deviceId, recordId, record, { kind: 'approved', registrationNumber }),
      audit: audit.within((d) => ({ at: at.toISOString(), actor: me.staff.username, action: 'registration.approve', subject: subject(req.params), detail: { number: d.registrationNumber } })),
    });
    // Only the request whose conditional update changed the row decided it; a concurrent one finds the first one's row.
    if (after?.state !== 'numbered' || !after.decidedHere) return stale(reply, after ?? row);
    return rowOf(deviceId, after);
  });

  app.post<{ Params: Params }>(`${base}/:deviceId/:recordId/reject`, async (req, reply) => {
    const target = await decisionTarget(req, reply, RejectRequestSchema);
    if (!target) return reply;
    const { me, body: { reason, note }, row, profile, record } = target;
    const { deviceId, recordId } = req.params;
    const label = profile.rejectReasons.find((r) => r.code === reason)?.label;
    if (!label) return refuse(reply, 400, { code: 'invalid-request', message: 'Data tidak sah: reason' });
    const at = new Date().toISOString();
    // The note reaches the applicant inside the sealed e-mail only: the database keeps no plaintext copy.
    const after: Decision = await store.rejectRegistration(deviceId, recordId, reason, at, {
      seenRevision: target.body.seenRevision,
      mail: await composeMail(profile, deviceId, recordId, record, { kind: 'rejected', reason: label, note: note || null }),
      audit: audit.within(() => ({ at, actor: me.staff.username, action: 'registration.reject', subject: subject(req.params), detail: { reason } })),
    });
    if (after?.state !== 'rejected' || !after.decidedHere) return stale(reply, after ?? row);
    return rowOf(deviceId, after);
  });

  // Admins only: a rejection goes back to the queue for a new decision (which sends its own e-mail).
  // Numbers are never taken back: the applicant was told theirs as a username or account.
  app.post<{ Params: Params }>(`${base}/:deviceId/:recordId/reopen`, async (req, reply) => {
    const me = await requireStaff(staff, req, reply, ['admin']);
    if (!me) return reply;
    const parsed = ReopenRequestSchema.safeParse(req.body);
    if (!parsed.success) return invalid(reply, parsed.error.issues);
    const row = await rowAt(req.params);
    if (!row) return notFound(reply);
    if (row.state === 'numbered') return refuse(reply, 409, { code: 'numbered', message: 'Nomor yang sudah terbit tidak dapat ditarik kembali.' });
    if (row.purgedAt) return refuse(reply, 409, { code: 'purged', message: 'Data dan foto pendaftaran ini sudah dihapus sesuai masa retensi; pendaftaran tidak dapat diputuskan lagi.' });
    const at = new Date().toISOString();
    const after = await store.reopenRegistration(req.params.deviceId, req.params.recordId, parsed.data.seenRevision,
      audit.within((d) => ({ at, actor: me.staff.username, action: 'registration.reopen', subject: subject(req.params), detail: { why: parsed.data.why, revision: d.revision } })));
    if (after?.state !== 'received' || !after.decidedHere) return stale(reply, after ?? row);
    return rowOf(req.params.deviceId, after);
  });
}
