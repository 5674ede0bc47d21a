// A loopback TCP proxy of our own that misbehaves on demand, between the kiosk and the server:
//   pass            forwards both ways (and counts the bytes)
//   refuse          closes every connection at once (server unreachable)
//   drop-response   forwards a POST, and cuts the connection as soon as the server answers it:
//                   the server has committed, the kiosk never hears it (GETs, the health probe,
//                   pass, so the kiosk believes the server is up)
//   http-500        answers every request with 500 without forwarding it
//   blackhole       accepts and reads, never answers (a timeout for the client)
//   chaos           every request is delayed by a random latency, and each POST draws one fault
//                   from `chaos` (seeded by the caller): a connection reset before it is forwarded,
//                   a response cut after the server committed, or a blackhole; the rest pass
// and, in any mode, `refuseRecord` answers the upload of one record id with a bare HTTP error of
// its own (a gateway's 404 or 413 page), without forwarding it.
import { createConnection, createServer, type Server, type Socket } from 'node:net';

export type ProxyMode = 'pass' | 'refuse' | 'drop-response' | 'http-500' | 'blackhole' | 'chaos';

export type ChaosFault = 'reset' | 'drop-response' | 'blackhole';

export interface ChaosSettings {
  /** Uniform in [0, 1); a seeded generator makes a run repeatable. */
  readonly random: () => number;
  /** Each request waits a uniform delay in [0, maxLatencyMs) before it is forwarded. */
  readonly maxLatencyMs: number;
  /** The chance of each fault per POST; what is left passes. */
  readonly p: Readonly<Record<ChaosFault, number>>;
}

export interface FaultProxy {
  readonly url: string;
  mode: ProxyMode;
  /** Bytes kiosk → server and server → kiosk since the last reset. */
  readonly bytes: { up: number; down: number };
  /** Responses cut by drop-response. */
  readonly dropped: number;
  /** Uploads of this record id get this bare status from the proxy itself. */
  refuseRecord: { id: string; status: number } | null;
  /** Requests answered by refuseRecord. */
  readonly refused: number;
  /** The faults chaos mode drew, by kind, and the latency it added (ms, summed over requests). */
  chaos: ChaosSettings | null;
  readonly faults: Readonly<Record<ChaosFault, number>> & { readonly latencyMs: number };
  /** Requests seen, by "METHOD /path" (every attempt counts, faulted or not). */
  readonly requests: ReadonlyMap<string, number>;
  resetCounters(): void;
  close(): Promise<void>;
}

const RESPONSE_500 = 'HTTP/1.1 500 Internal Server Error\r\ncontent-type: application/json\r\ncontent-length: 44\r\nconnection: close\r\n\r\n{"code":"internal","message":"fault proxy"}\n';

export async function startFaultProxy(targetPort: () => number, initial: ProxyMode = 'pass'): Promise<FaultProxy> {
  const sockets = new Set<Socket>();
  const state = { mode: initial, up: 0, down: 0, dropped: 0, refused: 0, refuseRecord: null as { id: string; status: number } | null, chaos: null as ChaosSettings | null };
  const faults = { reset: 0, 'drop-response': 0, blackhole: 0, latencyMs: 0 };
  const requests = new Map<string, number>();
  /** One draw per request: a fault for a POST (or none), and its latency. */
  const draw = (post: boolean): { fault: ChaosFault | null; latencyMs: number } => {
    const chaos = state.chaos;
    if (!chaos) return { fault: null, latencyMs: 0 };
    const latencyMs = Math.floor(chaos.random() * chaos.maxLatencyMs);
    faults.latencyMs += latencyMs;
    let roll = chaos.random();
    if (!post) return { fault: null, latencyMs };
    for (const fault of ['reset', 'drop-response', 'blackhole'] as const) {
      if (roll < chaos.p[fault]) {
        if (fault !== 'drop-response') faults[fault] += 1;
        return { fault, latencyMs };
      }
      roll -= chaos.p[fault];
    }
    return { fault: null, latencyMs };
  };
  const track = (s: Socket): Socket => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
    s.on('error', () => s.destroy());
    return s;
  };
  // The mode is read on every chunk, so kept-alive connections follow a mode change too.
  const server: Server = createServer((client) => {
    track(client);
    if (state.mode === 'refuse') return void client.destroy();
    let upstream: Socket | undefined;
    const current = { post: false, refusing: false, fault: null as ChaosFault | null, latencyMs: 0 };
    /** Chunks delayed by chaos mode leave in the order they came. */
    let queue = Promise.resolve();
    client.on('data', (chunk: Buffer) => {
      if (current.refusing) return;
      if (/^[A-Z]+ \//.test(chunk.subarray(0, 16).toString('latin1'))) {
        current.post = chunk.subarray(0, 5).toString('latin1') === 'POST ';
        const line = /^([A-Z]+ [^ ?]+)/.exec(chunk.subarray(0, 256).toString('latin1'))?.[1] ?? '';
        requests.set(line, (requests.get(line) ?? 0) + 1);
        if (state.mode === 'chaos') Object.assign(current, draw(current.post));
        const key = /idempotency-key: ([0-9a-f-]{36})/i.exec(chunk.subarray(0, 4096).toString('latin1'))?.[1];
        if (state.refuseRecord && key === state.refuseRecord.id) {
          state.refused += 1;
          current.refusing = true;
          const page = `<html><body>${state.refuseRecord.status}</body></html>`;
          return void client.end(`HTTP/1.1 ${state.refuseRecord.status} Refused\r\ncontent-type: text/html\r\ncontent-length: ${page.length}\r\nconnection: close\r\n\r\n${page}`);
        }
      }
      const mode = state.mode;
      if (mode === 'refuse') return void client.destroy();
      if (mode === 'blackhole') return;
      if (mode === 'http-500') return void client.end(RESPONSE_500);
      if (mode === 'chaos') {
        if (current.fault === 'reset') return void client.resetAndDestroy();
        if (current.fault === 'blackhole') return;
        // The request waits its latency once, at its first chunk; the rest follow in order.
        const wait = current.latencyMs;
        current.latencyMs = 0;
        queue = queue.then(() => new Promise<void>((ok) => setTimeout(ok, wait))).then(() => {
          if (client.destroyed) return;
          state.up += chunk.length;
          upstream ??= connectUpstream(client, current);
          upstream.write(chunk);
        });
        return;
      }
      state.up += chunk.length;
      upstream ??= connectUpstream(client, current);
      upstream.write(chunk);
    });
    client.on('close', () => upstream?.destroy());
  });
  const connectUpstream = (client: Socket, current: { post: boolean; fault: ChaosFault | null }): Socket => {
    const upstream = track(createConnection({ host: '127.0.0.1', port: targetPort() }));
    upstream.on('data', (chunk: Buffer) => {
      const chaosDrop = state.mode === 'chaos' && current.fault === 'drop-response';
      if ((state.mode === 'drop-response' || chaosDrop) && current.post) {
        state.dropped += 1;
        if (chaosDrop) faults['drop-response'] += 1;
        upstream.destroy();
        client.destroy();
        return;
      }
      state.down += chunk.length;
      client.write(chunk);
    });
    upstream.on('close', () => client.destroy());
    return upstream;
  };
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('no port');
  return {
    url: `http://127.0.0.1:${address.port}`,
    get mode() { return state.mode; },
    set mode(m: ProxyMode) { state.mode = m; },
    get bytes() { return { up: state.up, down: state.down }; },
    get dropped() { return state.dropped; },
    get refuseRecord() { return state.refuseRecord; },
    set refuseRecord(r) { state.refuseRecord = r; },
    get refused() { return state.refused; },
    get chaos() { return state.chaos; },
    set chaos(c) { state.chaos = c; },
    get faults() { return { ...faults }; },
    get requests() { return new Map(requests); },
    resetCounters() {
      state.up = 0; state.down = 0; state.dropped = 0; state.refused = 0;
      faults.reset = 0; faults['drop-response'] = 0; faults.blackhole = 0; faults.latencyMs = 0;
      requests.clear();
    },
    async close() {
      for (const s of sockets) s.destroy();
      await new Promise<void>((ok) => server.close(() => ok()));
    },
  };
}
