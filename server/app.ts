// The reference central server's HTTP API (Fastify). Every request is validated with the zod
// schemas from shared/; the logger records routes, status codes and device ids — never bodies.
import Fastify, { type FastifyInstance } from 'fastify';
import type Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { EnrolRequestSchema, type EnrolResponse, type ServerErrorCode } from '../shared/sync/protocol';
import { log } from '../electron/services/log';
import { authenticate, enrolWithCode } from './devices';
import { createRegistrar } from './registrations';
import { buildOpenApi } from './openapi';
import type { ServerKeys } from './keys';

/** A KTP and a selfie of ≤ 200 KB each, encoded and sealed: well under this. */
export const BODY_LIMIT = 2 * 1024 * 1024;

export interface ServerDeps {
  readonly db: Database.Database;
  readonly keys: ServerKeys;
  readonly now?: () => Date;
}

const fail = (code: ServerErrorCode, message: string) => ({ code, message });

export function buildServer({ db, keys, now = () => new Date() }: ServerDeps): FastifyInstance {
  const app = Fastify({ logger: false, bodyLimit: BODY_LIMIT, return503OnClosing: true });
  const registrar = createRegistrar(db, keys, now);

  app.addContentTypeParser('application/octet-stream', { parseAs: 'buffer', bodyLimit: BODY_LIMIT }, (_req, body, done) => done(null, body));

  app.addHook('onResponse', async (req, reply) => {
    const device = req.headers['x-kiosk-device'];
    log.info('server.request', {
      method: req.method, route: req.routeOptions.url ?? 'unknown', status: reply.statusCode,
      ms: Math.round(reply.elapsedTime), device: typeof device === 'string' ? device.slice(0, 36) : undefined,
    });
  });

  app.setErrorHandler((error: { statusCode?: number; code?: string }, _req, reply) => {
    if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return reply.code(413).send(fail('payload-too-large', `the body exceeds ${BODY_LIMIT} bytes`));
    if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
      return reply.code(error.statusCode).send(fail('invalid-request', error.code ?? 'malformed request'));
    }
    log.error('server.error', { code: error.code ?? 'unknown' });
    return reply.code(500).send(fail('internal', 'internal error'));
  });
  app.setNotFoundHandler((_req, reply) => reply.code(404).send(fail('invalid-request', 'no such route')));

  app.get('/v1/health', async () => ({ status: 'ok', serverTime: now().toISOString() }));

  app.get('/v1/status', async () => {
    const devices = db.prepare(`SELECT count(*) FILTER (WHERE revoked_at IS NULL) AS active, count(*) FILTER (WHERE revoked_at IS NOT NULL) AS revoked FROM devices`)
      .get() as { active: number; revoked: number };
    const registrations = db.prepare(`SELECT count(*) FROM registrations`).pluck().get() as number;
    return { serverTime: now().toISOString(), registrations, devices, sealingKeyId: keys.sealingKeyId };
  });

  app.get('/v1/openapi.json', async () => buildOpenApi());

  app.post('/v1/devices/enrol', async (req, reply) => {
    const parsed = EnrolRequestSchema.safeParse(req.body);
    if (!parsed.success) return reply.code(400).send(fail('invalid-request', `invalid fields: ${parsed.error.issues.map((i) => i.path.join('.')).join(', ')}`));
    const result = enrolWithCode(db, parsed.data, now());
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

  app.post('/v1/registrations', async (req, reply) => {
    if (!Buffer.isBuffer(req.body)) return reply.code(415).send(fail('invalid-request', 'send the sealed record as application/octet-stream'));
    const body = req.body;
    const bodySha256 = createHash('sha256').update(body).digest('hex');
    const auth = authenticate(db, { method: req.method, path: '/v1/registrations', headers: req.headers, body, bodySha256 }, now().getTime());
    if (!auth.ok) return reply.code(auth.status).send(fail(auth.code, auth.message));
    const answer = await registrar.accept(auth.deviceId, auth.idempotencyKey, body, bodySha256);
    return reply.code(answer.status).send(answer.body);
  });

  return app;
}
