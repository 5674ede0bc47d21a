// The review API (/staff/api/registrations…, reviewers and admins): the queue with filters and NIK
// search through the server's HMAC, one record opened in memory (audited, never cached), and the
// decisions — approve (the number from the profile's numbering) or reject with one of the profile's
// reasons and a note. A decision names the state the reviewer saw; a record decided meanwhile is
// refused as stale. Every open and decision is in the audit trail, without personal data. The
// applicant's e-mail is composed from the record opened in memory and queued in the decision's
// transaction (server/mail/); nothing of it is returned or logged here.
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Profile } from '../../shared/profile';
import { ApproveRequestSchema, NikSearchSchema, RejectRequestSchema, ReviewQuerySchema, type OpenedRecord } from '../../shared/review';
import { STAFF_API, type StaffError } from '../../shared/staff';
import type { ServerKeys } from '../keys';
import type { Decision, ListedRegistration, RegistrationRow, ServerStore } from '../store/server-store';
import { requireStaff } from '../staff/session';
import type { AuditTrail } from '../staff/audit-trail';
import { uniqueKeyHash } from '../unique-key';
import { reviewOpener, type OpenedForReview } from './open-record';
import { decisionMailComposer } from '../mail/compose';

const PAGE = 50;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

const refuse = (reply: FastifyReply, status: number, error: StaffError) => reply.code(status).send(error);
const invalid = (reply: FastifyReply, issues: { path: PropertyKey[] }[]) =>
  refuse(reply, 400, { code: 'invalid-request', message: `Data tidak sah: ${issues.map((i) => i.path.map(String).join('.')).join(', ')}` });

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
  /** The record for its e-mail; a record this server cannot open is not decided (its mail would be lost). */
  const cannotOpen = (reply: FastifyReply, opened: OpenedForReview & { ok: false }) => opened.reason === 'not-found'
    ? refuse(reply, 404, { code: 'not-found', message: 'Pendaftaran tidak ditemukan.' })
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
    if (!validParams(req.params)) return refuse(reply, 404, { code: 'not-found', message: 'Pendaftaran tidak ditemukan.' });
    const { deviceId, recordId } = req.params;
    const [row] = await store.findRegistrations(deviceId, [recordId]);
    const opened = row ? await open(deviceId, recordId, await store.findSealed(deviceId, recordId)) : { ok: false as const, reason: 'not-found' as const };
    if (!row || !opened.ok) {
      return opened.ok || opened.reason === 'not-found'
        ? refuse(reply, 404, { code: 'not-found', message: 'Pendaftaran tidak ditemukan.' })
        : refuse(reply, 500, { code: 'cannot-open', message: 'Data ini tidak dapat dibuka dengan kunci server ini.' });
    }
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

  app.post<{ Params: Params }>(`${base}/:deviceId/:recordId/approve`, async (req, reply) => {
    const me = await requireStaff(staff, req, reply, ['reviewer', 'admin']);
    if (!me) return reply;
    const parsed = ApproveRequestSchema.safeParse(req.body);
    if (!parsed.success) return invalid(reply, parsed.error.issues);
    if (!validParams(req.params)) return refuse(reply, 404, { code: 'not-found', message: 'Pendaftaran tidak ditemukan.' });
    const { deviceId, recordId } = req.params;
    const [row] = await store.findRegistrations(deviceId, [recordId]);
    const profile = row && profiles.get(row.profileId);
    if (!row || !profile) return refuse(reply, 404, { code: 'not-found', message: 'Pendaftaran tidak ditemukan.' });
    const at = new Date();
    let after: Decision = { ...row, decidedHere: false };
    if (row.state === 'received') {
      const opened = await open(deviceId, recordId, await store.findSealed(deviceId, recordId));
      if (!opened.ok) return cannotOpen(reply, opened);
      after = await store.issueNumber(deviceId, recordId, profile.numbering, at,
        (registrationNumber) => composeMail(profile, deviceId, recordId, opened.record, { kind: 'approved', registrationNumber }));
    }
    // Only the request whose conditional update changed the row decided it; a concurrent one finds the first one's row.
    if (after?.state !== 'numbered' || !after.decidedHere) {
      return refuse(reply, 409, { code: 'stale', message: 'Pendaftaran ini sudah diputuskan oleh petugas lain.', state: after?.state ?? row.state });
    }
    await audit.record({ at: at.toISOString(), actor: me.staff.username, action: 'registration.approve', subject: subject(req.params), detail: { number: after.registrationNumber } });
    return rowOf(deviceId, after);
  });

  app.post<{ Params: Params }>(`${base}/:deviceId/:recordId/reject`, async (req, reply) => {
    const me = await requireStaff(staff, req, reply, ['reviewer', 'admin']);
    if (!me) return reply;
    const parsed = RejectRequestSchema.safeParse(req.body);
    if (!parsed.success) return invalid(reply, parsed.error.issues);
    if (!validParams(req.params)) return refuse(reply, 404, { code: 'not-found', message: 'Pendaftaran tidak ditemukan.' });
    const { deviceId, recordId } = req.params;
    const [row] = await store.findRegistrations(deviceId, [recordId]);
    const profile = row && profiles.get(row.profileId);
    if (!row || !profile) return refuse(reply, 404, { code: 'not-found', message: 'Pendaftaran tidak ditemukan.' });
    const { reason, note } = parsed.data;
    if (!profile.rejectReasons.some((r) => r.code === reason)) return refuse(reply, 400, { code: 'invalid-request', message: 'Data tidak sah: reason' });
    const at = new Date().toISOString();
    let after: Decision = { ...row, decidedHere: false };
    if (row.state === 'received') {
      const opened = await open(deviceId, recordId, await store.findSealed(deviceId, recordId));
      if (!opened.ok) return cannotOpen(reply, opened);
      const label = profile.rejectReasons.find((r) => r.code === reason)?.label ?? { id: reason, en: reason };
      const mail = await composeMail(profile, deviceId, recordId, opened.record, { kind: 'rejected', reason: label, note: note || null });
      // The note reaches the applicant inside the sealed e-mail only: the database keeps no plaintext copy.
      after = await store.rejectRegistration(deviceId, recordId, reason, at, mail);
    }
    if (after?.state !== 'rejected' || !after.decidedHere) {
      return refuse(reply, 409, { code: 'stale', message: 'Pendaftaran ini sudah diputuskan oleh petugas lain.', state: after?.state ?? row.state });
    }
    await audit.record({ at, actor: me.staff.username, action: 'registration.reject', subject: subject(req.params), detail: { reason } });
    return rowOf(deviceId, after);
  });
}
