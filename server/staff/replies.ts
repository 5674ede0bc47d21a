// The staff API's refusals, in one shape (shared/staff StaffErrorSchema) for every staff route.
import type { FastifyReply } from 'fastify';
import type { StaffError } from '../../shared/staff';

export const refuse = (reply: FastifyReply, status: number, error: StaffError) => reply.code(status).send(error);

/** 400 naming the paths of the fields at fault (never their values: they may be personal data). */
export const invalid = (reply: FastifyReply, issues: readonly { path: PropertyKey[] }[]) =>
  refuse(reply, 400, { code: 'invalid-request', message: `Data tidak sah: ${issues.map((i) => i.path.map(String).join('.')).join(', ')}` });
