// The reference central server's HTTP API (Fastify). Every request is validated with the zod
// schemas from shared/; the logger records routes, status codes and device ids — never bodies.
// Nothing here holds state between requests: any number of these processes may serve one database.
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import rateLimit from '@fastify/rate-limit';
import { sha256Hex } from '../node/crypto/request-signing';
import { devicePrefix, isValidReceiptNumber } from '../shared/receipt';
import type { Profile } from '../shared/profile';
import {
  EnrolRequestSchema, OUTCOMES_PATH, RECEIPT_NUMBER_HEADER, OutcomesRequestSchema, REGISTRATIONS_PATH, SIGNATURE_HEADERS,
  type EnrolResponse, type ServerErrorCode, type ServerStatus,
} from '../shared/sync/protocol';
import { log } from '../node/log';
import { authenticate, enrolWithCode, NONCE_RETENTION_MS, type AuthResult } from './devices';
import { createRegistrar } from './registrations';
import { pullOutcomes } from './outcomes';
import { deviceLimiter } from './device-limits';
import { buildOpenApi } from './openapi';
import { registerDirectoryRoutes } from './directory/routes';
import { RECEIPT_VERIFY_PER_ADDRESS, registerReceiptRoutes } from './receipts';
import { registerStaffRoutes } from './staff/routes';
import { loginSecondFactor, registerTotpRoutes } from './staff/totp-routes';
import { auditKeyOf, auditTrail } from './staff/audit-trail';
import { registerKioskAuditIntake } from './kiosks/audit-intake';
import { signedJsonReader } from './signed-json';
import { registerReviewRoutes } from './review/routes';
import { registerOutboxRoutes } from './mail/routes';
import { registerKioskRoutes } from './kiosks/routes';
import { registerOperatorRoutes } from './operators/routes';
import { kioskPresence } from './kiosks/presence';
import { requireStaff } from './staff/session';
import { StaffRoleSchema } from '../shared/staff';
import { registerBackofficePages } from './backoffice-pages';
import { startRetentionJob } from './retention/retention-job';
import type { DirectoryMap } from './directory/settings';
import type { Answer } from './answers';
import type { ServerKeys } from './keys';
import type { ServerStore } from './store/server-store';

/** A KTP and a selfie of ≤ 200 KB each, encoded and sealed: well under this. */
export const BODY_LIMIT = 2 * 1024 * 1024;

/**
 * How long a client may take, so that slow or silent connections (slowloris) cannot hold sockets —
 * and how long the server holds a connection while it works on a request.
 */
export interface ServerTimeouts {
  /** The request line and headers (a few hundred bytes) must have arrived by then (Node's `headersTimeout`). */
  readonly headersMs: number;
  /**
   * The whole request, body included, must have arrived by then (`requestTimeout`; Node stops
   * counting once the request is in, so the time the server takes to answer is not part of it).
   */
  readonly requestMs: number;
  /**
   * A socket on which nothing moves either way for this long is closed (`connectionTimeout`) — also
   * while the server is still working on the request, so it must outlast the longest wait on
   * server-side work (buildServer raises it for the campus directories configured: idleTimeoutFor).
   */
  readonly idleMs: number;
  /** An idle kept-alive connection is closed after this; above a load balancer's usual 60 s (`keepAliveTimeout`). */
  readonly keepAliveMs: number;
  /** How often Node looks for connections past `headersMs`/`requestMs` (it enforces them only then). */
  readonly checkEveryMs: number;
}

/**
 * - requestMs 30 s: a kiosk gives up on an upload, answer included, after 30 s
 *   (electron/services/sync/server-client.ts `uploadTimeoutMs`; its other calls sooner), and starts
 *   counting before the server does, so no kiosk still waiting is cut off; a body still arriving
 *   later comes from a client that has given up or means to hold the socket. (In 30 s a ~300 KB
 *   record needs 80 kbit/s; a body of the full BODY_LIMIT, 560 kbit/s.)
 * - idleMs 60 s: the longest a request waits on the server's own work — one PostgreSQL statement
 *   (10 s for a pooled connection, then its 30 s statement_timeout: store/postgres-database.ts), or a
 *   campus directory at its default timeoutMs (DIRECTORY_ROUND_TRIPS × 5 s) — with room to spare; a
 *   directory configured slower raises it (idleTimeoutFor).
 */
export const DEFAULT_TIMEOUTS: ServerTimeouts = { headersMs: 15_000, requestMs: 30_000, idleMs: 60_000, keepAliveMs: 72_000, checkEveryMs: 2_000 };

/**
 * The directory round trips one account verification may wait on in turn, each for up to the
 * directory's `timeoutMs` (directory/settings.ts, at most 60 s): connecting, StartTLS, the service
 * account's bind, the search, the applicant's bind, the read of the applicant's own entry
 * (directory/ldap-directory.ts).
 */
export const DIRECTORY_ROUND_TRIPS = 6;
/** Beyond the directory's own time: the attempt throttle, the signed assertion, the answer. */
const DIRECTORY_MARGIN_MS = 10_000;

/** The idle timeout: `timeouts.idleMs`, or longer when a configured directory may keep a verification waiting longer. */
export function idleTimeoutFor(timeouts: ServerTimeouts, directories: DirectoryMap): number {
  const slowest = Math.max(0, ...[...directories.values()].map((d) => d.timeoutMs));
  return slowest === 0 ? timeouts.idleMs : Math.max(timeouts.idleMs, DIRECTORY_ROUND_TRIPS * slowest + DIRECTORY_MARGIN_MS);
}

export interface RateLimits {
  /** Authenticated requests per minute per device (a kiosk emptying a week-long backlog stays far below). */
  readonly perDevice: number;
  /** Unsigned requests (health, status, documents) per minute per client address. */
  readonly perAddress: number;
  /** Signed requests per minute per client address, before they are authenticated (a field office's kiosks may share one). */
  readonly signedPerAddress: number;
  /** Enrolment attempts per minute per client address. */
  readonly enrolPerAddress: number;
  /** Printed-receipt verifications per minute per client address (unsigned: anyone holding a card may ask). */
  readonly receiptVerifyPerAddress: number;
  /** Staff login attempts per minute per client address (the per-account lockout is separate). */
  readonly staffLoginPerAddress: number;
}

export const DEFAULT_RATE_LIMITS: RateLimits = {
  perDevice: 12_000, perAddress: 600, signedPerAddress: 60_000, enrolPerAddress: 20, receiptVerifyPerAddress: RECEIPT_VERIFY_PER_ADDRESS,
  staffLoginPerAddress: 30,
};

export interface ServerDeps {
  readonly store: ServerStore;
  readonly keys: ServerKeys;
  readonly profiles: ReadonlyMap<string, Profile>;
  /** Earlier profile versions still accepted (`<id>@<version>`). */
  readonly archivedProfiles?: ReadonlyMap<string, Profile>;
  readonly now?: () => Date;
  readonly rateLimits?: RateLimits;
  readonly timeouts?: ServerTimeouts;
  /** Behind a load balancer: take the client address from X-Forwarded-For. */
  readonly trustProxy?: boolean;
  /** Campus directories that verify accounts, per profile id (server configuration; none by default). */
  readonly directories?: DirectoryMap;
  /** Where kiosks reach this server (--kiosk-origin), for enrolment QR codes; absent: the admin's request's own origin. */
  readonly kioskOrigin?: string;
  /** The origin staff browsers use (--staff-origin), behind a TLS proxy: the cookie is Secure and only it may change state. */
  readonly staffOrigin?: string;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** A JSON body's bytes as received (signatures cover them; octet-stream bodies are the bytes). */
    rawBody?: Buffer;
  }
}

const fail = (code: ServerErrorCode, message: string) => ({ code, message });
/** Which fields failed: paths only, never the values sent. */
const invalidFields = (issues: readonly { path: readonly PropertyKey[] }[]) => fail('invalid-request', `invalid fields: ${issues.map((i) => i.path.join('.')).join(', ')}`);
/** A printed receipt's number as sent, kept only when well-formed and naming the sending device. */
const receiptNumberOf = (sent: string | string[] | undefined, deviceId: string): string | undefined =>
  typeof sent === 'string' && isValidReceiptNumber(sent) && sent.toUpperCase().startsWith(devicePrefix(deviceId)) ? sent.toUpperCase() : undefined;
const send = (reply: FastifyReply, answer: Answer) => reply.code(answer.status).type('application/json; charset=utf-8').send(answer.body);

export async function buildServer({
  store, keys, profiles, archivedProfiles, now = () => new Date(), rateLimits = DEFAULT_RATE_LIMITS, timeouts = DEFAULT_TIMEOUTS, trustProxy = false, directories = new Map(), kioskOrigin, staffOrigin,
}: ServerDeps): Promise<FastifyInstance> {
  const app = Fastify({
    logger: false, bodyLimit: BODY_LIMIT, return503OnClosing: true, trustProxy,
    connectionTimeout: idleTimeoutFor(timeouts, directories), requestTimeout: timeouts.requestMs, keepAliveTimeout: timeouts.keepAliveMs,
    http: { headersTimeout: timeouts.headersMs, connectionsCheckingInterval: timeouts.checkEveryMs },
  });
  const registrar = createRegistrar({ store, keys, profiles, ...(archivedProfiles ? { archivedProfiles } : {}), now });

  app.addContentTypeParser('application/octet-stream', { parseAs: 'buffer', bodyLimit: BODY_LIMIT }, (_req, body, done) => done(null, body));
  app.addContentTypeParser('application/json', { parseAs: 'buffer', bodyLimit: 64 * 1024 }, (req, body, done) => {
    req.rawBody = body as Buffer;
    try {
      done(null, JSON.parse((body as Buffer).toString('utf8')));
    } catch {
      done(Object.assign(new Error('the body is not JSON'), { statusCode: 400, code: 'FST_ERR_CTP_INVALID_JSON' }), undefined);
    }
  });

  // Before anything else, per client address; signed routes have a higher limit of their own, and
  // each device its own limit once its signature checks out (device-limits.ts).
  await app.register(rateLimit, {
    global: true,
    timeWindow: 60_000,
    max: rateLimits.perAddress,
    errorResponseBuilder: (_req, context) => ({ statusCode: 429, code: 'rate-limited', message: `too many requests; retry in ${Math.ceil(context.ttl / 1000)} s` }),
  });
  const perDevice = deviceLimiter(rateLimits.perDevice);
  const presence = kioskPresence(store.kiosks, now);
  const signedRoute = { config: { rateLimit: { max: rateLimits.signedPerAddress, timeWindow: 60_000 } } };

  app.addHook('onResponse', async (req, reply) => {
    const device = req.headers[SIGNATURE_HEADERS.device];
    log.info('server.request', {
      method: req.method, route: req.routeOptions.url ?? 'unknown', status: reply.statusCode,
      ms: Math.round(reply.elapsedTime), device: typeof device === 'string' ? device.slice(0, 36) : undefined,
    });
  });

  app.setErrorHandler((error: { statusCode?: number; code?: string; message?: string }, _req, reply) => {
    if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return reply.code(413).send(fail('payload-too-large', `the body exceeds ${BODY_LIMIT} bytes`));
    if (error.statusCode === 429) return reply.code(429).send(fail('rate-limited', error.message ?? 'too many requests'));
    if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
      return reply.code(error.statusCode).send(fail('invalid-request', error.code ?? 'malformed request'));
    }
    log.error('server.error', { code: error.code ?? 'unknown' });
    return reply.code(500).send(fail('internal', 'internal error'));
  });
  app.setNotFoundHandler((_req, reply) => reply.code(404).send(fail('invalid-request', 'no such route')));

  /** Authenticates a signed request over the exact bytes received (their SHA-256, hex), then counts it for its device. */
  const signed = async (req: FastifyRequest, reply: FastifyReply, path: string, bodySha256: string): Promise<AuthResult> => {
    const auth = await authenticate(store, { method: req.method, path, headers: req.headers, bodySha256 }, now().getTime());
    if (!auth.ok) return auth;
    const allowed = perDevice(auth.deviceId);
    if (allowed.ok) {
      await presence.seen(auth.deviceId, req.headers);
      return auth;
    }
    void reply.header('retry-after', String(allowed.retryAfterSeconds));
    return { ok: false, status: 429, code: 'rate-limited', message: `too many requests from this device; retry in ${allowed.retryAfterSeconds} s` };
  };

  app.get('/v1/health', async () => ({ status: 'ok', serverTime: now().toISOString() }));

  // How many registrations and kiosks there are describes the operation, not the server's health:
  // staff only (any role). Load balancers and monitors use /v1/health. Not the staff member's own
  // doing (a page or a monitor polls it): it neither keeps the session alive nor writes anything.
  app.get('/v1/status', async (req, reply): Promise<ServerStatus | FastifyReply> => {
    if (!(await requireStaff(store.staff, req, reply, StaffRoleSchema.options, { activity: false }))) return reply;
    const counts = await store.counts();
    return { serverTime: now().toISOString(), ...counts, sealingKeyId: keys.sealingKeyId };
  });

  app.get('/v1/openapi.json', async () => buildOpenApi());

  app.post('/v1/devices/enrol', { config: { rateLimit: { max: rateLimits.enrolPerAddress, timeWindow: 60_000 } } }, async (req, reply) => {
    const parsed = EnrolRequestSchema.safeParse(req.body);
    if (!parsed.success) return reply.code(400).send(invalidFields(parsed.error.issues));
    const result = await enrolWithCode(store, parsed.data, now());
    if (!result.ok) return reply.code(result.status).send(fail(result.code, result.message));
    log.info('server.device-enrolled', { device: parsed.data.deviceId });
    const answer: EnrolResponse = {
      deviceId: parsed.data.deviceId,
      sealingPublicKey: keys.sealing.publicKey.toString('base64url'),
      sealingKeyId: keys.sealingKeyId,
      receiptPublicKey: keys.receipts.publicKey,
      enrolledAt: now().toISOString(),
    };
    return answer;
  });

  app.post(REGISTRATIONS_PATH, signedRoute, async (req, reply) => {
    if (!Buffer.isBuffer(req.body)) return reply.code(415).send(fail('invalid-request', 'send the sealed record as application/octet-stream'));
    const body = req.body;
    const bodySha256 = sha256Hex(body);
    const auth = await signed(req, reply, REGISTRATIONS_PATH, bodySha256);
    if (!auth.ok) return reply.code(auth.status).send(fail(auth.code, auth.message));
    const answer = await registrar.accept({
      deviceId: auth.deviceId, recordId: auth.idempotencyKey, nonce: auth.nonce, sealed: body, payloadSha256: bodySha256,
      receiptNumber: receiptNumberOf(req.headers[RECEIPT_NUMBER_HEADER], auth.deviceId),
    });
    if (answer.status === 201) await presence.synced(auth.deviceId);
    return send(reply, answer);
  });

  const signedJson = signedJsonReader(store, signed);

  app.post(OUTCOMES_PATH, signedRoute, async (req, reply) => {
    const request = await signedJson(req, reply, OUTCOMES_PATH, OutcomesRequestSchema);
    if (!request) return reply;
    const pulled = await pullOutcomes(store, keys, request.deviceId, request.body.recordIds, now());
    await presence.synced(request.deviceId);
    return pulled;
  });

  registerDirectoryRoutes(app, { store, keys, profiles, directories, now, signed, routeOptions: signedRoute });
  registerReceiptRoutes(app, { store, perAddress: rateLimits.receiptVerifyPerAddress });
  app.decorate('staffOrigin', staffOrigin);
  const audit = auditTrail(store.staff, keys);
  registerStaffRoutes(app, {
    store: store.staff, audit, loginsPerAddress: rateLimits.staffLoginPerAddress, secondFactor: loginSecondFactor({ store: store.staff, keys, now }),
  });
  registerTotpRoutes(app, { store: store.staff, audit, keys, now });
  registerReviewRoutes(app, { store, keys, profiles, audit });
  registerOutboxRoutes(app, { store });
  registerKioskRoutes(app, { store, keys, audit, kioskOrigin, now });
  registerOperatorRoutes(app, { store, keys, audit, now, signedJson, routeOptions: signedRoute });
  registerKioskAuditIntake(app, { store, auditKey: auditKeyOf(keys), signedJson, routeOptions: signedRoute });
  registerBackofficePages(app);

  // Nonces past any possible replay are pruned by every process; duplicates of the work are harmless.
  const prune = setInterval(() => {
    store.pruneNonces(now().getTime() - NONCE_RETENTION_MS).catch((error: unknown) => log.warn('server.prune-failed', { code: (error as { code?: string }).code ?? 'unknown' }));
  }, 60_000);
  prune.unref();
  app.addHook('onClose', async () => clearInterval(prune));
  // Decided records past their profile's retention period are reduced by every process (retention/).
  const retention = startRetentionJob({ store, keys, profiles, now });
  app.addHook('onClose', () => retention.stop());

  return app;
}
