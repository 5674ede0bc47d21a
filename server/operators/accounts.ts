// Making and changing operator accounts, one way for the back office and the command line: the
// password checked by the 'nist' policy (as staff passwords are), hashed in line with every other
// password the server hashes, written with its audit entry in one transaction. The audit trail names
// the account and who acted — never the password, its hash, or the display name (a person's name).
import { OPERATORS_MAX } from '../../shared/sync/operators';
import type { PasswordRule } from '../../shared/account/password-policy';
import type { OperatorsStore } from '../store/operators-table';
import type { AuditTrail } from '../staff/audit-trail';
import { hashStaffPassword, staffPasswordProblems } from '../staff/passwords';

export interface OperatorChangeDeps {
  readonly operators: OperatorsStore;
  readonly audit: AuditTrail;
}

export type CreateOutcome = { kind: 'created' } | { kind: 'taken' } | { kind: 'full' } | { kind: 'weak-password'; rules: PasswordRule[] };

/** `actor`: the admin's username, or 'cli'. The username and display name are already valid (shared/operators.ts). */
export async function createOperator({ operators, audit }: OperatorChangeDeps, actor: string,
  input: { username: string; displayName: string | null; password: string }, at: string): Promise<CreateOutcome> {
  const rules = staffPasswordProblems(input.password, input.username);
  if (rules.length > 0) return { kind: 'weak-password', rules };
  // Checked before the insert, not with it: two admins at once may pass the cap by one, which the
  // list's bound (OPERATORS_MAX) is far enough from any real office to absorb.
  if ((await operators.count()) >= OPERATORS_MAX) return { kind: 'full' };
  const entry = audit.with({ at, actor, action: 'operator.create', subject: input.username });
  const id = await operators.create({ username: input.username, displayName: input.displayName, passwordHash: await hashStaffPassword(input.password), at, createdBy: actor === 'cli' ? null : actor }, entry);
  return id === undefined ? { kind: 'taken' } : { kind: 'created' };
}

export type PasswordOutcome = { kind: 'changed' } | { kind: 'not-found' } | { kind: 'weak-password'; rules: PasswordRule[] };

/** A new password (the old one is forgotten, on every kiosk once it syncs); a disabled account stays disabled. */
export async function setOperatorPassword({ operators, audit }: OperatorChangeDeps, actor: string, username: string, password: string, at: string): Promise<PasswordOutcome> {
  if (!(await operators.find(username))) return { kind: 'not-found' };
  const rules = staffPasswordProblems(password, username);
  if (rules.length > 0) return { kind: 'weak-password', rules };
  const entry = audit.with({ at, actor, action: 'operator.password', subject: username });
  return (await operators.setPassword(username, await hashStaffPassword(password), at, entry)) ? { kind: 'changed' } : { kind: 'not-found' };
}

/** False when there is no such active account. */
export function disableOperator({ operators, audit }: OperatorChangeDeps, actor: string, username: string, at: string): Promise<boolean> {
  return operators.disable(username, at, audit.with({ at, actor, action: 'operator.disable', subject: username }));
}
