// Issue 14, export and import: a kiosk cut off from its server exports its undelivered records to a
// folder, the server imports them (`npm run server -- import <dir>`) through the upload's own path,
// and the kiosk reconciles on its next sync — one registration per record, the same receipts.
// A real kiosk (its database, queue and sync engine) against the real reference server.
import { afterEach, describe, expect, it } from 'vitest';
import { cpSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import { migrate } from '../../node/sqlite/migrate';
import { DB_FILE, kioskMigrations, openDatabase } from '../../electron/services/db/open';
import { join } from 'node:path';
import { createKioskServices, type KioskServices } from '../../electron/services/kiosk-services';
import { listAll } from '../../electron/services/queue/queue-repo';
import { countExportedUndelivered } from '../../electron/services/export/export-repo';
import { exportToDirectory, exportUndelivered } from '../../electron/services/export/export-records';
import { FileSecretStore } from '../../node/crypto/secret-store';
import { ed25519Signer, generateEd25519PrivateKey, type Ed25519Signer } from '../../node/crypto/ed25519';
import { createRegistrar } from '../../server/registrations';
import { BODY_LIMIT } from '../../server/app';
import { auditTrail } from '../../server/staff/audit-trail';
import { importDirectory, type ImportReport } from '../../server/import/import-directory';
import { SignedDeliveryReceiptSchema } from '../../shared/sync/protocol';
import { parseExportedRecord, parseManifest } from '../../shared/sync/export-format';
import { applicant, challenges, submission } from '../support/submissions';
import { startCentralServer, type CentralServer } from '../support/central-server';
import { testProfiles } from '../support/simulated-kiosk';
import { databaseFor, ENGINES, type EngineName } from '../support/engines';
import { runTs } from '../support/processes';
import { useTempDirs } from './temp-dir';

const tempDir = useTempDirs();
const FAST = { probeIntervalMs: 200, backoffBaseMs: 20, backoffCapMs: 200, pauseMs: 200, uploadTimeoutMs: 1_500, probeTimeoutMs: 500 };
const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const fn of cleanup.splice(0).reverse()) await fn();
});

async function server(dir: string, databaseUrl: string | undefined, port = 0): Promise<CentralServer> {
  const s = await startCentralServer(dir, { port, profiles: testProfiles(), databaseUrl });
  cleanup.push(() => s.stop().catch(() => undefined));
  return s;
}

interface Kiosk {
  readonly k: KioskServices;
  /** The device's signing key, as the operator's export uses it (the same key file the kiosk enrolled with). */
  readonly signer: () => Ed25519Signer;
}
function kiosk(): Kiosk {
  const dataDir = tempDir();
  const k = createKioskServices({ dataDir, challenges, sync: FAST });
  cleanup.push(() => k.close());
  return { k, signer: () => ed25519Signer(new FileSecretStore(dataDir).loadOrCreate('device-signing', generateEd25519PrivateKey)) };
}

function importInto(central: CentralServer, dir: string): Promise<ImportReport> {
  const now = (): Date => new Date();
  const registrar = createRegistrar({ store: central.store, keys: central.keys, profiles: central.profiles, now });
  return importDirectory({ store: central.store, registrar, audit: auditTrail(central.store.staff, central.keys), maxSealedBytes: BODY_LIMIT, now }, dir);
}

async function syncUntil(k: KioskServices, done: () => boolean, cycles = 40): Promise<void> {
  for (let i = 0; i < cycles && !done(); i++) {
    await k.sync.syncNow();
    if (!done()) await new Promise((r) => setTimeout(r, 30));
  }
}

const recordFiles = (dir: string): string[] => readdirSync(dir).filter((n) => n.endsWith('.kx1.json')).sort();

describe.each(ENGINES)('export and import on %s', (engine: EngineName) => {
  it('exports 3 undelivered records, imports them once however often, and the kiosk reconciles with the same receipts', async () => {
    const serverDir = tempDir();
    const databaseUrl = await databaseFor(engine);
    let central = await server(serverDir, databaseUrl);
    const port = central.port;
    const { k, signer } = kiosk();
    await k.enrol(central.url, await central.enrolCode());
    await central.stop();
    const people = [0, 1, 2].map(applicant);
    const receipts = [];
    for (const p of people) receipts.push(await k.queue.submit(submission(p)));
    await k.sync.syncNow();
    expect(k.sync.status()).toMatchObject({ online: false, pending: 3 });

    const out = tempDir();
    const exported = exportToDirectory(k.db, signer(), k.deviceId, out, new Date());
    expect(exported).toMatchObject({ marked: 3, deviceSealed: 0, recordIds: receipts.map((r) => r.id) });
    expect(recordFiles(out)).toEqual(receipts.map((r) => `${r.id}.kx1.json`).sort());
    expect(parseManifest(readFileSync(join(out, 'manifest.json'), 'utf8'))).toMatchObject({ deviceId: k.deviceId, records: 3 });
    // Marked, not purged: still pending with their sealed payloads, counted as exported.
    expect(listAll(k.db).map((r) => [r.state, r.payload !== null])).toEqual([['pending', true], ['pending', true], ['pending', true]]);
    expect(countExportedUndelivered(k.db)).toBe(3);
    // Nothing about the applicants in clear: only ids, the receipt number and sealed bytes.
    for (const name of readdirSync(out)) {
      const text = readFileSync(join(out, name), 'utf8');
      const parsed = parseExportedRecord(text);
      const sealed = parsed.ok ? Buffer.from(parsed.file.record.sealed, 'base64').toString('latin1') : '';
      for (const p of people) {
        for (const secret of [p.nik, p.namaLengkap, p.email]) {
          expect(text).not.toContain(secret);
          expect(sealed).not.toContain(secret);
        }
      }
    }

    central = await server(serverDir, databaseUrl, port);
    const first = await importInto(central, out);
    expect(first.counts).toEqual({ files: 3, imported: 3, alreadyThere: 0, rejected: 0, refused: 0, missing: 0 });
    expect(first.lines.filter((l) => l.includes(': imported '))).toHaveLength(3);
    expect((await central.registrations()).map((r) => [r.deviceId, r.recordId])).toEqual(receipts.map((r) => [k.deviceId, r.id]));
    // The printed receipt numbers came along, as an upload's header would bring them.
    expect((await central.registrations()).map((r) => r.receiptNumber)).toEqual(receipts.map((r) => r.receiptNumber));

    const again = await importInto(central, out);
    expect(again.counts).toMatchObject({ files: 3, imported: 0, alreadyThere: 3, refused: 0 });
    expect(again.lines.at(-1)).toBe('import: 3 file(s) — 0 imported, 3 already there, 0 rejected, 0 refused');
    expect(await central.registrations()).toHaveLength(3);
    const audit = (await central.store.staff.listAudit(Number.MAX_SAFE_INTEGER, 10)).filter((e) => e.action === 'registration.import');
    expect(audit.map((e) => [e.actor, e.detail])).toEqual([
      ['cli', { files: 3, imported: 0, alreadyThere: 3, rejected: 0, refused: 0, missing: 0 }],
      ['cli', { files: 3, imported: 3, alreadyThere: 0, rejected: 0, refused: 0, missing: 0 }],
    ]);

    // The kiosk's next sync uploads them as before and gets the answers the import stored.
    await syncUntil(k, () => k.sync.status().pending === 0);
    expect(listAll(k.db).map((r) => [r.state, r.payload])).toEqual([['acked', null], ['acked', null], ['acked', null]]);
    for (const r of receipts) {
      const stored = await central.store.findAnswer(k.deviceId, r.id);
      const kept = k.db.prepare(`SELECT server_receipt FROM registrations WHERE id = ?`).pluck().get(r.id) as string;
      expect(SignedDeliveryReceiptSchema.parse(JSON.parse(kept))).toEqual(JSON.parse(stored?.answer.body ?? 'null'));
    }
    expect(await central.registrations()).toHaveLength(3);
    expect(countExportedUndelivered(k.db)).toBe(0);
    // Imported, uploaded, imported again: still one registration each, the same answer.
    expect((await importInto(central, out)).counts).toMatchObject({ imported: 0, alreadyThere: 3 });
    // A delivered record is never exported again.
    expect(exportUndelivered(k.db, signer(), k.deviceId, new Date()).files).toEqual([]);
  });
});

describe.each(ENGINES)('concurrent imports on %s', (engine: EngineName) => {
  it('two runs importing the same files at once store each record once, and neither refuses one', async () => {
    const central = await server(tempDir(), await databaseFor(engine));
    const { k, signer } = kiosk();
    await k.enrol(central.url, await central.enrolCode());
    for (let i = 0; i < 3; i++) await k.queue.submit(submission(applicant(40 + i)));
    const out = tempDir();
    exportToDirectory(k.db, signer(), k.deviceId, out, new Date());
    const runs = await Promise.all([importInto(central, out), importInto(central, out)]);
    expect(runs.map((r) => r.counts.refused)).toEqual([0, 0]);
    expect(runs.reduce((n, r) => n + r.counts.imported, 0)).toBe(3);
    expect(runs.reduce((n, r) => n + r.counts.alreadyThere, 0)).toBe(3);
    expect(await central.registrations()).toHaveLength(3);
  });
});

/** `npm run server -- import <dir>` as an administrator runs it: its output and exit code. */
function importCli(central: CentralServer, dir: string): { status: number; stdout: string } {
  try {
    return { status: 0, stdout: runTs(['server/main.ts', 'import', dir, '--data-dir', central.dataDir]) };
  } catch (error) {
    const e = error as { status?: number; stdout?: string };
    return { status: e.status ?? -1, stdout: e.stdout ?? '' };
  }
}

describe('import refusals', () => {
  it('refuses altered files and a revoked device\'s records from the command line, imports the rest, exits 1', async () => {
    const central = await server(tempDir(), undefined);
    const a = kiosk();
    const b = kiosk();
    for (const { k } of [a, b]) await k.enrol(central.url, await central.enrolCode());
    const mine = [await a.k.queue.submit(submission(applicant(10))), await a.k.queue.submit(submission(applicant(11))), await a.k.queue.submit(submission(applicant(12)))];
    const theirs = await b.k.queue.submit(submission(applicant(20)));
    const out = tempDir();
    exportToDirectory(a.k.db, a.signer(), a.k.deviceId, out, new Date());
    const other = tempDir();
    exportToDirectory(b.k.db, b.signer(), b.k.deviceId, other, new Date());
    cpSync(join(other, `${theirs.id}.kx1.json`), join(out, `${theirs.id}.kx1.json`));
    await central.store.revokeDevice(b.k.deviceId, new Date().toISOString());

    // One file's receipt number changed (the signature no longer matches), one's sealed bytes.
    const [, relabelled, resealed] = mine.map((r) => join(out, `${r.id}.kx1.json`));
    const edit = (path: string | undefined, change: (record: Record<string, string>) => void): void => {
      const file = JSON.parse(readFileSync(path ?? '', 'utf8')) as { record: Record<string, string> };
      change(file.record);
      writeFileSync(path ?? '', JSON.stringify(file));
    };
    edit(relabelled, (r) => { r.receiptNumber = mine[0]?.receiptNumber ?? ''; });
    edit(resealed, (r) => { r.sealed = Buffer.from(`${r.sealed}`, 'base64').reverse().toString('base64'); });
    await central.stop();

    const { status, stdout } = importCli(central, out);
    expect(status).toBe(1);
    const lineOf = (id: string | undefined): string => stdout.split('\n').find((l) => l.startsWith(`${id ?? '?'}.kx1.json:`)) ?? '';
    expect(lineOf(mine[0]?.id)).toContain(`imported ${a.k.deviceId}/${mine[0]?.id}`);
    expect(lineOf(mine[1]?.id)).toContain('refused: bad-signature');
    expect(lineOf(mine[2]?.id)).toContain('refused: altered');
    expect(lineOf(theirs.id)).toContain('refused: revoked-device');
    expect(stdout).toContain('import: 4 file(s) — 1 imported, 0 already there, 0 rejected, 3 refused');
    for (const secret of [applicant(10).nik, applicant(10).namaLengkap]) expect(stdout).not.toContain(secret);

    // A second run: the imported one is already there, the refusals stand.
    expect(importCli(central, out)).toMatchObject({ status: 1, stdout: expect.stringContaining('0 imported, 1 already there, 0 rejected, 3 refused') });
    const again = await server(central.dataDir, undefined);
    expect((await again.registrations()).map((r) => r.recordId)).toEqual([mine[0]?.id]);
  });

  it('leaves out records still sealed with the device key (queued before enrolment), and says how many', async () => {
    const { k, signer } = kiosk();
    await k.queue.submit(submission(applicant(30)));
    const result = exportUndelivered(k.db, signer(), k.deviceId, new Date());
    expect(result).toMatchObject({ files: [], recordIds: [], deviceSealed: 1, marked: 0 });
    expect(countExportedUndelivered(k.db)).toBe(0);
  });
});

describe('kiosk migration 0070', () => {
  it('0060 → 0070 adds the export mark to existing records, unset', () => {
    const dir = tempDir();
    const db = new Database(join(dir, DB_FILE));
    migrate(db, kioskMigrations(), 60);
    db.prepare(`INSERT INTO device VALUES (1, 'd', 2, 't')`).run();
    db.prepare(`INSERT INTO registrations (id, seq, receipt_number, profile_id, state, nik_tag, payload, sealing, created_at, updated_at)
      VALUES ('p', 1, 'R-1', 'sscasn', 'pending', x'01', x'02', 'server', 't', 't')`).run();
    db.close();
    const upgraded = openDatabase(dir);
    expect(upgraded.prepare(`SELECT id, state, exported_at AS exportedAt FROM registrations`).all()).toEqual([{ id: 'p', state: 'pending', exportedAt: null }]);
    expect(countExportedUndelivered(upgraded)).toBe(0);
    upgraded.close();
  });
});
