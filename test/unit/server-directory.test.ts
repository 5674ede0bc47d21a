// Campus-account verification against a real directory: Debian's slapd seeded with a PNJ-shaped
// campus (test/support/slapd.ts), the real server on a loopback port, requests signed and sealed as
// a kiosk sends them. Throttling is checked on both storage engines.
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { randomUUID } from 'node:crypto';
import { createServer, type AddressInfo } from 'node:net';
import { sealRecord } from '../../node/crypto/record-sealing';
import { signRequest } from '../../node/crypto/request-signing';
import { sealingContext } from '../../shared/sync/protocol';
import { directorySealingContext, DirectoryVerdictSchema, DIRECTORY_VERIFY_PATH } from '../../shared/sync/directory';
import { serve, type RunningServer } from '../../server/serve';
import { createEnrolCode } from '../../server/devices';
import { checkAssertion } from '../../server/directory/assertion';
import { createLdapDirectory, searchFilterFor } from '../../server/directory/ldap-directory';
import { loadDirectorySettings } from '../../server/directory/settings';
import { uniqueKeyHash } from '../../server/unique-key';
import { SimulatedKiosk, testProfiles } from '../support/simulated-kiosk';
import { loadProfile } from '../../node/profiles';
import { appPaths } from '../../electron/services/app-paths';
import type { RecordPayload } from '../../shared/sync/record-payload';
import { databaseFor, ENGINES, type EngineName } from '../support/engines';
import { SERVICE_ACCOUNT, startSlapd, writeDirectorySettings, type TestSlapd } from '../support/slapd';
import { useTempDirs } from './temp-dir';

const ANDI = { username: '2207411001', password: 'Andi#Pnj2022' };
const DEWI = { username: '2207411002', password: 'Dewi#Pnj2022' };
const RIZKY = { username: '2207411003', password: 'Rizky#Pnj2022' };
const SITI = { username: '198503122010121002', password: 'Siti#Pegawai85' };
const FILTER = '(&(objectClass=inetOrgPerson)(uid={username}))';

const tempDir = useTempDirs();
let slapd: TestSlapd;
beforeAll(async () => { slapd = await startSlapd(); });
afterAll(async () => { await slapd.destroy(); });
const running: RunningServer[] = [];
afterEach(async () => {
  await slapd.start(); // a test that stopped it may have failed before starting it again
  for (const s of running.splice(0)) await s.close();
});

/** A directory settings file for sso-kampus, with the service account's password in a file beside it. */
function directoryFile(overrides: Record<string, unknown> = {}): string {
  return writeDirectorySettings(tempDir(), slapd, { searchFilter: FILTER, timeoutMs: 2000, ...overrides });
}

/** The test profiles, plus the shipped sso-kampus (with a directory) and tanpa-direktori (without one). */
function profiles() {
  const base = testProfiles();
  const sso = loadProfile('sso-kampus', appPaths().resources);
  return new Map([...base, ['sso-kampus', sso], ['tanpa-direktori', { ...sso, id: 'tanpa-direktori', numbering: { mode: 'on-accept', prefix: 'TD' } as const }]]);
}

interface Setup { server: RunningServer; kiosk: SimulatedKiosk; clock: { now: number } }

async function start(engine: EngineName = 'sqlite'): Promise<Setup> {
  const clock = { now: Date.now() };
  const server = await serve({
    dataDir: tempDir(), databaseUrl: await databaseFor(engine), port: 0, host: '127.0.0.1',
    profiles: profiles(), directoryFile: directoryFile(), now: () => new Date(clock.now),
  });
  running.push(server);
  const kiosk = new SimulatedKiosk(server.url);
  expect((await kiosk.enrol(await createEnrolCode(server.store, new Date()))).status).toBe(200);
  return { server, kiosk, clock };
}

interface Answer { status: number; text: string; body: Record<string, unknown>; retryAfter: string | null }

async function post(url: string, body: Buffer, headers: Record<string, string>): Promise<Answer> {
  const res = await fetch(`${url}${DIRECTORY_VERIFY_PATH}`, { method: 'POST', headers: { 'content-type': 'application/octet-stream', ...headers }, body: new Uint8Array(body) });
  const text = await res.text();
  return { status: res.status, text, body: JSON.parse(text) as Record<string, unknown>, retryAfter: res.headers.get('retry-after') };
}

/** The sealed, signed request a kiosk sends; `context` seals it for something else. */
async function sealedRequest({ kiosk, clock }: Setup, credentials: object, requestId = randomUUID(), context = directorySealingContext(kiosk.deviceId, requestId)) {
  if (!kiosk.sealingKey) throw new Error('enrol first');
  const body = await sealRecord(kiosk.sealingKey, Buffer.from(JSON.stringify(credentials)), context);
  return { body, headers: signRequest(kiosk.signer, kiosk.deviceId, 'POST', DIRECTORY_VERIFY_PATH, requestId, body, clock.now) };
}

async function verify(setup: Setup, account: { username: string; password: string }, profileId = 'sso-kampus'): Promise<Answer> {
  const { body, headers } = await sealedRequest(setup, { profileId, ...account });
  return post(setup.server.url, body, headers);
}

describe('campus account verification', () => {
  it('answers the right password with the person as the directory has them and an assertion the server accepts in a record', async () => {
    const setup = await start();
    const answer = await verify(setup, ANDI);
    expect(answer.status).toBe(200);
    const verdict = DirectoryVerdictSchema.parse(answer.body);
    expect(verdict.person).toEqual({ username: '2207411001', name: 'Andi Pratama', mail: 'andi.pratama@mhsw.pnj.ac.id', unit: 'Teknik Informatika dan Komputer' });
    expect(Date.parse(verdict.expiresAt) - setup.clock.now).toBe(30 * 60_000);
    const record = { deviceId: setup.kiosk.deviceId, profileId: 'sso-kampus', username: '2207411001', submittedAt: new Date(setup.clock.now + 60_000) };
    expect(checkAssertion(setup.server.keys, verdict.assertion, record)).toMatchObject({ ok: true, claims: { person: { name: 'Andi Pratama' } } });
    expect(checkAssertion(setup.server.keys, verdict.assertion, { ...record, username: '2207411002' })).toEqual({ ok: false, reason: 'other-username' });

    expect((await verify(setup, SITI)).body).toMatchObject({ person: { username: SITI.username, name: 'Siti Nurhaliza', mail: 'siti.nurhaliza@pnj.ac.id', unit: 'Jurusan Teknik Elektro' } });
    // No e-mail in the directory: null, not an empty string or a failure.
    expect((await verify(setup, DEWI)).body).toMatchObject({ person: { username: DEWI.username, name: 'Dewi Lestari', mail: null, unit: 'Akuntansi' } });
  });

  it('accepts a record only with its own assertion: missing, forged, for another username or expired is a signed refusal', async () => {
    const setup = await start();
    const { kiosk, clock } = setup;
    const { person, assertion } = DirectoryVerdictSchema.parse((await verify(setup, ANDI)).body);
    const record = (over: Partial<RecordPayload> = {}, fields: Record<string, string> = {}): RecordPayload => ({
      version: 2, profileId: 'sso-kampus', profileVersion: 1, locale: 'id', acknowledgedWarnings: [],
      fields: { nama: person.name, nimNip: person.username, email: person.mail ?? '', jurusan: 'tik', nomorTelepon: '+6281234567890', ...fields },
      account: { keepsExistingPassword: true, securityAnswers: [] }, verification: { assertion },
      submittedAt: new Date(clock.now + 60_000).toISOString(), ...over,
    });
    const upload = async (payload: object) => { const id = randomUUID(); return kiosk.upload(id, await kiosk.seal(id, payload)); };
    const [sig = ''] = assertion.split('.').slice(1);
    const forged = `${assertion.split('.')[0]}.${sig.slice(0, -2)}${sig.endsWith('AA') ? 'BB' : 'AA'}`;
    const refusals: [object, string][] = [
      [{ ...record(), verification: undefined }, 'invalid fields: verification'],
      [record({ verification: { assertion: forged } }), 'verification: forged'],
      [record({}, { nimNip: DEWI.username }), 'verification: other-username'],
      [record({ submittedAt: new Date(clock.now + 31 * 60_000).toISOString() }), 'verification: expired'],
      [record({}, { email: 'andi@gmail.com' }), 'invalid fields: fields.email'],
      [record({}, { nama: 'Andi Pratama Putra' }), 'verification: read-only fields differ: nama'],
    ];
    for (const [payload, message] of refusals) {
      expect(await upload(payload), message).toMatchObject({ status: 400, body: { code: 'invalid-payload', message, refusal: {} } });
    }
    const accepted = await upload(record());
    expect(accepted).toMatchObject({ status: 201, body: { receipt: { registrationNumber: expect.stringMatching(/^SSO-\d{4}-\d{7}$/) } } });
    // One registration per account, whichever way it is spelled; and verifying it again says so.
    expect(await upload(record({}, { nimNip: ` ${person.username} ` }))).toMatchObject({ status: 409, body: { code: 'duplicate-nik' } });
    expect(await verify(setup, ANDI)).toMatchObject({ status: 409, body: { code: 'already-registered' } });
  });

  it('answers a wrong password and an unknown account alike, a locked account as locked, and logs neither username nor password', async () => {
    const setup = await start();
    const logged = vi.spyOn(console, 'error');
    try {
      const wrong = await verify(setup, { ...ANDI, password: 'Andi#Pnj2021' });
      expect(wrong).toMatchObject({ status: 401, body: { code: 'wrong-credentials' } });
      expect((await verify(setup, { username: '2207419999', password: 'Andi#Pnj2022' })).text).toBe(wrong.text);
      expect(await verify(setup, RIZKY)).toMatchObject({ status: 403, body: { code: 'account-locked' } });
      expect((await verify(setup, ANDI)).status).toBe(200);
      const lines = logged.mock.calls.map((c) => String(c[0])).join('\n');
      expect(lines).toContain('outcome="wrong-credentials"');
      expect(lines).toContain('outcome="account-locked"');
      for (const secret of ['2207411001', '2207419999', '2207411003', 'Andi#Pnj', 'Rizky#Pnj']) expect(lines).not.toContain(secret);
    } finally {
      logged.mockRestore();
    }
  });

  it('escapes the username in the search filter: injection-looking names match nobody, and the route refuses them outright', async () => {
    const settings = loadDirectorySettings(directoryFile()).get('sso-kampus');
    if (!settings) throw new Error('no settings');
    const directory = createLdapDirectory(settings);
    expect(searchFilterFor(FILTER, 'a)(uid=*')).toBe('(&(objectClass=inetOrgPerson)(uid=a\\29\\28uid=\\2a))');
    expect((await directory.verify(ANDI.username, ANDI.password)).ok).toBe(true);
    // Unescaped, each of these would name Andi's entry alone, and his password would sign in.
    for (const username of ['22074110*1', '2207411001)(|(uid=*', '*']) {
      expect(await directory.verify(username, ANDI.password)).toEqual({ ok: false, reason: 'wrong-credentials' });
    }
    // An empty password is never sent (it would be an "unauthenticated bind").
    expect(await directory.verify(ANDI.username, '')).toEqual({ ok: false, reason: 'wrong-credentials' });

    const setup = await start();
    expect(await verify(setup, { username: '22074110*1', password: ANDI.password })).toMatchObject({ status: 400, body: { code: 'invalid-request', message: 'invalid fields: username' } });
    expect(await verify(setup, { username: ANDI.username, password: '' })).toMatchObject({ status: 400, body: { code: 'invalid-request', message: 'invalid fields: password' } });
  });

  it('searches anonymously without a service account; a refused service account is the directory\'s failure, not the applicant\'s', async () => {
    const anonymous = loadDirectorySettings(directoryFile({ bindDn: undefined, bindPasswordFile: undefined })).get('sso-kampus');
    if (!anonymous || anonymous.bindDn !== undefined) throw new Error('expected settings without a service account');
    expect(await createLdapDirectory(anonymous).verify(SITI.username, SITI.password)).toMatchObject({ ok: true, person: { name: 'Siti Nurhaliza' } });
    const refused = createLdapDirectory({ ...anonymous, bindDn: SERVICE_ACCOUNT.dn, bindPassword: 'not-the-password' });
    expect(await refused.verify(SITI.username, SITI.password)).toEqual({ ok: false, reason: 'unavailable' });
  });

  it('speaks StartTLS and ldaps:// trusting the configured CA, and refuses a certificate it cannot trust', async () => {
    const settings = loadDirectorySettings(directoryFile({ startTls: true, caFile: slapd.caFile })).get('sso-kampus');
    if (!settings?.ca) throw new Error('no CA read');
    expect((await createLdapDirectory(settings).verify(ANDI.username, ANDI.password)).ok).toBe(true);
    expect((await createLdapDirectory({ ...settings, startTls: false, url: slapd.ldapsUrl }).verify(ANDI.username, ANDI.password)).ok).toBe(true);
    const { ca: _ca, ...untrusting } = settings;
    expect(await createLdapDirectory(untrusting).verify(ANDI.username, ANDI.password)).toEqual({ ok: false, reason: 'unavailable' });
    expect(await createLdapDirectory({ ...untrusting, startTls: false, url: slapd.ldapsUrl }).verify(ANDI.username, ANDI.password)).toEqual({ ok: false, reason: 'unavailable' });
  });

  it('gives up on a directory that accepts the connection but never answers, after its timeout', async () => {
    const silent = createServer(() => undefined);
    await new Promise<void>((ok) => silent.listen(0, '127.0.0.1', ok));
    try {
      const { port } = silent.address() as AddressInfo;
      const settings = loadDirectorySettings(directoryFile({ url: `ldap://127.0.0.1:${port}`, timeoutMs: 300 })).get('sso-kampus');
      if (!settings) throw new Error('no settings');
      const begun = Date.now();
      expect(await createLdapDirectory(settings).verify(ANDI.username, ANDI.password)).toEqual({ ok: false, reason: 'unavailable' });
      expect(Date.now() - begun).toBeLessThan(3_000);
    } finally {
      silent.close();
    }
  });

  it('answers 503 while the directory is down, without counting it as a failure, and verifies again once it is back', async () => {
    const setup = await start();
    await slapd.stop();
    for (let i = 0; i < 6; i++) expect(await verify(setup, ANDI)).toMatchObject({ status: 503, body: { code: 'directory-unavailable' } });
    await slapd.start();
    expect((await verify(setup, ANDI)).status).toBe(200);
  });

  it('refuses an account that has registered already — but only to someone who knows its password', async () => {
    const setup = await start();
    const { server, kiosk } = setup;
    await server.store.storeRegistration({
      deviceId: kiosk.deviceId, recordId: randomUUID(), profileId: 'sso-kampus', nikHash: uniqueKeyHash(server.keys.nikKey, 'sso-kampus', SITI.username),
      sealed: Buffer.from('sealed'), payloadSha256: '0'.repeat(64), receivedAt: new Date().toISOString(),
      numbering: { mode: 'on-accept', prefix: 'SSO' }, nonce: { value: randomUUID(), seenAtMs: Date.now() },
    }, () => ({ status: 201, body: '{}' }));
    expect(await server.store.hasRegistration('sso-kampus', uniqueKeyHash(server.keys.nikKey, 'sso-kampus', SITI.username))).toBe(true);
    expect(await verify(setup, SITI)).toMatchObject({ status: 409, body: { code: 'already-registered' } });
    expect(await verify(setup, { ...SITI, password: 'Siti#Pegawai86' })).toMatchObject({ status: 401, body: { code: 'wrong-credentials' } });
    // Another profile is another register.
    expect(await server.store.hasRegistration('sscasn', uniqueKeyHash(server.keys.nikKey, 'sscasn', SITI.username))).toBe(false);
    expect((await verify(setup, ANDI)).status).toBe(200);
  });

  it('refuses unsigned, tampered and replayed requests, and credentials sealed for another request or as a record', async () => {
    const setup = await start();
    const { body, headers } = await sealedRequest(setup, { profileId: 'sso-kampus', ...ANDI });
    expect(await post(setup.server.url, body, { 'idempotency-key': headers['idempotency-key'] ?? '' })).toMatchObject({ status: 401, body: { code: 'unsigned-request' } });
    const tampered = Buffer.from(body);
    tampered.writeUInt8(tampered.readUInt8(tampered.length - 1) ^ 1, tampered.length - 1);
    expect(await post(setup.server.url, tampered, headers)).toMatchObject({ status: 401, body: { code: 'bad-signature' } });
    expect((await post(setup.server.url, body, headers)).status).toBe(200);
    expect(await post(setup.server.url, body, headers)).toMatchObject({ status: 401, body: { code: 'replayed-request' } });

    const other = await sealedRequest(setup, { profileId: 'sso-kampus', ...ANDI }, randomUUID(), directorySealingContext(setup.kiosk.deviceId, randomUUID()));
    expect(await post(setup.server.url, other.body, other.headers)).toMatchObject({ status: 400, body: { code: 'cannot-open-record' } });
    const id = randomUUID();
    const asRecord = await sealedRequest(setup, { profileId: 'sso-kampus', ...ANDI }, id, sealingContext(setup.kiosk.deviceId, id));
    expect(await post(setup.server.url, asRecord.body, asRecord.headers)).toMatchObject({ status: 400, body: { code: 'cannot-open-record' } });
  });

  it('answers no-directory for a profile the server lacks and for one it has without a directory', async () => {
    const setup = await start();
    expect(await verify(setup, ANDI, 'belum-ada')).toMatchObject({ status: 404, body: { code: 'no-directory' } });
    expect(await verify(setup, ANDI, 'tanpa-direktori')).toMatchObject({ status: 404, body: { code: 'no-directory' } });
  });
});

describe.each(ENGINES)('account throttling on %s', (engine) => {
  it('after 5 failures in 15 minutes refuses the account without asking the directory until the window has passed; a success clears the count', async () => {
    const setup = await start(engine);
    for (let i = 0; i < 5; i++) expect((await verify(setup, { ...ANDI, password: `salah-${i}` })).status).toBe(401);
    const throttled = await verify(setup, ANDI);
    expect(throttled).toMatchObject({ status: 429, body: { code: 'too-many-attempts' } });
    expect(Number(throttled.retryAfter)).toBeGreaterThan(14 * 60);
    expect(Number(throttled.retryAfter)).toBeLessThanOrEqual(15 * 60);
    // Other accounts are not affected.
    expect((await verify(setup, SITI)).status).toBe(200);
    // The directory is not asked while the account is throttled: with it down, still 429, not 503.
    await slapd.stop();
    expect((await verify(setup, ANDI)).status).toBe(429);
    await slapd.start();

    setup.clock.now += 15 * 60_000 + 1_000;
    expect((await verify(setup, ANDI)).status).toBe(200);
    // The success forgave the failures: five more are allowed before the sixth is refused.
    for (let i = 0; i < 5; i++) expect((await verify(setup, { ...ANDI, password: `salah-${i}` })).status).toBe(401);
    expect((await verify(setup, ANDI)).status).toBe(429);
  });

  it('lets exactly 5 of many concurrent attempts through to the directory', async () => {
    const setup = await start(engine);
    const answers = await Promise.all(Array.from({ length: 9 }, (_, i) => verify(setup, { ...DEWI, password: `salah-${i}` })));
    expect(answers.map((a) => a.status).sort()).toEqual([401, 401, 401, 401, 401, 429, 429, 429, 429]);
  });
});
