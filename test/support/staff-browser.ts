// A staff member's browser against the central server's staff API, over real HTTP: one cookie (the
// session), the CSRF token login gave, sent on every POST as a page would.
import { CSRF_HEADER, STAFF_API, StaffSessionSchema } from '../../shared/staff';

/** A browser of one staff member: its cookie jar (one cookie) and the CSRF token it was given. */
export class StaffBrowser {
  cookie = '';
  csrf = '';
  constructor(readonly base: string) {}

  async call(method: 'GET' | 'POST', path: string, body?: unknown, headers: Record<string, string> = {}) {
    const res = await fetch(`${this.base}${STAFF_API}${path}`, {
      method,
      headers: {
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(this.cookie ? { cookie: this.cookie } : {}),
        ...(method === 'POST' && this.csrf ? { [CSRF_HEADER]: this.csrf } : {}),
        ...headers,
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const setCookie = res.headers.get('set-cookie');
    if (setCookie) this.cookie = setCookie.split(';')[0]?.endsWith('=') ? '' : setCookie.split(';')[0] ?? '';
    const text = await res.text();
    return { status: res.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : null, setCookie, headers: headersOf(res.headers) };
  }

  /** `totp`: the authenticator code, for accounts with the second factor on. */
  async login(username: string, password: string, totp?: string) {
    const r = await this.call('POST', '/login', { username, password, ...(totp === undefined ? {} : { totp }) });
    if (r.status === 200) this.csrf = StaffSessionSchema.parse(r.body).csrfToken;
    return r;
  }
}

function headersOf(headers: Headers): Record<string, string> {
  const all: Record<string, string> = {};
  headers.forEach((value, name) => { all[name] = value; });
  return all;
}
