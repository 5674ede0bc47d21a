// `npm run server -- create-admin <username>`: the first back-office admin (everyone else is created
// from the back office). The password comes from standard input — typed without echo on a terminal,
// twice, or the first line of a pipe — never from the command line, where `ps` and shell history
// would keep it.
import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';
import { StaffUsernameSchema } from '../../shared/staff';
import type { StaffStore } from '../store/staff-store';
import { hashStaffPassword, staffPasswordProblems } from './passwords';
import type { AuditTrail } from './audit-trail';

export class CreateAdminError extends Error {
  override name = 'CreateAdminError';
}

/** One line from standard input; on a terminal the prompt goes to stderr and the typing is not shown. */
function readLine(prompt: string): Promise<string> {
  const tty = process.stdin.isTTY === true;
  if (tty) process.stderr.write(prompt);
  const silent = new Writable({ write: (_chunk, _encoding, done) => done() });
  const rl = createInterface({ input: process.stdin, output: silent, terminal: tty });
  return new Promise((ok, fail) => {
    // Settled before close(): closing emits 'close' at once, which must find the promise kept.
    rl.once('line', (line) => { ok(line); rl.close(); if (tty) process.stderr.write('\n'); });
    rl.once('close', () => fail(new CreateAdminError('no password was given on standard input')));
  });
}

export async function readNewPassword(): Promise<string> {
  const password = await readLine('Password: ');
  if (process.stdin.isTTY === true && (await readLine('Password again: ')) !== password) throw new CreateAdminError('the two passwords differ');
  return password;
}

export async function createAdmin(store: StaffStore, audit: AuditTrail, username: string, password: string, now: Date): Promise<void> {
  if (!StaffUsernameSchema.safeParse(username).success) {
    throw new CreateAdminError(`"${username}" is not a valid username (2–40 of a-z, 0-9, dot, dash, underscore; starting with a letter or digit)`);
  }
  const rules = staffPasswordProblems(password, username);
  if (rules.length > 0) throw new CreateAdminError(`the password breaks these rules: ${rules.join(', ')} (at least 8 characters, not a common password, not the username)`);
  const entry = audit.with({ at: now.toISOString(), actor: 'cli', action: 'staff.create', subject: username, detail: { role: 'admin' } });
  if ((await store.createStaff(username, 'admin', await hashStaffPassword(password), now.toISOString(), entry)) === undefined) {
    throw new CreateAdminError(`the username ${username} is taken`);
  }
}
