// POST /v1/directory/verify: a signed request from an enrolled device whose body is the campus
// credentials sealed to the server's key (HPKE, like records, under directorySealingContext): the
// password is unreadable in transit even without TLS. It is opened in memory only for the
// directory's bind; the request's route, status and device are logged, and the outcome's code —
// never the username or the password.
import type { FastifyInstance, FastifyReply, FastifyRequest, RouteShorthandOptions } from 'fastify';
import type { Profile } from '../../shared/profile';
import { DirectoryCredentialsSchema, directorySealingContext, DIRECTORY_VERIFY_PATH, type DirectoryCredentials } from '../../shared/sync/directory';
import type { ServerError, ServerErrorCode } from '../../shared/sync/protocol';
import { recordOpener } from '../../node/crypto/record-sealing';
import { sha256Hex } from '../../node/crypto/request-signing';
import { log } from '../../node/log';
import type { AuthResult } from '../devices';
import { deviceLimiter } from '../device-limits';
import type { ServerKeys } from '../keys';
import type { ServerStore } from '../store/server-store';
import { createLdapDirectory } from './ldap-directory';
import type { DirectoryMap } from './settings';
import { ATTEMPT_POLICY, createVerifier } from './verifier';

/**
 * Verifications per device and minute (per process), besides the account throttle: one kiosk serves
 * one applicant at a time, so more is someone trying many accounts with a stolen device key.
 */
export const VERIFICATIONS_PER_DEVICE = 30;

export interface DirectoryRouteDeps {
  readonly store: ServerStore;
  readonly keys: ServerKeys;
  readonly profiles: ReadonlyMap<string, Profile>;
  readonly directories: DirectoryMap;
  readonly now: () => Date;
  /** app.ts's authentication of signed requests (with its per-device limit); the nonce is left to spend. */
  readonly signed: (req: FastifyRequest, reply: FastifyReply, path: string, bodySha256: string) => Promise<AuthResult>;
  /** The route options of signed routes (their per-address rate limit). */
  readonly routeOptions: RouteShorthandOptions;
}

type Opened = { ok: true; credentials: DirectoryCredentials } | { ok: false; code: ServerErrorCode; message: string };

export function registerDirectoryRoutes(app: FastifyInstance, { store, keys, profiles, directories, now, signed, routeOptions }: DirectoryRouteDeps): void {
  const verify = createVerifier({
    store, keys, profiles, now,
    directories: new Map([...directories].map(([profileId, settings]) => [profileId, createLdapDirectory(settings)])),
  });
  const open = recordOpener(keys.sealing.privateKey);
  const perDevice = deviceLimiter(VERIFICATIONS_PER_DEVICE, () => now().getTime());
  const fail = (reply: FastifyReply, status: number, code: ServerErrorCode, message: string) => reply.code(status).send({ code, message } satisfies ServerError);

  /** The credentials, parsed; the opened bytes are zeroed whatever happens (the strings made from them are left to the GC). */
  async function openCredentials(sealed: Buffer, deviceId: string, requestId: string): Promise<Opened> {
    let plaintext: Buffer;
    try {
      plaintext = await open(sealed, directorySealingContext(deviceId, requestId));
    } catch {
      return { ok: false, code: 'cannot-open-record', message: 'the credentials are not sealed to this server\'s key for this device and request' };
    }
    try {
      const parsed = DirectoryCredentialsSchema.safeParse(JSON.parse(plaintext.toString('utf8')));
      // Paths only: the values are a username and a password.
      if (!parsed.success) return { ok: false, code: 'invalid-request', message: `invalid fields: ${[...new Set(parsed.error.issues.map((i) => i.path.join('.')))].join(', ')}` };
      return { ok: true, credentials: parsed.data };
    } catch {
      return { ok: false, code: 'invalid-request', message: 'the opened credentials are not JSON' };
    } finally {
      plaintext.fill(0);
    }
  }

  app.post(DIRECTORY_VERIFY_PATH, routeOptions, async (req, reply) => {
    if (!Buffer.isBuffer(req.body)) return fail(reply, 415, 'invalid-request', 'send the sealed credentials as application/octet-stream');
    const auth = await signed(req, reply, DIRECTORY_VERIFY_PATH, sha256Hex(req.body));
    if (!auth.ok) return fail(reply, auth.status, auth.code, auth.message);
    // Spent before anything is tried: a captured request never buys another go at the password.
    if (!(await store.spendNonce(auth.deviceId, auth.nonce.value, auth.nonce.seenAtMs))) return fail(reply, 401, 'replayed-request', 'this request was already received');
    const allowed = perDevice(auth.deviceId);
    if (!allowed.ok) {
      void reply.header('retry-after', String(allowed.retryAfterSeconds));
      return fail(reply, 429, 'rate-limited', `too many verifications from this device; retry in ${allowed.retryAfterSeconds} s`);
    }
    const opened = await openCredentials(req.body, auth.deviceId, auth.idempotencyKey);
    if (!opened.ok) return fail(reply, 400, opened.code, opened.message);

    const outcome = await verify(auth.deviceId, opened.credentials);
    log.info('server.directory-verification', { device: auth.deviceId, profile: opened.credentials.profileId, outcome: outcome.ok ? 'verified' : outcome.code });
    if (outcome.ok) return outcome.verdict;
    if (outcome.retryAfterSeconds !== undefined) void reply.header('retry-after', String(outcome.retryAfterSeconds));
    return fail(reply, outcome.status, outcome.code, outcome.message);
  });

  // Windows that have passed limit nothing; any process may drop them (doing it twice is harmless).
  const prune = setInterval(() => {
    store.pruneDirectoryAttempts(now().getTime() - ATTEMPT_POLICY.windowMs)
      .catch((error: unknown) => log.warn('server.prune-failed', { code: (error as { code?: string }).code ?? 'unknown' }));
  }, 60_000);
  prune.unref();
  app.addHook('onClose', async () => clearInterval(prune));
}
