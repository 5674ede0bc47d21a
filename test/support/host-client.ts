// Talking to a browser host from Node as its page does: trade a launch code for the session
// cookie, then call /api with the cookie and the custom header every /api call needs.
import type { HostServer } from '../../electron/host/server';
import { REQUEST_HEADER } from '../../electron/host/http-bridge';

/** The launch code in a launch URL's fragment (`/#launch=<code>`). */
export const launchCodeOf = (launchUrl: string): string => new URLSearchParams(new URL(launchUrl).hash.slice(1)).get('launch') ?? '';

/** POSTs /api/session with a fresh launch code; the `Cookie` header value to send afterwards. */
export async function openSession(host: Pick<HostServer, 'url' | 'launchUrl'>): Promise<string> {
  const res = await fetch(`${host.url}api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', [REQUEST_HEADER]: '1' },
    body: JSON.stringify({ code: launchCodeOf(host.launchUrl()) }),
  });
  const cookie = res.headers.get('set-cookie');
  if (res.status !== 200 || !cookie) throw new Error(`session refused: ${res.status}`);
  return cookie.split(';')[0] ?? '';
}

/** The headers of an authenticated /api call. */
export const apiHeaders = (cookie: string): Record<string, string> => ({ 'content-type': 'application/json', [REQUEST_HEADER]: '1', cookie });
