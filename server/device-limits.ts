// The per-device request limit, applied after a request's signature checks out — a limit keyed
// by an unauthenticated header could be dodged with a made-up device id per request, or spent on
// another kiosk's behalf. Fixed one-minute windows, per process (N processes allow N times it).
export type DeviceLimit = (deviceId: string) => { ok: true } | { ok: false; retryAfterSeconds: number };

const WINDOW_MS = 60_000;
/** Past this many devices, windows that have ended are dropped. */
const PRUNE_AT = 50_000;

export function deviceLimiter(perMinute: number, nowMs: () => number = Date.now): DeviceLimit {
  const windows = new Map<string, { start: number; count: number }>();
  return (deviceId) => {
    const now = nowMs();
    if (windows.size > PRUNE_AT) for (const [id, w] of windows) if (now - w.start >= WINDOW_MS) windows.delete(id);
    let w = windows.get(deviceId);
    if (!w || now - w.start >= WINDOW_MS) windows.set(deviceId, (w = { start: now, count: 0 }));
    w.count += 1;
    return w.count <= perMinute ? { ok: true } : { ok: false, retryAfterSeconds: Math.ceil((w.start + WINDOW_MS - now) / 1000) };
  };
}
