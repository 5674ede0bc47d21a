// Who may call the browser host's /api: the one page the host opened. The host mints a one-time
// launch code for each window it opens and puts it in the URL fragment (never sent in a request,
// never in index.html); the page trades it once for a session cookie (HttpOnly, SameSite=Strict,
// Path=/api). A local process that only reads `GET /` learns nothing that opens the API.
import { randomBytes } from 'node:crypto';

export const SESSION_COOKIE = 'kiosk-session';
/** The fragment key the renderer reads the launch code from: `/#launch=<code>`. */
export const LAUNCH_FRAGMENT_KEY = 'launch';

const secret = (): string => randomBytes(32).toString('base64url');

export interface HostSessions {
  /** A fresh launch code, valid for exactly one exchange. */
  mintLaunchCode(): string;
  /** The new session id for an unspent code (the code is spent either way), else undefined. */
  exchange(code: string): string | undefined;
  isLive(sessionId: string | undefined): boolean;
  /** Ends every session and unspent code: the window they belonged to is gone. */
  revokeAll(): void;
}

export function createHostSessions(): HostSessions {
  // Invariant: a code is in `codes` until its first exchange attempt, never after.
  const codes = new Set<string>();
  const sessions = new Set<string>();
  return {
    mintLaunchCode() {
      const code = secret();
      codes.add(code);
      return code;
    },
    exchange(code) {
      if (!codes.delete(code)) return undefined;
      const id = secret();
      sessions.add(id);
      return id;
    },
    isLive: (id) => id !== undefined && sessions.has(id),
    revokeAll() {
      codes.clear();
      sessions.clear();
    },
  };
}

/** The value of `name` in a Cookie header; the first one wins, malformed pairs are skipped. */
export function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const pair of (header ?? '').split(';')) {
    const eq = pair.indexOf('=');
    if (eq > 0 && pair.slice(0, eq).trim() === name) return pair.slice(eq + 1).trim();
  }
  return undefined;
}

export const sessionCookie = (id: string): string => `${SESSION_COOKIE}=${id}; HttpOnly; SameSite=Strict; Path=/api`;
