// Operator login on the kiosk, offline: the password is checked against the hash the central server
// sent (scrypt; the check is the injected `verify`), after the typed name's attempt was counted (five
// in fifteen minutes, in the database, so a restart does not reset them). A session is a random
// token held in this process only, ended by logout, by LOGIN_IDLE_MS without a gated call, or by a
// restart; nothing of it is written to disk. Logins and failures go to the local audit trail.
// The idle lifetime runs on a monotonic clock: moving the wall clock back cannot keep a session
// alive, moving it forward cannot end one early. The lockout window is stored, so it stays on the
// wall clock (it must survive a restart).
import type Database from 'better-sqlite3';
import { randomBytes } from 'node:crypto';
import { KioskError } from '../../../shared/result';
import type { OperatorSession } from '../../../shared/operator';
import { appendKioskAudit, clearAttempts, findOperator, takeAttempt } from './operators-repo';

export const OPERATOR_LOCKOUT = { max: 5, windowMs: 15 * 60_000 } as const;
/** Five minutes without a request from the operator screen end its session. */
export const OPERATOR_IDLE_MS = 5 * 60_000;

export interface LiveSession {
  readonly username: string;
  readonly displayName: string | null;
}

export interface OperatorSessions {
  login(username: string, password: string): Promise<OperatorSession>;
  /** The live session this token names (and its idle time restarts), or undefined. */
  check(token: string): LiveSession | undefined;
  logout(token: string): void;
  /** Ends every session (the kiosk revoked, or closing). */
  endAll(): void;
}

export interface SessionDeps {
  readonly db: Database.Database;
  /** Checks a password against a stored hash (node/crypto/password-hash.ts). */
  readonly verify: (password: string, hash: string) => Promise<boolean>;
  /** A well-formed hash of no one's password, for a name that has no account (made once, on first need). */
  readonly decoy: () => Promise<string>;
  /** Wall clock (epoch ms): the lockout window and the audit trail's times. */
  readonly now?: () => number;
  /** Monotonic clock (ms) for the idle lifetime; absent, `now` when a test injects one, else performance.now(). */
  readonly monotonic?: () => number;
}

export function createOperatorSessions({ db, verify, decoy, now = Date.now, monotonic }: SessionDeps): OperatorSessions {
  const tick = monotonic ?? (now === Date.now ? () => performance.now() : now);
  /** `seenMs` on the monotonic clock. */
  const sessions = new Map<string, LiveSession & { seenMs: number }>();
  const audit = (operator: string | null, action: string, detail?: Record<string, string | number | boolean | null>) =>
    appendKioskAudit(db, { at: new Date(now()).toISOString(), operator, action, ...(detail ? { detail } : {}) });

  return {
    async login(username, password) {
      const attempt = takeAttempt(db, username, now(), OPERATOR_LOCKOUT);
      if (!attempt.ok) {
        audit(null, 'operator.login-locked');
        throw new KioskError('operator-locked', `locked for ${Math.ceil(attempt.retryAfterMs / 60_000)} min`);
      }
      const account = findOperator(db, username);
      // An unknown or disabled name costs a check too, so its existence is not told by the time taken.
      const ok = await verify(password, account?.passwordHash ?? (await decoy()));
      if (!account || account.disabled || !ok) {
        // The typed name is not recorded: it may be a password typed into the wrong field.
        audit(account && !account.disabled ? account.username : null, 'operator.login-failed');
        throw new KioskError('operator-login', 'wrong username or password');
      }
      clearAttempts(db, username);
      const token = randomBytes(32).toString('base64url');
      sessions.set(token, { username: account.username, displayName: account.displayName, seenMs: tick() });
      audit(account.username, 'operator.login');
      return { session: token, username: account.username, displayName: account.displayName, idleSeconds: OPERATOR_IDLE_MS / 1000 };
    },
    // Tokens are 256 random bits held in this process only: a map lookup, no timing to learn from.
    check(token) {
      const live = sessions.get(token);
      if (!live) return undefined;
      if (tick() - live.seenMs > OPERATOR_IDLE_MS) {
        sessions.delete(token);
        audit(live.username, 'operator.idle-logout');
        return undefined;
      }
      live.seenMs = tick();
      return { username: live.username, displayName: live.displayName };
    },
    logout(token) {
      const live = sessions.get(token);
      if (!live) return;
      sessions.delete(token);
      audit(live.username, 'operator.logout');
    },
    endAll() {
      sessions.clear();
    },
  };
}
