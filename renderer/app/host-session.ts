// The browser host's session for this page (electron/host/session.ts): the host opened this window
// at /#launch=<code>; the code is traded once for an HttpOnly cookie, and the fragment is removed
// before anything else runs so it is in no history entry, reload or screenshot. A reload keeps
// the cookie; a page opened without a (fresh) code has no session and the host refuses its calls.
// While the page lives it sends a heartbeat, so the host can replace a hung or crashed window.

export const REQUEST_HEADER = 'x-kiosk-request';
const HEARTBEAT_MS = 5_000;

/** POST to the host's own /api path with the header every /api call must carry. */
export function hostPost(path: string, body: unknown, timeoutMs: number): Promise<Response> {
  return fetch(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', [REQUEST_HEADER]: '1' },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(timeoutMs),
    cache: 'no-store',
    credentials: 'same-origin',
  });
}

async function open(): Promise<void> {
  const code = new URLSearchParams(window.location.hash.slice(1)).get('launch');
  if (code !== null) {
    window.history.replaceState(null, '', window.location.pathname + window.location.search);
    // A refused or unanswered exchange is not fatal here: a reload of a page that already traded
    // its code still holds the cookie; without one every call answers `forbidden`, which the
    // shell turns into the "open the kiosk from its own window" notice.
    await hostPost('/api/session', { code }, HEARTBEAT_MS).catch(() => undefined);
  }
  const beat = (): void => { hostPost('/api/heartbeat', {}, HEARTBEAT_MS).catch(() => undefined); };
  beat();
  setInterval(beat, HEARTBEAT_MS);
}

let session: Promise<void> | undefined;

/** Resolves once this page has tried its launch code; every host call waits for it. */
export const hostSession = (): Promise<void> => (session ??= open());
