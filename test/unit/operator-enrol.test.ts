// Enrolment from the operator screen (issue 14) against the real central server: the QR's
// fingerprint must match the keys the server answers with, a typed enrolment is saved only after the
// operator accepts the fingerprint shown, every refusal has its own code and saves nothing, and the
// hosts' --enrol-* switches are a no-op once the kiosk is enrolled to that server.
import { afterEach, describe, expect, it } from 'vitest';
import { createKioskServices, type KioskServices } from '../../electron/services/kiosk-services';
import { dispatch } from '../../electron/services/dispatch';
import { listKioskAudit, replaceOperators } from '../../electron/services/operators/operators-repo';
import { readLink } from '../../electron/services/sync/sync-repo';
import { normaliseServerUrl } from '../../electron/services/sync/enrol';
import { createPasswordHash } from '../../node/crypto/password-hash';
import { parseEnrolmentQr, serverKeyFingerprint, encodeEnrolmentQr } from '../../shared/enrolment-qr';
import type { Channel } from '../../shared/channels';
import { startCentralServer, type CentralServer } from '../support/central-server';
import { testProfiles } from '../support/simulated-kiosk';
import { useTempDirs } from './temp-dir';

const tempDir = useTempDirs();
const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => { for (const fn of cleanup.splice(0).reverse()) await fn(); });
const PASSWORD = 'meja-layanan-depan-7';

async function server(): Promise<CentralServer> {
  const s = await startCentralServer(tempDir(), { profiles: testProfiles() });
  cleanup.push(() => s.stop().catch(() => undefined));
  return s;
}
const fingerprintOf = (s: CentralServer): string =>
  serverKeyFingerprint({ sealingPublicKey: s.keys.sealing.publicKey.toString('base64url'), receiptPublicKey: s.keys.receipts.publicKey });

async function kiosk(dataDir = tempDir()): Promise<{ services: KioskServices; session: string; dataDir: string }> {
  const services = createKioskServices({ dataDir });
  cleanup.push(() => services.close());
  replaceOperators(services.db, [
    { username: 'sari', displayName: 'Sari', passwordHash: await createPasswordHash(PASSWORD), disabled: false, updatedAt: new Date().toISOString() },
  ]);
  const login = await dispatch(services, 'kiosk:operator:login', { username: 'sari', password: PASSWORD });
  if (!login.envelope.ok) throw new Error('login failed');
  return { services, session: (login.envelope.value as { session: string }).session, dataDir };
}

type Answer = Awaited<ReturnType<typeof dispatch>>;
const codeOf = (r: Answer): string => (r.envelope.ok ? 'ok' : r.envelope.error.code);
const valueOf = (r: Answer): Record<string, unknown> => {
  if (!r.envelope.ok) throw new Error(`refused: ${r.envelope.error.code} ${r.envelope.error.message}`);
  return r.envelope.value as Record<string, unknown>;
};
const enrol = (k: KioskServices, input: Record<string, unknown>) => dispatch(k, 'kiosk:operator:enrol', input);
const confirm = (k: KioskServices, input: Record<string, unknown>) => dispatch(k, 'kiosk:operator:confirm-enrol', input);
const enrolTrail = (k: KioskServices) => listKioskAudit(k.db, 50).filter((e) => e.action === 'operator.enrol').map((e) => e.detail);

describe('enrolment from the QR', () => {
  it('enrols when the keys match the QR, saves the link, and writes the trail without the code', async () => {
    const central = await server();
    const { services, session } = await kiosk();
    const code = await central.enrolCode();
    const qr = parseEnrolmentQr(encodeEnrolmentQr({ serverUrl: central.url, code, fingerprint: fingerprintOf(central) }));
    if (!qr.ok) throw new Error('QR did not parse');
    const answer = valueOf(await enrol(services, { session, ...qr.payload }));
    expect(answer).toEqual({ state: 'enrolled', serverUrl: central.url, fingerprint: fingerprintOf(central) });
    expect(readLink(services.db)?.serverUrl).toBe(central.url);
    expect(enrolTrail(services)).toEqual([{ server: central.url, result: 'enrolled' }]);
    expect(JSON.stringify(listKioskAudit(services.db, 50))).not.toContain(code);
    // The dashboard shows the pinned fingerprint; the same QR again is a no-op success.
    const dash = valueOf(await dispatch(services, 'kiosk:operator:dashboard', { session }));
    expect(dash.device).toMatchObject({ serverUrl: central.url });
    expect(codeOf(await enrol(services, { session, ...qr.payload }))).toBe('ok');
  });

  it('refuses a server whose keys are not the QR\'s and saves nothing', async () => {
    const central = await server();
    const { services, session } = await kiosk();
    const wrong = 'ab'.repeat(32);
    const r = await enrol(services, { session, serverUrl: central.url, code: await central.enrolCode(), fingerprint: wrong });
    expect(codeOf(r)).toBe('enrol-fingerprint-mismatch');
    expect(readLink(services.db)).toBeUndefined();
    expect(enrolTrail(services)).toEqual([{ server: central.url, result: 'refused', reason: 'enrol-fingerprint-mismatch' }]);
  });
});

describe('typed enrolment', () => {
  it('answers the fingerprint and saves the link only once the operator accepts it', async () => {
    const central = await server();
    const { services, session } = await kiosk();
    const first = valueOf(await enrol(services, { session, serverUrl: `${central.url}/`, code: (await central.enrolCode()).toLowerCase() }));
    expect(first).toMatchObject({ state: 'confirm', serverUrl: central.url, fingerprint: fingerprintOf(central) });
    expect(readLink(services.db)).toBeUndefined();
    const done = valueOf(await confirm(services, { session, pendingId: first.pendingId, accept: true }));
    expect(done).toEqual({ state: 'enrolled', serverUrl: central.url, fingerprint: fingerprintOf(central) });
    expect(readLink(services.db)?.serverUrl).toBe(central.url);
    // A confirmation is answered once.
    expect(codeOf(await confirm(services, { session, pendingId: first.pendingId, accept: true }))).toBe('enrol-pending');
  });

  it('saves nothing when the operator says the fingerprint does not match', async () => {
    const central = await server();
    const { services, session } = await kiosk();
    const first = valueOf(await enrol(services, { session, serverUrl: central.url, code: await central.enrolCode() }));
    expect(valueOf(await confirm(services, { session, pendingId: first.pendingId, accept: false }))).toEqual({ state: 'discarded' });
    expect(readLink(services.db)).toBeUndefined();
    expect(enrolTrail(services).map((d) => d?.result)).toEqual(['discarded', 'confirm']);
  });
});

describe('refusals', () => {
  it('gives its own code for a used or mistyped code, an unreachable server, http and another server', async () => {
    const central = await server();
    const other = await server();
    const code = await central.enrolCode();
    const a = await kiosk();
    valueOf(await enrol(a.services, { session: a.session, serverUrl: central.url, code, fingerprint: fingerprintOf(central) }));
    const b = await kiosk();
    expect(codeOf(await enrol(b.services, { session: b.session, serverUrl: central.url, code }))).toBe('enrol-code-invalid');
    expect(codeOf(await enrol(b.services, { session: b.session, serverUrl: central.url, code: 'ABCD-EFGH' }))).toBe('enrol-code-invalid');
    expect(codeOf(await enrol(b.services, { session: b.session, serverUrl: 'http://127.0.0.1:9', code: await central.enrolCode() }))).toBe('enrol-unreachable');
    expect(codeOf(await enrol(b.services, { session: b.session, serverUrl: 'http://pendaftaran.example.org', code: await central.enrolCode() }))).toBe('enrol-not-https');
    expect(codeOf(await enrol(b.services, { session: b.session, serverUrl: 'bukan alamat', code: await central.enrolCode() }))).toBe('enrol-server-url');
    expect(readLink(b.services.db)).toBeUndefined();
    // Enrolled to one server: another is refused (the code is not even sent), the same one is a no-op.
    const otherCode = await other.enrolCode();
    expect(codeOf(await enrol(a.services, { session: a.session, serverUrl: other.url, code: otherCode }))).toBe('enrol-other-server');
    expect(valueOf(await enrol(a.services, { session: a.session, serverUrl: central.url, code: 'ABCD-EFGH-JKMN' }))).toMatchObject({ state: 'enrolled' });
    const c = await kiosk();
    expect(valueOf(await enrol(c.services, { session: c.session, serverUrl: other.url, code: otherCode }))).toMatchObject({ state: 'confirm' });
  });

  it('accepts https and loopback only', () => {
    expect(normaliseServerUrl('https://Pendaftaran.example.org/')).toBe('https://pendaftaran.example.org');
    for (const url of ['http://127.0.0.1:8787', 'http://localhost:8787', 'http://[::1]:8787']) expect(normaliseServerUrl(url)).toBe(url);
    expect(() => normaliseServerUrl('http://10.0.0.5:8787')).toThrow(/not-https/);
    expect(() => normaliseServerUrl('ftp://server')).toThrow(/invalid-server-url/);
  });

  it('refuses every enrolment channel without a live session, before its input is read', async () => {
    const { services } = await kiosk();
    for (const channel of ['kiosk:operator:enrol', 'kiosk:operator:confirm-enrol'] satisfies Channel[]) {
      for (const input of [undefined, {}, { session: 'x'.repeat(43), serverUrl: 'https://a.example', code: 'ABCD-EFGH-JKMN', pendingId: 'a'.repeat(22), accept: true }]) {
        const r = await dispatch(services, channel, input);
        expect(r.status).toBe('unauthorized');
        expect(codeOf(r)).toBe('operator-session');
      }
    }
  });
});

describe('the --enrol-* start switches', () => {
  it('are a no-op once enrolled to that server, and refuse another', async () => {
    const central = await server();
    const other = await server();
    const dataDir = tempDir();
    const code = await central.enrolCode();
    const first = createKioskServices({ dataDir });
    expect(await first.enrol(central.url, code)).toEqual({ sealed: 0 });
    await first.close();
    // A restart with the same switches: the spent code is not sent again, the kiosk starts.
    const again = createKioskServices({ dataDir });
    cleanup.push(() => again.close());
    expect(await again.enrol(`${central.url}/`, code)).toEqual({ sealed: 0 });
    expect(readLink(again.db)?.serverUrl).toBe(central.url);
    await expect(again.enrol(other.url, await other.enrolCode())).rejects.toThrow(/other-server/);
    expect(readLink(again.db)?.serverUrl).toBe(central.url);
  });
});
