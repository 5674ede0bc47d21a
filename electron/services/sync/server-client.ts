// The kiosk's HTTP client for the central server (axios). Every call has a socket timeout and a hard
// deadline; answers are returned as status + body for the caller to classify, never thrown.
import axios, { type AxiosInstance } from 'axios';
import { createHash, randomBytes } from 'node:crypto';
import { requestSigningText, SIGNATURE_HEADERS } from '../../../shared/sync/protocol';
import type { Ed25519Signer } from '../crypto/ed25519';

export interface ServerAnswer {
  readonly status: number;
  readonly body: unknown;
}

export interface ClientOptions {
  /** Health probe deadline. */
  readonly probeTimeoutMs?: number;
  /** Upload deadline (a ~500 KB record over a slow link). */
  readonly uploadTimeoutMs?: number;
}

export interface ServerClient {
  health(signal?: AbortSignal): Promise<ServerAnswer>;
  enrol(body: unknown): Promise<ServerAnswer>;
  uploadRecord(deviceId: string, recordId: string, sealed: Buffer, signer: Ed25519Signer, signal?: AbortSignal): Promise<ServerAnswer>;
}

export const REGISTRATIONS_PATH = '/v1/registrations';

export function sha256Hex(data: Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/** Signed headers for one request: a fresh timestamp and nonce every attempt. */
export function signRequest(signer: Ed25519Signer, deviceId: string, method: string, path: string, idempotencyKey: string, body: Uint8Array): Record<string, string> {
  const timestamp = String(Date.now());
  const nonce = randomBytes(16).toString('base64url');
  const signature = signer.sign(requestSigningText({ method, path, timestamp, nonce, idempotencyKey, bodySha256: sha256Hex(body) }));
  return {
    [SIGNATURE_HEADERS.device]: deviceId,
    [SIGNATURE_HEADERS.timestamp]: timestamp,
    [SIGNATURE_HEADERS.nonce]: nonce,
    [SIGNATURE_HEADERS.signature]: signature,
    'idempotency-key': idempotencyKey,
  };
}

function deadline(ms: number, signal?: AbortSignal): AbortSignal {
  return signal ? AbortSignal.any([signal, AbortSignal.timeout(ms)]) : AbortSignal.timeout(ms);
}

export function createServerClient(baseURL: string, options: ClientOptions = {}): ServerClient {
  const probeMs = options.probeTimeoutMs ?? 3_000;
  const uploadMs = options.uploadTimeoutMs ?? 30_000;
  const http: AxiosInstance = axios.create({
    baseURL,
    // Every status is an answer to classify; only transport failures throw.
    validateStatus: () => true,
    maxRedirects: 0,
    // The server is named explicitly by the operator; an environment proxy must not reroute records.
    proxy: false,
    maxContentLength: 1_000_000,
    maxBodyLength: 8_000_000,
  });
  return {
    async health(signal) {
      const r = await http.get('/v1/health', { timeout: probeMs, signal: deadline(probeMs, signal) });
      return { status: r.status, body: r.data };
    },
    async enrol(body) {
      const r = await http.post('/v1/devices/enrol', body, { timeout: uploadMs, signal: deadline(uploadMs) });
      return { status: r.status, body: r.data };
    },
    async uploadRecord(deviceId, recordId, sealed, signer, signal) {
      const headers = { 'content-type': 'application/octet-stream', ...signRequest(signer, deviceId, 'POST', REGISTRATIONS_PATH, recordId, sealed) };
      // The socket timeout catches a silent server; the deadline catches one that trickles.
      const r = await http.post(REGISTRATIONS_PATH, sealed, { headers, timeout: uploadMs, signal: deadline(uploadMs, signal) });
      return { status: r.status, body: r.data };
    },
  };
}
