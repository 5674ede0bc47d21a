// The OpenAPI 3.1 document of the server's API, generated from the same zod schemas that validate
// requests (z.toJSONSchema), so the document cannot drift from the code.
import { z } from 'zod';
import {
  EnrolRequestSchema, EnrolResponseSchema, HealthSchema, OUTCOMES_PATH, OutcomesRequestSchema, OutcomesResponseSchema, REGISTRATIONS_PATH,
  ServerErrorSchema, ServerStatusSchema, SignedDeliveryReceiptSchema, SIGNATURE_HEADERS,
} from '../shared/sync/protocol';
import { DirectoryCredentialsSchema, DirectoryVerdictSchema, DIRECTORY_VERIFY_PATH } from '../shared/sync/directory';
import { RECEIPT_VERIFY_PATH, ReceiptVerificationSchema, ReceiptVerifyRequestSchema } from '../shared/receipt-verify';
import { KIOSK_REPORT_HEADERS } from '../shared/sync/kiosk-report';
import { OPERATORS_PATH, OperatorsRequestSchema, SignedOperatorListSchema } from '../shared/sync/operators';
import { KIOSK_AUDIT_PATH, KioskAuditAnswerSchema, KioskAuditRequestSchema } from '../shared/sync/kiosk-audit';

const json = (schema: z.ZodType) => ({ 'application/json': { schema: z.toJSONSchema(schema, { io: 'output', unrepresentable: 'any' }) } });
const errors = (...codes: number[]) => Object.fromEntries(codes.map((c) => [String(c), { description: 'error (see `code`); a final refusal of one record carries a signed `refusal`', content: json(ServerErrorSchema) }]));

export function buildOpenApi() {
  const signed = (key: string) => [
    { name: SIGNATURE_HEADERS.device, description: 'enrolled device id (UUID)' },
    { name: SIGNATURE_HEADERS.timestamp, description: 'milliseconds since the epoch; ±5 min' },
    { name: SIGNATURE_HEADERS.nonce, description: '16 random bytes, base64url; single use' },
    { name: SIGNATURE_HEADERS.signature, description: 'Ed25519 over "KIOSK-REQUEST-V1\\nMETHOD\\npath\\ntimestamp\\nnonce\\nidempotency-key\\nsha256(body)", base64url' },
    { name: 'idempotency-key', description: key },
  ].map((h) => ({ in: 'header', required: true, schema: { type: 'string' }, ...h })).concat([
    { name: KIOSK_REPORT_HEADERS.software, description: 'optional: the kiosk software version (1.2.3), shown to admins only' },
    { name: KIOSK_REPORT_HEADERS.profile, description: 'optional: the profile it runs (id@version), shown to admins only' },
  ].map((h) => ({ in: 'header', required: false, schema: { type: 'string' }, ...h })));
  return {
    openapi: '3.1.0',
    info: { title: 'Registration kiosk — reference central server', version: '2.0.0' },
    paths: {
      '/v1/health': { get: { summary: 'Liveness probe', responses: { 200: { description: 'up', content: json(HealthSchema) } } } },
      '/v1/status': { get: { summary: 'Counts (no personal data); needs a staff session cookie (401 without)', responses: { 200: { description: 'status', content: json(ServerStatusSchema) } } } },
      '/v1/devices/enrol': {
        post: {
          summary: 'Enrol a device with a one-time code from `npm run server -- enrol-code`',
          requestBody: { required: true, content: json(EnrolRequestSchema) },
          responses: { 200: { description: 'enrolled: the server public keys', content: json(EnrolResponseSchema) }, ...errors(400, 403, 409, 429) },
        },
      },
      [REGISTRATIONS_PATH]: {
        post: {
          summary: 'Deliver one sealed registration (HPKE X25519/HKDF-SHA256/AES-256-GCM, aad = device + record id)',
          parameters: signed('the record id (UUID); retries carry the same key and get the same answer'),
          requestBody: { required: true, content: { 'application/octet-stream': { schema: { type: 'string', format: 'binary' } } } },
          responses: {
            201: { description: 'durably received (or the stored answer to an earlier request with this key): the signed delivery receipt, with the registration number when the profile numbers on acceptance', content: json(SignedDeliveryReceiptSchema) },
            ...errors(400, 401, 403, 409, 413, 415, 422, 429, 500),
          },
        },
      },
      [OUTCOMES_PATH]: {
        post: {
          summary: 'Where this device\'s delivered records stand (received, numbered, rejected), each signed',
          parameters: signed('a fresh UUID per request'),
          requestBody: { required: true, content: json(OutcomesRequestSchema) },
          responses: { 200: { description: 'signed outcomes', content: json(OutcomesResponseSchema) }, ...errors(400, 401, 403, 429) },
        },
      },
      [DIRECTORY_VERIFY_PATH]: {
        post: {
          summary: 'Verify a campus account against the profile\'s directory (LDAP); the body is the JSON credentials sealed like a record (aad = "registration-kiosk/directory-credentials/v1/<device>/<idempotency-key>")',
          parameters: signed('a fresh UUID per request'),
          requestBody: {
            required: true,
            content: { 'application/octet-stream': { schema: { type: 'string', format: 'binary', description: 'HPKE-sealed JSON of this schema', contentSchema: z.toJSONSchema(DirectoryCredentialsSchema, { io: 'input' }) } } },
          },
          responses: {
            200: { description: 'verified: the person as the directory knows them and a signed assertion to put into the record', content: json(DirectoryVerdictSchema) },
            ...errors(400, 401, 403, 404, 409, 415, 429, 503),
          },
        },
      },
      [OPERATORS_PATH]: {
        post: {
          summary: 'Every kiosk operator account (username, display name, scrypt password hash, disabled), for offline login; the whole list signed with the receipt key over "KIOSK-OPERATORS-V1\\ndevice\\nchallenge\\nissuedAt\\n[[username, displayName, passwordHash, disabled, updatedAt], …]" for this device and the request\'s challenge',
          parameters: signed('a fresh UUID per request'),
          requestBody: { required: true, content: json(OperatorsRequestSchema) },
          responses: { 200: { description: 'the signed list (verifyOperatorList in shared/sync/operators.ts)', content: json(SignedOperatorListSchema) }, ...errors(400, 401, 403, 429) },
        },
      },
      [KIOSK_AUDIT_PATH]: {
        post: {
          summary: 'The kiosk\'s own trail of operator actions, added to the audit trail once per entry (by the kiosk\'s entry id)',
          parameters: signed('a fresh UUID per request'),
          requestBody: { required: true, content: json(KioskAuditRequestSchema) },
          responses: { 200: { description: 'the entry ids the server now holds', content: json(KioskAuditAnswerSchema) }, ...errors(400, 401, 403, 429) },
        },
      },
      [RECEIPT_VERIFY_PATH]: {
        post: {
          summary: 'Verify a printed receipt\'s QR code (KR2.<device>.<record id>.<receipt number>.<issued at>.<profile>.<Ed25519 signature>): which kiosk issued it, when, whether that kiosk signed it, and (for a genuine code) whether this server has received the registration; unsigned, no personal data',
          requestBody: { required: true, content: json(ReceiptVerifyRequestSchema) },
          responses: { 200: { description: 'the verdict (valid, revoked-device, bad-signature — also for a device id this server does not know —, or unknown-device from servers older than issue 15), the device\'s standing (only for a code its key signed), what the code claims, and, for a valid code, whether the server has the record (not-received, received; never how it was decided)', content: json(ReceiptVerificationSchema) }, ...errors(400, 429) },
        },
      },
    },
  };
}
