// Kiosk operator accounts: the back office's API (/staff/api/operators…; admins only) to list,
// create, disable and re-password them, and the kiosks' signed pull of the whole list (pull.ts).
// Answers to staff never carry a hash; every change is audited in its own transaction (accounts.ts).
import type { FastifyInstance, FastifyReply, FastifyRequest, RouteShorthandOptions } from 'fastify';
import { NewOperatorRequestSchema, OPERATOR_PATHS, OperatorPasswordRequestSchema, type OperatorAccount } from '../../shared/operators';
import { OperatorUsernameSchema, OPERATORS_MAX } from '../../shared/sync/operators';
import { STAFF_API } from '../../shared/staff';
import type { SignedJsonReader } from '../signed-json';
import type { ServerKeys } from '../keys';
import type { ServerStore } from '../store/server-store';
import type { AuditTrail } from '../staff/audit-trail';
import { PasswordCheckBusy } from '../staff/passwords';
import { requireStaff } from '../staff/session';
import { invalid, refuse } from '../staff/replies';
import { createOperator, disableOperator, setOperatorPassword } from './accounts';
import { registerOperatorPull } from './pull';

export interface OperatorRouteDeps {
  readonly store: ServerStore;
  readonly keys: ServerKeys;
  readonly audit: AuditTrail;
  readonly now: () => Date;
  /** app.ts's reader of small signed JSON requests (authenticated, parsed, nonce spent). */
  readonly signedJson: SignedJsonReader;
  /** The route options of signed routes (their per-address rate limit). */
  readonly routeOptions: RouteShorthandOptions;
}

interface Params { username: string }

const weak = (reply: FastifyReply, rules: string[]) =>
  refuse(reply, 400, { code: 'weak-password', message: 'Password tidak memenuhi aturan: minimal 8 karakter, bukan password umum, tidak memuat nama pengguna.', rules });
const notFound = (reply: FastifyReply) => refuse(reply, 404, { code: 'not-found', message: 'Akun operator tidak ditemukan.' });

/** A flood of password hashing waits for no scrypt: "busy, try again" at once (as staff logins are). */
async function unlessBusy(reply: FastifyReply, work: () => Promise<unknown>): Promise<unknown> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof PasswordCheckBusy) return reply.code(503).header('retry-after', '5').send({ code: 'invalid-request', message: 'Server sedang sibuk. Coba lagi sebentar lagi.' });
    throw error;
  }
}

export function registerOperatorRoutes(app: FastifyInstance, deps: OperatorRouteDeps): void {
  const { store, audit, now } = deps;
  const changes = { operators: store.operators, audit };
  const base = `${STAFF_API}${OPERATOR_PATHS.list}`;
  const admin = (req: FastifyRequest, reply: FastifyReply) => requireStaff(store.staff, req, reply, ['admin']);

  app.get(base, async (req, reply) => {
    if (!(await admin(req, reply))) return reply;
    return (await store.operators.list()).map(({ username, displayName, disabled, createdAt, updatedAt, createdBy }): OperatorAccount =>
      ({ username, displayName, disabled, createdAt, updatedAt, createdBy }));
  });

  app.post(base, async (req, reply) => {
    const me = await admin(req, reply);
    if (!me) return reply;
    const parsed = NewOperatorRequestSchema.safeParse(req.body);
    if (!parsed.success) return invalid(reply, parsed.error.issues);
    const { username, displayName, password } = parsed.data;
    return unlessBusy(reply, async () => {
      const outcome = await createOperator(changes, me.staff.username, { username, displayName: displayName || null, password }, now().toISOString());
      if (outcome.kind === 'weak-password') return weak(reply, outcome.rules);
      if (outcome.kind === 'taken') return refuse(reply, 409, { code: 'taken', message: `Nama pengguna ${username} sudah dipakai operator lain.` });
      if (outcome.kind === 'full') return refuse(reply, 409, { code: 'invalid-request', message: `Jumlah akun operator sudah mencapai batas (${OPERATORS_MAX}).` });
      return reply.code(201).send({ username });
    });
  });

  app.post<{ Params: Params }>(`${base}/:username/disable`, async (req, reply) => {
    const me = await admin(req, reply);
    if (!me) return reply;
    if (!OperatorUsernameSchema.safeParse(req.params.username).success) return notFound(reply);
    if (!(await disableOperator(changes, me.staff.username, req.params.username, now().toISOString()))) {
      return refuse(reply, 404, { code: 'not-found', message: 'Akun operator tidak ditemukan atau sudah nonaktif.' });
    }
    return reply.code(204).send();
  });

  app.post<{ Params: Params }>(`${base}/:username/password`, async (req, reply) => {
    const me = await admin(req, reply);
    if (!me) return reply;
    const parsed = OperatorPasswordRequestSchema.safeParse(req.body);
    if (!parsed.success) return invalid(reply, parsed.error.issues);
    if (!OperatorUsernameSchema.safeParse(req.params.username).success) return notFound(reply);
    return unlessBusy(reply, async () => {
      const outcome = await setOperatorPassword(changes, me.staff.username, req.params.username, parsed.data.password, now().toISOString());
      if (outcome.kind === 'weak-password') return weak(reply, outcome.rules);
      if (outcome.kind === 'not-found') return notFound(reply);
      return reply.code(204).send();
    });
  });

  registerOperatorPull(app, deps);
}
