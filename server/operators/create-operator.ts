// `npm run server -- create-operator <username>`: a kiosk operator account from the command line (for
// a server without a back-office admin yet, or a script). The password comes from standard input like
// create-admin's — typed twice without echo, or the first line of a pipe — never from an argument.
import { OperatorUsernameSchema } from '../../shared/sync/operators';
import type { AuditTrail } from '../staff/audit-trail';
import { CreateAdminError } from '../staff/create-admin';
import type { OperatorsStore } from '../store/operators-table';
import { createOperator } from './accounts';

export async function createOperatorFromCommandLine(operators: OperatorsStore, audit: AuditTrail, username: string, password: string, now: Date): Promise<void> {
  if (!OperatorUsernameSchema.safeParse(username).success) {
    throw new CreateAdminError(`"${username}" is not a valid username (2–40 of a-z, 0-9, dot, dash, underscore; starting with a letter or digit)`);
  }
  const outcome = await createOperator({ operators, audit }, 'cli', { username, displayName: null, password }, now.toISOString());
  if (outcome.kind === 'weak-password') throw new CreateAdminError(`the password breaks these rules: ${outcome.rules.join(', ')} (at least 8 characters, not a common password, not the username)`);
  if (outcome.kind === 'taken') throw new CreateAdminError(`the operator username ${username} is taken`);
  if (outcome.kind === 'full') throw new CreateAdminError('the server holds the most operator accounts it may; none was created');
}
