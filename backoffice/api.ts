// The back office's one way to the server: same-origin fetches to /staff/api with the session
// cookie (HttpOnly: this code never sees it) and, on every state change, the session's CSRF token.
// A 401 means the session ended: the app returns to the login page.
import { STAFF_API, CSRF_HEADER, StaffErrorSchema, type StaffError } from '../shared/staff';

export class ApiError extends Error {
  constructor(readonly status: number, readonly error: StaffError) {
    super(error.message);
  }
}

let csrf = '';
export const setCsrf = (token: string): void => { csrf = token; };

/** Ten seconds is long for a server on the same network; an answer that late is reported, not waited for. */
const TIMEOUT_MS = 10_000;

export async function call<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
  let res: Response;
  try {
    res = await fetch(`${STAFF_API}${path}`, {
      method,
      credentials: 'same-origin',
      cache: 'no-store',
      signal: AbortSignal.timeout(TIMEOUT_MS),
      headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...(method === 'POST' && csrf ? { [CSRF_HEADER]: csrf } : {}) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  } catch {
    throw new ApiError(0, { code: 'invalid-request', message: 'Server tidak dapat dihubungi. Periksa jaringan, lalu coba lagi.' });
  }
  const text = await res.text();
  const json = (): unknown => {
    try { return text ? JSON.parse(text) : null; } catch { return null; }
  };
  if (res.ok) return json() as T;
  const parsed = StaffErrorSchema.safeParse(json());
  throw new ApiError(res.status, parsed.success ? parsed.data : { code: 'invalid-request', message: `Server menjawab ${res.status}.` });
}
