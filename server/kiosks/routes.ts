// The kiosk API of the back office (/staff/api/kiosks…, /staff/api/enrol-codes; admins only): the
// enrolled kiosks with what they last reported, a name and location for each, revocation with a
// reason, and one-time enrolment codes with their QR (shared/enrolment-qr.ts). Every change is in
// the audit trail without its free text (a name, a location or a reason may name a person), and an
// enrolment code itself is never logged or audited: it is a secret until it is used.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { toDataURL } from 'qrcode';
import { EnrolCodeRequestSchema, KioskUpdateSchema, RevokeKioskSchema, type EnrolCodeAnswer, type KioskRow } from '../../shared/kiosks';
import { encodeEnrolmentQr, serverKeyFingerprint, ServerOriginSchema } from '../../shared/enrolment-qr';
import { STAFF_API } from '../../shared/staff';
import { issueEnrolCode } from '../devices';
import type { ServerKeys } from '../keys';
import type { ServerStore } from '../store/server-store';
import type { AuditTrail } from '../staff/audit-trail';
import { requireStaff } from '../staff/session';
import { invalid, refuse } from '../staff/replies';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export interface KioskRouteDeps {
  readonly store: ServerStore;
  readonly keys: ServerKeys;
  readonly audit: AuditTrail;
  /** Where kiosks reach this server (--kiosk-origin); absent: the origin the admin's browser used. */
  readonly kioskOrigin?: string | undefined;
  readonly now: () => Date;
}

interface Params { deviceId: string }

/**
 * The origin the admin's browser is on: its Origin header (a POST from the page sends one, already
 * checked to be this server's), else protocol and Host as Fastify reads them — behind a TLS proxy
 * without --trust-proxy that would say http, so the browser's own word comes first.
 */
function requestOrigin(req: FastifyRequest): string | undefined {
  const sent = typeof req.headers.origin === 'string' ? req.headers.origin.toLowerCase() : undefined;
  const origin = sent ?? `${req.protocol}://${req.host.toLowerCase()}`;
  return ServerOriginSchema.safeParse(origin).success ? origin : undefined;
}

export function registerKioskRoutes(app: FastifyInstance, { store, keys, audit, kioskOrigin, now }: KioskRouteDeps): void {
  const staff = store.staff;
  const base = `${STAFF_API}/kiosks`;
  // The keys exactly as the enrolment answer carries them (app.ts, /v1/devices/enrol).
  const fingerprint = serverKeyFingerprint({ sealingPublicKey: keys.sealing.publicKey.toString('base64url'), receiptPublicKey: keys.receipts.publicKey });
  const notFound = (reply: FastifyReply) => refuse(reply, 404, { code: 'not-found', message: 'Kios tidak ditemukan.' });
  const admin = (req: FastifyRequest, reply: FastifyReply) => requireStaff(staff, req, reply, ['admin']);

  app.get(base, async (req, reply) => {
    if (!(await admin(req, reply))) return reply;
    return (await store.kiosks.list()) satisfies KioskRow[];
  });

  app.post<{ Params: Params }>(`${base}/:deviceId`, async (req, reply) => {
    const me = await admin(req, reply);
    if (!me) return reply;
    const parsed = KioskUpdateSchema.safeParse(req.body);
    if (!parsed.success) return invalid(reply, parsed.error.issues);
    if (!UUID.test(req.params.deviceId)) return notFound(reply);
    const { name, location } = parsed.data;
    const entry = audit.with({ at: now().toISOString(), actor: me.staff.username, action: 'kiosk.rename', subject: req.params.deviceId });
    if (!(await store.kiosks.rename(req.params.deviceId, name || null, location || null, entry))) return notFound(reply);
    return reply.code(204).send();
  });

  app.post<{ Params: Params }>(`${base}/:deviceId/revoke`, async (req, reply) => {
    const me = await admin(req, reply);
    if (!me) return reply;
    const parsed = RevokeKioskSchema.safeParse(req.body);
    if (!parsed.success) return invalid(reply, parsed.error.issues);
    if (!UUID.test(req.params.deviceId)) return notFound(reply);
    const entry = audit.with({ at: now().toISOString(), actor: me.staff.username, action: 'kiosk.revoke', subject: req.params.deviceId });
    const outcome = await store.kiosks.revoke(req.params.deviceId, now().toISOString(), parsed.data.reason, entry);
    if (outcome === 'not-found') return notFound(reply);
    if (outcome === 'already-revoked') return refuse(reply, 409, { code: 'already-revoked', message: 'Kios ini sudah dicabut sebelumnya.' });
    return reply.code(204).send();
  });

  app.post(`${STAFF_API}/enrol-codes`, async (req, reply) => {
    const me = await admin(req, reply);
    if (!me) return reply;
    const parsed = EnrolCodeRequestSchema.safeParse(req.body ?? {});
    if (!parsed.success) return invalid(reply, parsed.error.issues);
    const serverUrl = kioskOrigin ?? requestOrigin(req);
    if (!serverUrl) {
      return refuse(reply, 400, { code: 'invalid-request', message: 'Alamat server tidak dapat ditentukan. Jalankan server dengan --kiosk-origin.' });
    }
    const ttlHours = parsed.data.ttlHours ?? 24;
    const { code, expiresAt } = await issueEnrolCode(store, now(), ttlHours, me.staff.username);
    await audit.record({ at: now().toISOString(), actor: me.staff.username, action: 'enrol-code.create', detail: { ttlHours, expiresAt } });
    const qrImage = await toDataURL(encodeEnrolmentQr({ serverUrl, code, fingerprint }), { errorCorrectionLevel: 'M', margin: 4, scale: 6 });
    return reply.code(201).send({ code, expiresAt, serverUrl, fingerprint, qrImage } satisfies EnrolCodeAnswer);
  });
}
