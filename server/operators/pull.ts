// POST /v1/operators: an enrolled kiosk pulls every operator account (shared/sync/operators.ts), the
// whole list signed with the receipt key for that device and the request's challenge. Authenticated
// like every device request (unknown, revoked, stale, forged: refused), its nonce spent before the
// answer, so a replayed request gets nothing. Logged as route, status and device only (app.ts).
import type { FastifyInstance } from 'fastify';
import { sha256Hex } from '../../node/crypto/request-signing';
import {
  operatorListSigningText, OPERATORS_PATH, OperatorsRequestSchema, type OperatorListBody, type SignedOperatorList,
} from '../../shared/sync/operators';
import type { ServerError, ServerErrorCode } from '../../shared/sync/protocol';
import type { OperatorRouteDeps } from './routes';

const fail = (code: ServerErrorCode, message: string): ServerError => ({ code, message });

export function registerOperatorPull(app: FastifyInstance, { store, keys, now, signed, routeOptions }: OperatorRouteDeps): void {
  app.post(OPERATORS_PATH, routeOptions, async (req, reply) => {
    const auth = await signed(req, reply, OPERATORS_PATH, sha256Hex(req.rawBody ?? Buffer.alloc(0)));
    if (!auth.ok) return reply.code(auth.status).send(fail(auth.code, auth.message));
    const parsed = OperatorsRequestSchema.safeParse(req.body);
    if (!parsed.success) return reply.code(400).send(fail('invalid-request', `invalid fields: ${parsed.error.issues.map((i) => i.path.join('.')).join(', ')}`));
    if (!(await store.spendNonce(auth.deviceId, auth.nonce.value, auth.nonce.seenAtMs))) return reply.code(401).send(fail('replayed-request', 'this request was already received'));
    const list: OperatorListBody = {
      deviceId: auth.deviceId,
      challenge: parsed.data.challenge,
      // Read after the list's time is taken: a kiosk never sees a list older than the time it names.
      issuedAt: now().toISOString(),
      operators: (await store.operators.list()).map(({ username, displayName, passwordHash, disabled, updatedAt }) => ({ username, displayName, passwordHash, disabled, updatedAt })),
    };
    return { list, signature: keys.receipts.sign(operatorListSigningText(list)) } satisfies SignedOperatorList;
  });
}
