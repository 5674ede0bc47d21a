// The kiosk's HTTP client for the central server (axios). Every call has a socket timeout and a hard
// deadline; answers are returned as status + body for the caller to classify, never thrown.
import axios, { type AxiosInstance } from 'axios';
import type { Ed25519Signer } from '../../../node/crypto/ed25519';
import { signRequest } from '../../../node/crypto/request-signing';
import { OUTCOMES_PATH, RECEIPT_NUMBER_HEADER, REGISTRATIONS_PATH, type OutcomesRequest } from '../../../shared/sync/protocol';
import { DIRECTORY_VERIFY_PATH } from '../../../shared/sync/directory';
import { OPERATORS_PATH, type OperatorsRequest } from '../../../shared/sync/operators';
import { KIOSK_AUDIT_PATH, type KioskAuditRequest } from '../../../shared/sync/kiosk-audit';
import { kioskReportHeaders, type KioskReport } from '../../../shared/sync/kiosk-report';
import { randomUUID } from 'node:crypto';

export interface ServerAnswer {
  readonly status: number;
  readonly body: unknown;
}

export interface ClientOptions {
  /** Health probe deadline. */
  readonly probeTimeoutMs?: number;
  /** Upload deadline (a ~500 KB record over a slow link). */
  readonly uploadTimeoutMs?: number;
  /** Sent with every signed request, for the server's kiosk list (display only; not signed). */
  readonly report?: KioskReport;
}

export interface ServerClient {
  health(signal?: AbortSignal): Promise<ServerAnswer>;
  enrol(body: unknown): Promise<ServerAnswer>;
  /** `receiptNumber`: the number printed on the applicant's receipt, so staff can find the record by it. */
  uploadRecord(deviceId: string, recordId: string, sealed: Buffer, sealedSha256: string, receiptNumber: string, signer: Ed25519Signer, signal?: AbortSignal): Promise<ServerAnswer>;
  /** Where the given delivered records stand (signed per record by the server). */
  pullOutcomes(deviceId: string, request: OutcomesRequest, signer: Ed25519Signer, signal?: AbortSignal): Promise<ServerAnswer>;
  /** The kiosk's trail of operator actions, for the server's audit trail. */
  pushKioskAudit(deviceId: string, request: KioskAuditRequest, signer: Ed25519Signer, signal?: AbortSignal): Promise<ServerAnswer>;
  /** The operator accounts (hashes), signed by the server's receipt key for this request's challenge. */
  pullOperators(deviceId: string, request: OperatorsRequest, signer: Ed25519Signer, signal?: AbortSignal): Promise<ServerAnswer>;
  /** Sealed directory credentials (campus SSO); the applicant waits, so the deadline is short. */
  verifyAccount(deviceId: string, requestId: string, sealed: Buffer, signer: Ed25519Signer): Promise<ServerAnswer>;
}

function deadline(ms: number, signal?: AbortSignal): AbortSignal {
  return signal ? AbortSignal.any([signal, AbortSignal.timeout(ms)]) : AbortSignal.timeout(ms);
}

export function createServerClient(baseURL: string, options: ClientOptions = {}): ServerClient {
  const probeMs = options.probeTimeoutMs ?? 3_000;
  const uploadMs = options.uploadTimeoutMs ?? 30_000;
  const report = kioskReportHeaders(options.report);
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
  /** A small signed JSON request (outcomes, operators, the kiosk's trail): a fresh idempotency key, a short deadline. */
  async function postSignedJson(path: string, deviceId: string, request: unknown, signer: Ed25519Signer, signal?: AbortSignal): Promise<ServerAnswer> {
    const body = Buffer.from(JSON.stringify(request), 'utf8');
    const headers = { 'content-type': 'application/json', ...signRequest(signer, deviceId, 'POST', path, randomUUID(), body), ...report };
    const r = await http.post(path, body, { headers, timeout: probeMs * 3, signal: deadline(probeMs * 3, signal) });
    return { status: r.status, body: r.data };
  }

  return {
    async health(signal) {
      const r = await http.get('/v1/health', { timeout: probeMs, signal: deadline(probeMs, signal) });
      return { status: r.status, body: r.data };
    },
    async enrol(body) {
      const r = await http.post('/v1/devices/enrol', body, { timeout: uploadMs, signal: deadline(uploadMs) });
      return { status: r.status, body: r.data };
    },
    async uploadRecord(deviceId, recordId, sealed, sealedSha256, receiptNumber, signer, signal) {
      const headers = {
        'content-type': 'application/octet-stream', ...signRequest(signer, deviceId, 'POST', REGISTRATIONS_PATH, recordId, sealed, Date.now(), sealedSha256),
        ...report, [RECEIPT_NUMBER_HEADER]: receiptNumber,
      };
      // The socket timeout catches a silent server; the deadline catches one that trickles.
      const r = await http.post(REGISTRATIONS_PATH, sealed, { headers, timeout: uploadMs, signal: deadline(uploadMs, signal) });
      return { status: r.status, body: r.data };
    },
    pullOutcomes: (deviceId, request, signer, signal) => postSignedJson(OUTCOMES_PATH, deviceId, request, signer, signal),
    pushKioskAudit: (deviceId, request, signer, signal) => postSignedJson(KIOSK_AUDIT_PATH, deviceId, request, signer, signal),
    pullOperators: (deviceId, request, signer, signal) => postSignedJson(OPERATORS_PATH, deviceId, request, signer, signal),
    async verifyAccount(deviceId, requestId, sealed, signer) {
      const headers = { 'content-type': 'application/octet-stream', ...signRequest(signer, deviceId, 'POST', DIRECTORY_VERIFY_PATH, requestId, sealed, Date.now()), ...report };
      const ms = probeMs * 5;
      const r = await http.post(DIRECTORY_VERIFY_PATH, sealed, { headers, timeout: ms, signal: deadline(ms) });
      return { status: r.status, body: r.data };
    },
  };
}
