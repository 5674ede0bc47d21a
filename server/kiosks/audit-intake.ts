// POST /v1/kiosk-audit: a kiosk's own trail of operator actions joins the audit trail, each entry
// once (shared/sync/kiosk-audit.ts). Authenticated like every device request, its nonce spent; the
// actor is "<operator>@kiosk" (or "kiosk"), the subject the device, the action "kiosk.<action>".
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { sha256Hex } from '../../node/crypto/request-signing';
import { KIOSK_AUDIT_PATH, KioskAuditRequestSchema } from '../../shared/sync/kiosk-audit';
import type { AuthResult } from '../devices';
import type { ServerStore } from '../store/server-store';
import type { ServerError, ServerErrorCode } from '../../shared/sync/protocol';

const fail = (code: ServerErrorCode, message: string): ServerError => ({ code, message });

export function registerKioskAuditIntake(app: FastifyInstance, { store, auditKey, signed, routeOptions }: {
  store: ServerStore; auditKey: Buffer; routeOptions: object;
  signed: (req: FastifyRequest, reply: FastifyReply, path: string, bodySha256: string) => Promise<AuthResult>;
}): void {
  app.post(KIOSK_AUDIT_PATH, routeOptions, async (req, reply) => {
    const auth = await signed(req, reply, KIOSK_AUDIT_PATH, sha256Hex(req.rawBody ?? Buffer.alloc(0)));
    if (!auth.ok) return reply.code(auth.status).send(fail(auth.code, auth.message));
    const parsed = KioskAuditRequestSchema.safeParse(req.body);
    if (!parsed.success) return reply.code(400).send(fail('invalid-request', `invalid fields: ${parsed.error.issues.map((i) => i.path.join('.')).join(', ')}`));
    if (!(await store.spendNonce(auth.deviceId, auth.nonce.value, auth.nonce.seenAtMs))) return reply.code(401).send(fail('replayed-request', 'this request was already received'));
    const stored = await store.receiveKioskAudit(auditKey, auth.deviceId, parsed.data.entries.map((e) => ({
      localId: e.id,
      entry: { at: e.at, actor: e.operator ? `${e.operator}@kiosk` : 'kiosk', action: `kiosk.${e.action}`, subject: auth.deviceId, detail: e.detail ?? null },
    })));
    return { stored };
  });
}
