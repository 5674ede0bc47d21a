// POST /v1/kiosk-audit: a kiosk's own trail of operator actions joins the audit trail, each entry
// once (shared/sync/kiosk-audit.ts). Authenticated like every device request, its nonce spent; the
// actor is "<operator>@kiosk" (or "kiosk"), the subject the device, the action "kiosk.<action>".
import type { FastifyInstance } from 'fastify';
import { KIOSK_AUDIT_PATH, KioskAuditRequestSchema } from '../../shared/sync/kiosk-audit';
import type { ServerStore } from '../store/server-store';
import type { SignedJsonReader } from '../signed-json';

export function registerKioskAuditIntake(app: FastifyInstance, { store, auditKey, signedJson, routeOptions }: {
  store: ServerStore; auditKey: Buffer; signedJson: SignedJsonReader; routeOptions: object;
}): void {
  app.post(KIOSK_AUDIT_PATH, routeOptions, async (req, reply) => {
    const request = await signedJson(req, reply, KIOSK_AUDIT_PATH, KioskAuditRequestSchema);
    if (!request) return reply;
    const stored = await store.receiveKioskAudit(auditKey, request.deviceId, request.body.entries.map((e) => ({
      localId: e.id,
      entry: { at: e.at, actor: e.operator ? `${e.operator}@kiosk` : 'kiosk', action: `kiosk.${e.action}`, subject: request.deviceId, detail: e.detail ?? null },
    })));
    return { stored };
  });
}
