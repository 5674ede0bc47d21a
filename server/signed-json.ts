// A small signed JSON request from a kiosk (outcomes, operators, the kiosk's trail): authenticated
// over the exact bytes received (with the device's rate limit), parsed with its schema, and its
// nonce spent — or the refusal sent. Routes that store the request's effect spend the nonce in their
// own transaction instead and do not use this.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { sha256Hex } from '../node/crypto/request-signing';
import type { ServerError, ServerErrorCode } from '../shared/sync/protocol';
import type { AuthResult } from './devices';
import type { ServerStore } from './store/server-store';

export type SignedCheck = (req: FastifyRequest, reply: FastifyReply, path: string, bodySha256: string) => Promise<AuthResult>;
export type SignedJsonReader = <T>(req: FastifyRequest, reply: FastifyReply, path: string, schema: z.ZodType<T>) => Promise<{ deviceId: string; body: T } | undefined>;

const fail = (code: ServerErrorCode, message: string): ServerError => ({ code, message });

export function signedJsonReader(store: Pick<ServerStore, 'spendNonce'>, signed: SignedCheck): SignedJsonReader {
  return async (req, reply, path, schema) => {
    const auth = await signed(req, reply, path, sha256Hex(req.rawBody ?? Buffer.alloc(0)));
    if (!auth.ok) return void (await reply.code(auth.status).send(fail(auth.code, auth.message)));
    const parsed = schema.safeParse(req.body);
    // Which fields failed: paths only, never the values sent.
    if (!parsed.success) return void (await reply.code(400).send(fail('invalid-request', `invalid fields: ${parsed.error.issues.map((i) => i.path.join('.')).join(', ')}`)));
    if (!(await store.spendNonce(auth.deviceId, auth.nonce.value, auth.nonce.seenAtMs))) return void (await reply.code(401).send(fail('replayed-request', 'this request was already received')));
    return { deviceId: auth.deviceId, body: parsed.data };
  };
}
