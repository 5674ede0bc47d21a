// The operator accounts reach the kiosk through sync: the kiosk asks (signed, with a fresh
// challenge), the server answers with every account's hash, signed by the receipt key this kiosk
// pinned at enrolment (shared/sync/operators.ts). Only a genuine list for this device and this
// request, newer than the one held, replaces it — an account removed or disabled at the server can
// no longer log in here once the kiosk has been online.
import { randomBytes } from 'node:crypto';
import { verifyEd25519 } from '../../../node/crypto/ed25519';
import { log } from '../../../node/log';
import { verifyOperatorList } from '../../../shared/sync/operators';
import { classifyFailure } from '../sync/classify';
import type { OutcomePullDeps } from '../sync/outcome-pull';
import { replaceOperators } from './operators-repo';

/** What an outcome pull needs, but the clock: the list names its own time. */
export type OperatorPullDeps = Omit<OutcomePullDeps, 'now'>;

export type OperatorPull = { ok: true; replaced: boolean; accounts: number } | { ok: false; code: string; device?: boolean };

/**
 * The server's verdicts on the device (shared with uploads: sync/classify.ts), shown to the operator
 * as the reason the kiosk is blocked. 'bad-signature' is how a current server answers a device it
 * does not know as well as a signature that does not check (server/devices.ts): an idle kiosk that
 * was removed at the server learns it here. 'unknown-device' only from servers older than issue 15.
 */
const DEVICE_CODES = new Set(['bad-signature', 'unknown-device', 'revoked-device', 'stale-request']);

const heldIssuedAt = (db: OperatorPullDeps['db']): string | undefined =>
  (db.prepare(`SELECT issued_at AS issuedAt FROM operator_list WHERE singleton = 1`).get() as { issuedAt: string } | undefined)?.issuedAt;

export async function pullOperators({ db, http, deviceId, receiptPublicKey, key, signal }: OperatorPullDeps): Promise<OperatorPull> {
  const challenge = randomBytes(18).toString('base64url');
  let answer;
  try {
    answer = await http.pullOperators(deviceId, { challenge }, key, signal);
  } catch (error) {
    return { ok: false, code: classifyFailure(error).code };
  }
  if (answer.status !== 200) {
    const code = (answer.body as { code?: unknown } | null)?.code;
    if ((answer.status === 401 || answer.status === 403) && typeof code === 'string' && DEVICE_CODES.has(code)) return { ok: false, code, device: true };
    return { ok: false, code: `operators-http-${answer.status}` };
  }
  const check = verifyOperatorList(answer.body, receiptPublicKey, { deviceId, challenge, verifySignature: verifyEd25519 });
  if (!check.ok) {
    log.warn('operators.list-refused', { reason: check.reason });
    return { ok: false, code: `operators-${check.reason}` };
  }
  const { list } = check;
  const held = heldIssuedAt(db);
  if (held !== undefined && Date.parse(held) >= Date.parse(list.issuedAt)) return { ok: true, replaced: false, accounts: list.operators.length };
  db.transaction(() => {
    replaceOperators(db, list.operators);
    db.prepare(`INSERT INTO operator_list (singleton, issued_at) VALUES (1, ?) ON CONFLICT (singleton) DO UPDATE SET issued_at = excluded.issued_at`).run(list.issuedAt);
  })();
  log.info('operators.list-replaced', { accounts: list.operators.length });
  return { ok: true, replaced: true, accounts: list.operators.length };
}
