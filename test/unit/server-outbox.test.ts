// The applicants' e-mail on both engines, through a real SMTP server (smtp-server on a loopback
// port): an approval mails the Nomor Registrasi in the applicant's language, a rejection the
// reason's words and the note; an SMTP server that is down or answers 4xx delays mail and loses
// none, each sent once; two workers on one database do not send a mail twice; nothing of a message
// reaches the log, and a sent row keeps no message.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { startCentralServer, type CentralServer, type CentralServerOptions } from '../support/central-server';
import { payloadOf, SimulatedKiosk, testProfiles } from '../support/simulated-kiosk';
import { databaseFor, ENGINES } from '../support/engines';
import { StaffBrowser } from '../support/staff-browser';
import { BUDI, SITI, type Applicant } from '../support/identities';
import { applicant } from '../support/submissions';
import { freePort, startSmtpSink, type SmtpSink } from '../support/smtp-sink';
import { useTempDirs } from './temp-dir';
import { createAdmin } from '../../server/staff/create-admin';
import { auditTrail } from '../../server/staff/audit-trail';
import { startOutboxWorker, type OutboxWorker } from '../../server/mail/outbox-worker';
import { CommandLineRefusal, decideFromCommandLine } from '../../server/review/command-line';
import { SERVER_DB_FILE } from '../../server/store/open-store';
import { ProfileEmailsSchema } from '../../shared/decision-mail';
import type { OutboxRow } from '../../server/store/server-store';

const tempDir = useTempDirs();
const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const stop of cleanup.splice(0).reverse()) await stop();
  vi.restoreAllMocks();
});
const YEAR = new Date().getUTCFullYear();
const FAST = { pollMs: 50, baseDelayMs: 100, maxDelayMs: 400, leaseMs: 10_000 };
const FROM = 'Sekretariat <no-reply@asosiasi.example>';

async function until(what: string, check: () => Promise<boolean> | boolean, timeoutMs = 15_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Every log line written while the test runs. */
function captureLog(): string[] {
  const lines: string[] = [];
  const original = console.error.bind(console);
  vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => { lines.push(args.map(String).join(' ')); original(...args); });
  return lines;
}

/** The outbox table as stored, every column, blobs read as text: what a copy of the database shows. */
async function rawOutbox(s: CentralServer): Promise<string> {
  if (!s.databaseUrl) {
    const db = new Database(join(s.dataDir, SERVER_DB_FILE), { readonly: true });
    try {
      return JSON.stringify(db.prepare('SELECT * FROM outbox').all(), (_k, v: unknown) => (Buffer.isBuffer(v) ? v.toString('latin1') : v));
    } finally {
      db.close();
    }
  }
  const client = new pg.Client({ connectionString: s.databaseUrl });
  await client.connect();
  try {
    const rows = (await client.query('SELECT * FROM outbox')).rows as Record<string, unknown>[];
    return JSON.stringify(rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, Buffer.isBuffer(v) ? v.toString('latin1') : v]))));
  } finally {
    await client.end();
  }
}

const outboxOf = (s: CentralServer): Promise<OutboxRow[]> => s.store.outbox.list(0, 100);

describe.each(ENGINES)('the e-mail outbox on %s', (engine) => {
  async function setUp(options: Partial<CentralServerOptions> & { databaseUrl?: string | undefined; dataDir?: string } = {}) {
    const dataDir = options.dataDir ?? tempDir();
    const databaseUrl = 'databaseUrl' in options ? options.databaseUrl : await databaseFor(engine);
    const s = await startCentralServer(dataDir, { databaseUrl, profiles: testProfiles(), outboxTiming: FAST, ...options });
    cleanup.push(() => s.stop());
    await createAdmin(s.store.staff, auditTrail(s.store.staff, s.keys), 'admin', 'kunci-rahasia-kantor-2026', new Date());
    const admin = new StaffBrowser(s.url);
    expect((await admin.login('admin', 'kunci-rahasia-kantor-2026')).status).toBe(200);
    const kiosk = new SimulatedKiosk(s.url);
    expect((await kiosk.enrol(await s.enrolCode())).status).toBe(200);
    const deliver = async (a: Applicant, locale: 'id' | 'en' = 'id', profileId = 'asosiasi-uji') => {
      const id = randomUUID();
      expect((await kiosk.upload(id, await kiosk.seal(id, { ...payloadOf(a, profileId), locale }))).status).toBe(201);
      return id;
    };
    const approve = async (id: string) => {
      const r = await admin.call('POST', `/registrations/${kiosk.deviceId}/${id}/approve`, { seenRevision: 0 });
      expect(r.status).toBe(200);
      return String(r.body?.registrationNumber);
    };
    const reject = async (id: string, reason: string, note?: string) => {
      expect((await admin.call('POST', `/registrations/${kiosk.deviceId}/${id}/reject`, { seenRevision: 0, reason, ...(note ? { note } : {}) })).status).toBe(200);
    };
    return { s, dataDir, databaseUrl, kiosk, deliver, approve, reject };
  }

  const sink = async (port = 0, options = {}): Promise<SmtpSink> => {
    const sm = await startSmtpSink(port, options);
    cleanup.push(() => sm.close());
    return sm;
  };

  it('mails the Nomor Registrasi in the applicant\'s language, and a rejection\'s reason and note; logs and the sent row keep none of it', async () => {
    const logLines = captureLog();
    const smtp = await sink();
    const { s, deliver, approve, reject } = await setUp({ mail: { smtpUrl: smtp.url, from: FROM } });
    const siti = await deliver(SITI, 'en');
    const budi = await deliver(BUDI, 'id');
    const number = await approve(siti);
    expect(number).toBe(`ASI-${YEAR}-0000001`);
    await reject(budi, 'foto-tidak-jelas', 'Swafoto terlalu gelap, ulangi di tempat terang.');
    await until('two mails', () => smtp.mails.length === 2);

    const toSiti = smtp.mails.find((m) => m.to.includes(SITI.email));
    expect(toSiti?.from).toBe('no-reply@asosiasi.example');
    expect(toSiti?.subject).toContain(number);
    expect(toSiti?.text).toContain(`Registration number: ${number}`);
    expect(toSiti?.text.toUpperCase()).toContain(`DEAR ${SITI.namaLengkap.toUpperCase()},`);
    expect(toSiti?.text).toContain('the one you set at the kiosk (never sent by e-mail)');
    expect(toSiti?.text).not.toMatch(/Nomor Pendaftaran/);

    const toBudi = smtp.mails.find((m) => m.to.includes(BUDI.email));
    expect(toBudi?.text).toContain('Alasan: Foto KTP atau swafoto tidak jelas');
    expect(toBudi?.text).toContain('Swafoto terlalu gelap, ulangi di tempat terang.');
    expect(toBudi?.text).not.toMatch(/Reason:|ASI-/);

    await until('both rows settled', async () => (await outboxOf(s)).every((r) => r.state === 'sent'));
    const rows = await outboxOf(s);
    expect(rows.map((r) => [r.kind, r.state, r.attempts, r.hasMessage])).toEqual([['approved', 'sent', 1, false], ['rejected', 'sent', 1, false]]);
    expect(rows.every((r) => r.sentAt !== null)).toBe(true);
    const stored = await rawOutbox(s);
    for (const secret of [SITI.email, BUDI.email, 'siti.rahmawati', 'Swafoto terlalu gelap', 'Rahmawati', 'RAHMAWATI']) expect(stored).not.toContain(secret);

    const logged = logLines.join('\n');
    expect(logged).toMatch(/mail\.sent/);
    for (const secret of [SITI.email, BUDI.email, '@contoh', 'Swafoto terlalu gelap', 'Rahmawati', 'RAHMAWATI', number, 'Registration number']) {
      expect(logged).not.toContain(secret);
    }
  });

  it('without SMTP settings decides as before and keeps the mail sealed in the outbox, saying so once at start', async () => {
    const logLines = captureLog();
    const { s, deliver, approve } = await setUp();
    expect(logLines.filter((l) => l.includes('mail.not-configured'))).toHaveLength(1);
    await approve(await deliver(SITI));
    const [row] = await outboxOf(s);
    expect(row).toMatchObject({ kind: 'approved', state: 'pending', attempts: 0, hasMessage: true });
    expect(await rawOutbox(s)).not.toContain(SITI.email);
  });

  it('leases mail by the database\'s clock: a worker whose clock runs two hours ahead cannot take a row another holds', async () => {
    const { s, deliver, approve } = await setUp();
    await approve(await deliver(SITI));
    const first = await s.store.outbox.claim(60_000, 'worker-a');
    expect(first?.kind).toBe('approved');
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      vi.setSystemTime(Date.now() + 2 * 3_600_000);
      expect(await s.store.outbox.claim(60_000, 'worker-b')).toBeUndefined();
    } finally {
      vi.useRealTimers();
    }
    // Retried a minute from now by the same clock: not due yet for anyone.
    expect(await s.store.outbox.retry(first?.id ?? 0, 'worker-a', 60_000, 'ECONNREFUSED')).toBe(true);
    expect(await s.store.outbox.claim(60_000, 'worker-b')).toBeUndefined();
  });

  it('holds mail while the SMTP server is down, then refusing with 451, and sends each exactly once when it takes them', async () => {
    const logLines = captureLog();
    const port = await freePort();
    const { s, deliver, approve, reject } = await setUp({ mail: { smtpUrl: `smtp://127.0.0.1:${port}`, from: FROM } });
    const ids = [await deliver(SITI), await deliver(BUDI), await deliver({ ...SITI, nik: '3171015708950011', email: 'siti.kedua@contoh.id' }, 'en')];
    const numbers = [await approve(ids[0] ?? ''), await approve(ids[1] ?? '')];
    await reject(ids[2] ?? '', 'data-tidak-sesuai', 'Nomor KK berbeda.');
    // Down: every mail tried at least twice (connection refused), none lost, none settled.
    await until('retries while down', async () => (await outboxOf(s)).every((r) => r.attempts >= 2 && r.state === 'pending' && r.lastError !== null));
    expect((await outboxOf(s)).map((r) => r.lastError)).toEqual(expect.arrayContaining([expect.stringMatching(/^E[A-Z]+$/)]));

    // Up, but the first four recipients are refused with a temporary 451.
    const smtp = await sink(port, { refuseFirst: 4 });
    await until('all three sent', async () => (await outboxOf(s)).every((r) => r.state === 'sent'));
    await new Promise((r) => setTimeout(r, 600));
    expect(smtp.refused).toBe(4);
    expect(smtp.mails).toHaveLength(3);
    expect(smtp.mails.map((m) => m.to[0]).sort()).toEqual([BUDI.email, SITI.email, 'siti.kedua@contoh.id'].sort());
    for (const n of numbers) expect(smtp.mails.filter((m) => m.text.includes(n))).toHaveLength(1);
    expect(smtp.mails.find((m) => m.to[0] === 'siti.kedua@contoh.id')?.text).toContain('Reason: The data does not match the documents');
    const rows = await outboxOf(s);
    expect(rows.every((r) => r.attempts >= 3 && !r.hasMessage && r.sentAt !== null)).toBe(true);
    expect(rows.some((r) => r.lastError === 'EENVELOPE 451')).toBe(true);
    const logged = logLines.join('\n');
    expect(logged).toMatch(/mail\.retry/);
    expect(logged).not.toMatch(/@contoh|Nomor KK berbeda|Mailbox busy/);
  });

  it('mails a number issued on acceptance with the record, and a decision from the command line, which is audited', async () => {
    const smtp = await sink();
    const { s, kiosk, deliver } = await setUp({ mail: { smtpUrl: smtp.url, from: FROM } });
    // SSCASN numbers on acceptance: the mail is queued in the transaction that stores the record.
    await deliver(SITI, 'id', 'sscasn');
    await until('the on-acceptance mail', () => smtp.mails.length === 1);
    expect(smtp.mails[0]?.to).toEqual([SITI.email]);
    expect(smtp.mails[0]?.text).toContain(`REG-${YEAR}-0000001`);

    const budi = await deliver(BUDI);
    const siti = await deliver({ ...SITI, nik: '3171015708950011', email: 'siti.kedua@contoh.id' });
    const deps = { store: s.store, keys: s.keys, profiles: testProfiles(), now: new Date() };
    expect(await decideFromCommandLine(deps, { kind: 'number' }, kiosk.deviceId, budi)).toBe(`ASI-${YEAR}-0000001`);
    await expect(decideFromCommandLine(deps, { kind: 'reject', reason: 'bukan-alasan' }, kiosk.deviceId, siti)).rejects.toThrow(CommandLineRefusal);
    expect(await decideFromCommandLine(deps, { kind: 'reject', reason: 'data-tidak-sesuai' }, kiosk.deviceId, siti)).toBe(`${siti}: rejected`);
    expect(await decideFromCommandLine(deps, { kind: 'number' }, kiosk.deviceId, siti)).toBe(`${siti}: already rejected`);
    await until('three mails', () => smtp.mails.length === 3);
    expect(smtp.mails.find((m) => m.to[0] === BUDI.email)?.text).toContain(`ASI-${YEAR}-0000001`);
    expect(smtp.mails.find((m) => m.to[0] === 'siti.kedua@contoh.id')?.text).toContain('Data tidak sesuai dengan dokumen');
    const trail = await s.store.staff.listAudit(Number.MAX_SAFE_INTEGER, 20);
    expect(trail.filter((e) => e.actor === 'cli' && e.action.startsWith('registration.')).map((e) => [e.action, e.subject]).reverse())
      .toEqual([['registration.approve', `${kiosk.deviceId}/${budi}`], ['registration.reject', `${kiosk.deviceId}/${siti}`]]);
  });

  it('two workers on one database send each mail once', async () => {
    const smtp = await sink(0, { delayMs: 30 });
    const mail = { smtpUrl: smtp.url, from: FROM };
    const first = await setUp({ mail });
    const workers: OutboxWorker[] = [];
    if (engine === 'postgres') {
      // A second server on the same database and keys, as a second process or machine would be.
      const second = await startCentralServer(first.dataDir, { databaseUrl: first.databaseUrl, profiles: testProfiles(), outboxTiming: FAST, mail });
      cleanup.push(() => second.stop());
    }
    // And one more worker beside the first on its own store (SQLite has one writer per file).
    workers.push(startOutboxWorker({ outbox: first.s.store.outbox, keys: first.s.keys, settings: mail, timing: FAST }));
    cleanup.push(async () => { for (const w of workers) await w.stop(); });
    const applicants = Array.from({ length: 8 }, (_, i) => applicant(i + 1));
    const numbers: string[] = [];
    for (const a of applicants) numbers.push(await first.approve(await first.deliver(a)));
    await until('eight sent', async () => (await outboxOf(first.s)).filter((r) => r.state === 'sent').length === 8);
    await new Promise((r) => setTimeout(r, 500));
    expect(smtp.mails).toHaveLength(8);
    for (const n of numbers) expect(smtp.mails.filter((m) => m.subject.includes(n))).toHaveLength(1);
    expect((await outboxOf(first.s)).map((r) => r.attempts)).toEqual(Array(8).fill(1));
  });
});

describe('the profile\'s e-mail templates', () => {
  it('refuses a placeholder the mail does not have, and a subject of two lines', () => {
    const text = (id: string) => ({ id, en: 'x' });
    expect(ProfileEmailsSchema.safeParse({ approved: { subject: text('Nomor {nomor}'), body: text('Halo {nama}, {nomor}') } }).success).toBe(true);
    expect(ProfileEmailsSchema.safeParse({ approved: { subject: text('Nomor {nomer}'), body: text('x') } }).success).toBe(false);
    expect(ProfileEmailsSchema.safeParse({ approved: { subject: text('x'), body: text('{alasan}') } }).success).toBe(false);
    expect(ProfileEmailsSchema.safeParse({ rejected: { subject: text('a\nb'), body: text('{catatan}') } }).success).toBe(false);
  });
});
