// POST /v1/operators: an enrolled kiosk pulls every operator account (shared/sync/operators.ts), the
// whole list signed with the receipt key for that device and the request's challenge. Authenticated
// like every device request (unknown, revoked, stale, forged: refused), its nonce spent before the
// answer, so a replayed request gets nothing. Logged as route, status and device only (app.ts).
import type { FastifyInstance } from 'fastify';
import { operatorListSigningText, OPERATORS_PATH, OperatorsRequestSchema, type OperatorListBody, type SignedOperatorList } from '../../shared/sync/operators';
import type { OperatorRouteDeps } from './routes';

export function registerOperatorPull(app: FastifyInstance, { store, keys, now, signedJson, routeOptions }: OperatorRouteDeps): void {
  app.post(OPERATORS_PATH, routeOptions, async (req, reply) => {
    const request = await signedJson(req, reply, OPERATORS_PATH, OperatorsRequestSchema);
    if (!request) return reply;
    const list: OperatorListBody = {
      deviceId: request.deviceId,
      challenge: request.body.challenge,
      // Read after the list's time is taken: a kiosk never sees a list older than the time it names.
      issuedAt: now().toISOString(),
      operators: (await store.operators.list()).map(({ username, displayName, passwordHash, disabled, updatedAt }) => ({ username, displayName, passwordHash, disabled, updatedAt })),
    };
    return { list, signature: keys.receipts.sign(operatorListSigningText(list)) } satisfies SignedOperatorList;
  });
}
