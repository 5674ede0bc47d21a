// Staff sessions: a random token in an HttpOnly, SameSite=Strict cookie scoped to /staff (Secure
// when the request came over TLS), found in the database by its SHA-256; a CSRF token per session,
// required in a header on every state change, with the Origin checked when the browser sends one.
// `requireStaff` is the one gate of every staff route but login.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CSRF_HEADER, type StaffRoleName } from '../../shared/staff';
import type { SessionLimits, StaffRow, StaffStore } from '../store/staff-store';
import { refuse } from './replies';

export const SESSION_COOKIE = 'kiosk_staff';
/** A reviewer reading a record is active; 15 minutes without any request ends the session. */
export const SESSION_LIMITS: SessionLimits = { idleMs: 15 * 60_000, absoluteMs: 12 * 3_600_000 };

export const newToken = (): string => randomBytes(32).toString('base64url');
export const tokenHash = (token: string): Buffer => createHash('sha256').update(token, 'utf8').digest();

export function cookieOf(req: FastifyRequest, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return v.join('=');
  }
  return undefined;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** The origin staff browsers use (--staff-origin), when the server sits behind a TLS proxy. */
    staffOrigin: string | undefined;
  }
}

/** Over TLS here, or behind a proxy that serves the public origin over TLS: the cookie is Secure. */
const servedOverTls = (req: FastifyRequest): boolean => req.protocol === 'https' || (req.server.staffOrigin?.startsWith('https://') ?? false);

export function setSessionCookie(req: FastifyRequest, reply: FastifyReply, token: string | null): void {
  const secure = servedOverTls(req) ? '; Secure' : '';
  const value = token === null ? `${SESSION_COOKIE}=; Max-Age=0` : `${SESSION_COOKIE}=${token}`;
  reply.header('set-cookie', `${value}; Path=/staff; HttpOnly; SameSite=Strict${secure}`);
}

const same = (a: string, b: string): boolean => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

/**
 * A browser's Origin, when it sends one, is this server's own: the configured public origin exactly
 * (scheme, host and port) when there is one, else the host the request was sent to.
 */
export function sameOrigin(req: FastifyRequest): boolean {
  const origin = req.headers.origin;
  if (origin === undefined) return true;
  try {
    const configured = req.server.staffOrigin;
    return configured === undefined ? new URL(origin).host === req.headers.host : new URL(origin).origin === new URL(configured).origin;
  } catch {
    return false;
  }
}

export interface StaffContext {
  readonly staff: StaffRow;
  readonly token: string;
  readonly csrfToken: string;
}


/**
 * The logged-in staff member with one of `roles`, or a refusal already sent (then undefined).
 * State changes (anything but GET) also need the session's CSRF token and a same-origin request.
 */
export async function requireStaff(store: StaffStore, req: FastifyRequest, reply: FastifyReply, roles: readonly StaffRoleName[],
  { activity = true }: { activity?: boolean } = {}): Promise<StaffContext | undefined> {
  const token = cookieOf(req, SESSION_COOKIE);
  // A page's own background calls (a claim's renewal) do not keep an unattended session alive.
  const session = token ? await store.touchSession(tokenHash(token), Date.now(), SESSION_LIMITS, activity) : undefined;
  const staff = session ? await store.findStaffById(session.staffId) : undefined;
  if (!token || !session || !staff || staff.disabled) {
    await refuse(reply, 401, { code: 'not-logged-in', message: 'Sesi berakhir. Silakan masuk lagi.' });
    return undefined;
  }
  if (req.method !== 'GET') {
    const sent = req.headers[CSRF_HEADER];
    if (typeof sent !== 'string' || !same(sent, session.csrfToken) || !sameOrigin(req)) {
      await refuse(reply, 403, { code: 'csrf', message: 'Permintaan ditolak (token keamanan tidak cocok). Muat ulang halaman.' });
      return undefined;
    }
  }
  if (!roles.includes(staff.role)) {
    await refuse(reply, 403, { code: 'forbidden', message: 'Peran Anda tidak diizinkan untuk tindakan ini.' });
    return undefined;
  }
  return { staff, token, csrfToken: session.csrfToken };
}
