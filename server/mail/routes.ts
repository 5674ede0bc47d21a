// The outbox as admins see it (/staff/api/outbox): what is owed, sent or refused, how often each was
// tried and the last error's code — never an address or a word of a message (they are sealed, and
// cleared once sent).
import type { FastifyInstance } from 'fastify';
import { OutboxQuerySchema, STAFF_API } from '../../shared/staff';
import type { ServerStore } from '../store/server-store';
import { requireStaff } from '../staff/session';
import { invalid } from '../staff/replies';

const PAGE = 100;

export function registerOutboxRoutes(app: FastifyInstance, { store }: { store: ServerStore }): void {
  app.get<{ Querystring: Record<string, string> }>(`${STAFF_API}/outbox`, async (req, reply) => {
    const me = await requireStaff(store.staff, req, reply, ['admin']);
    if (!me) return reply;
    const parsed = OutboxQuerySchema.safeParse(req.query);
    if (!parsed.success) return invalid(reply, parsed.error.issues);
    const rows = await store.outbox.list(parsed.data.after ?? 0, PAGE);
    return rows.map((r) => ({
      id: r.id, kind: r.kind, state: r.state, attempts: r.attempts, lastError: r.lastError, sentAt: r.sentAt,
      nextAttemptAt: r.state === 'pending' ? new Date(r.nextAttemptMs).toISOString() : null, hasMessage: r.hasMessage,
    }));
  });
}
