// The review API (/staff/api/registrations…, reviewers and admins): the queue with filters and NIK
// search through the server's HMAC, one record opened in memory (audited, never cached), and the
// decisions — approve (the number from the profile's numbering) or reject with one of the profile's
// reasons and a note. A decision names the state the reviewer saw; a record decided meanwhile is
// refused as stale. Every open and decision is in the audit trail, without personal data. The
// applicant's e-mail is composed from the record opened in memory and queued in the decision's
// transaction (server/mail/); nothing of it is returned or logged here.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { Profile } from '../../shared/profile';
import { ApproveRequestSchema, NikSearchSchema, RejectRequestSchema, ReviewQuerySchema, type OpenedRecord } from '../../shared/review';
import { STAFF_API } from '../../shared/staff';
import type { ServerKeys } from '../keys';
import type { Decision, ListedRegistration, RegistrationRow, ServerStore } from '../store/server-store';
import { requireStaff } from '../staff/session';
import type { AuditTrail } from '../staff/audit-trail';
import { uniqueKeyHash } from '../unique-key';
import { reviewOpener, type OpenedForReview } from './open-record';
import { decisionMailComposer } from '../mail/compose';
import { invalid, refuse } from '../staff/replies';

const PAGE = 50;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;


const rowOf = (deviceId: string, r: RegistrationRow) => ({
  deviceId, recordId: r.recordId, profileId: r.profileId, state: r.state, receivedAt: r.receivedAt,
  registrationNumber: r.registrationNumber, decisionReason: r.decisionReason, decidedAt: r.decidedAt,
});
const listed = (r: ListedRegistration) => ({ ...rowOf(r.deviceId, r), position: r.id });

interface Params { deviceId: string; recordId: string }

export function registerReviewRoutes(app: FastifyInstance, { store, keys, profiles, audit }: {
  store: ServerStore; keys: ServerKeys; profiles: ReadonlyMap<string, Profile>; audit: AuditTrail;
}): void {
  const open = reviewOpener(keys);
  const composeMail = decisionMailComposer(keys);
  const staff = store.staff;
  const base = `${STAFF_API}/registrations`;
  const subject = (p: Params) => `${p.deviceId}/${p.recordId}`;
  const validParams = (p: Params) => UUID.test(p.deviceId) && UUID.test(p.recordId);
  const notFound = (reply: FastifyReply) => refuse(reply, 404, { code: 'not-found', message: 'Pendaftaran tidak ditemukan.' });
  const cannotOpen = (reply: FastifyReply, opened: OpenedForReview & { ok: false }) => opened.reason === 'not-found'
    ? notFound(reply)
    : refuse(reply, 500, { code: 'cannot-open', message: 'Data ini tidak dapat dibuka dengan kunci server ini.' });

  app.get<{ Querystring: Record<string, string> }>(base, async (req, reply) => {
    const me = await requireStaff(staff, req, reply, ['reviewer', 'admin']);
    if (!me) return reply;
    const parsed = ReviewQuerySchema.safeParse(req.query);
    if (!parsed.success) return invalid(reply, parsed.error.issues);
    const q = parsed.data;
    const filter = { profileId: q.profile, state: q.state, deviceId: q.device, from: q.from, to: q.to, registrationNumber: q.number };
    return (await store.listForReview(filter, q.after ?? 0, PAGE)).map(listed);
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
    return found.map(listed);
  });

  app.get<{ Params: Params }>(`${base}/:deviceId/:recordId`, async (req, reply) => {
    const me = await requireStaff(staff, req, reply, ['reviewer', 'admin']);
    if (!me) return reply;
    if (!validParams(req.params)) return notFound(reply);
    const { deviceId, recordId } = req.params;
    const [row] = await store.findRegistrations(deviceId, [recordId]);
    if (!row) return notFound(reply);
    const opened = await open(deviceId, recordId, await store.findSealed(deviceId, recordId));
    if (!opened.ok) return cannotOpen(reply, opened);
    await audit.record({ at: new Date().toISOString(), actor: me.staff.username, action: 'registration.open', subject: subject(req.params) });
    const { record } = opened;
    const body: OpenedRecord = {
      registration: { ...rowOf(deviceId, row), profileVersion: record.profileVersion, submittedAt: record.submittedAt },
      fields: record.fields,
      acknowledgedWarnings: [...record.acknowledgedWarnings],
      ktp: record.ktp ?? null,
      // The applicant's password and answers stay hashes the reviewer has no use for: not sent.
      selfie: record.selfie ?? null,
      verified: record.verification !== undefined,
      rejectReasons: profiles.get(row.profileId)?.rejectReasons ?? [],
      labels: Object.fromEntries((profiles.get(row.profileId)?.fields ?? []).map((f) => [f.name, f.label])),
    };
    // Personal data: never stored by a browser or a proxy.
    return reply.header('cache-control', 'no-store').send(body);
  });

  const stale = (reply: FastifyReply, now: RegistrationRow['state']) =>
    refuse(reply, 409, { code: 'stale', message: 'Pendaftaran ini sudah diputuskan oleh petugas lain.', state: now });

  /**
   * What a decision is about: the reviewer, the request's body, the row and its profile, and — while
   * the record is still 'received' — the record opened in memory for its e-mail (one this server
   * cannot open is not decided: its mail would be lost). Undefined when a refusal was sent.
   */
  async function decisionTarget<T>(req: FastifyRequest<{ Params: Params }>, reply: FastifyReply, schema: z.ZodType<T>) {
    const me = await requireStaff(staff, req, reply, ['reviewer', 'admin']);
    if (!me) return undefined;
    const parsed = schema.safeParse(req.body);
    if (!parsed.success) return void (await invalid(reply, parsed.error.issues));
    if (!validParams(req.params)) return void (await notFound(reply));
    const { deviceId, recordId } = req.params;
    const [row] = await store.findRegistrations(deviceId, [recordId]);
    const profile = row && profiles.get(row.profileId);
    if (!row || !profile) return void (await notFound(reply));
    if (row.state !== 'received') return { me, body: parsed.data, row, profile, record: null };
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
    const after: Decision = record === null ? { ...row, decidedHere: false } : await store.issueNumber(deviceId, recordId, profile.numbering, at,
      (registrationNumber) => composeMail(profile, deviceId, recordId, record, { kind: 'approved', registrationNumber }));
    // Only the request whose conditional update changed the row decided it; a concurrent one finds the first one's row.
    if (after?.state !== 'numbered' || !after.decidedHere) return stale(reply, after?.state ?? row.state);
    await audit.record({ at: at.toISOString(), actor: me.staff.username, action: 'registration.approve', subject: subject(req.params), detail: { number: after.registrationNumber } });
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
    const after: Decision = record === null ? { ...row, decidedHere: false } : await store.rejectRegistration(deviceId, recordId, reason, at,
      await composeMail(profile, deviceId, recordId, record, { kind: 'rejected', reason: label, note: note || null }));
    if (after?.state !== 'rejected' || !after.decidedHere) return stale(reply, after?.state ?? row.state);
    await audit.record({ at, actor: me.staff.username, action: 'registration.reject', subject: subject(req.params), detail: { reason } });
    return rowOf(deviceId, after);
  });
}
