// The export file format (shared/sync/export-format.ts): what a kiosk signs, what an importer
// reads, and that nothing can be changed without the signature failing; the tar for the browser
// host's download; the folder writer's refusals.
import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes, randomUUID } from 'node:crypto';
import { ed25519Signer, generateEd25519PrivateKey, verifyEd25519 } from '../../node/crypto/ed25519';
import { sha256Hex } from '../../node/crypto/request-signing';
import { formatReceiptNumber } from '../../shared/receipt';
import {
  encodeExportedRecord, EXPORT_FORMAT, EXPORT_VERSION, exportFileName, exportSigningText, parseExportedRecord, parseManifest,
  type ExportedRecordBody,
} from '../../shared/sync/export-format';
import { packTar } from '../../electron/services/export/tar-pack';
import { ExportDirectoryError, writeExport } from '../../electron/services/export/write-export';
import { useTempDirs } from './temp-dir';

const tempDir = useTempDirs();
const signer = ed25519Signer(generateEd25519PrivateKey());

function body(deviceId = randomUUID()): ExportedRecordBody {
  const sealed = randomBytes(300);
  return {
    format: EXPORT_FORMAT, version: EXPORT_VERSION, deviceId, recordId: randomUUID(), receiptNumber: formatReceiptNumber(deviceId, 7),
    sealed: sealed.toString('base64'), sealedSha256: sha256Hex(sealed), exportedAt: '2026-11-02T03:04:05.000Z',
  };
}
const encode = (b: ExportedRecordBody): string => encodeExportedRecord(b, signer.sign(exportSigningText(b)));

describe('export format', () => {
  it('round-trips a signed record; the signature verifies over the canonical text', () => {
    const b = body();
    const parsed = parseExportedRecord(encode(b));
    if (!parsed.ok) throw new Error(parsed.reason);
    expect(parsed.file.record).toEqual(b);
    expect(verifyEd25519(signer.publicKey, exportSigningText(parsed.file.record), parsed.file.signature)).toBe(true);
    expect(exportFileName(b.recordId)).toBe(`${b.recordId}.kx1.json`);
  });

  it('fails the signature when any signed field changes, and is independent of key order', () => {
    const b = body();
    const signature = signer.sign(exportSigningText(b));
    const altered: ExportedRecordBody[] = [
      { ...b, recordId: randomUUID() }, { ...b, receiptNumber: formatReceiptNumber(b.deviceId, 8) },
      { ...b, sealedSha256: sha256Hex(Buffer.from('other')) }, { ...b, exportedAt: '2026-11-02T03:04:06.000Z' },
    ];
    for (const a of altered) expect(verifyEd25519(signer.publicKey, exportSigningText(a), signature)).toBe(false);
    const reordered = JSON.stringify({ signature, record: Object.fromEntries(Object.entries(b).reverse()) });
    const parsed = parseExportedRecord(reordered);
    expect(parsed.ok && verifyEd25519(signer.publicKey, exportSigningText(parsed.file.record), parsed.file.signature)).toBe(true);
    // A request signature's text never equals an export's: each starts with its own label.
    expect(exportSigningText(b).startsWith('KIOSK-EXPORT-V1\n')).toBe(true);
  });

  it('refuses other versions, extra fields, a receipt number of another device and non-JSON, naming fields only', () => {
    const b = body();
    const file = JSON.parse(encode(b)) as { record: Record<string, unknown>; signature: string };
    expect(parseExportedRecord(JSON.stringify({ ...file, record: { ...file.record, version: 2 } }))).toEqual({ ok: false, reason: 'export format version 2 is not supported' });
    expect(parseExportedRecord(JSON.stringify({ ...file, record: { ...file.record, nik: '3171015708950003' } }))).toMatchObject({ ok: false, reason: expect.not.stringContaining('3171') });
    const other = formatReceiptNumber(randomUUID().replace(/^./, (c) => (c === 'f' ? '0' : 'f')), 7);
    expect(parseExportedRecord(JSON.stringify({ ...file, record: { ...file.record, receiptNumber: other } }))).toEqual({ ok: false, reason: 'invalid fields: record.receiptNumber' });
    expect(parseExportedRecord(JSON.stringify({ ...file, record: { ...file.record, sealed: 'not base64!' } }))).toEqual({ ok: false, reason: 'invalid fields: record.sealed' });
    expect(parseExportedRecord('{"record":')).toEqual({ ok: false, reason: 'not JSON' });
    expect(parseManifest('{}')).toBeUndefined();
  });
});

describe('export files on disk', () => {
  it('writes every file into the folder and leaves no partial file', () => {
    const dir = tempDir();
    const files = [{ name: 'a.kx1.json', content: Buffer.from('one') }, { name: 'manifest.json', content: Buffer.from('{}') }];
    writeExport(dir, files);
    expect(readdirSync(dir).sort()).toEqual(['a.kx1.json', 'manifest.json']);
    expect(readFileSync(join(dir, 'a.kx1.json'), 'utf8')).toBe('one');
    writeExport(dir, [{ name: 'a.kx1.json', content: Buffer.from('two') }]);
    expect(readFileSync(join(dir, 'a.kx1.json'), 'utf8')).toBe('two');
  });

  it('refuses a missing folder, a file, a read-only folder and a name with a path, clearly', () => {
    const dir = tempDir();
    expect(() => writeExport(join(dir, 'absent'), [])).toThrow(/is not a folder/);
    writeFileSync(join(dir, 'plain'), '');
    expect(() => writeExport(join(dir, 'plain'), [])).toThrow(ExportDirectoryError);
    expect(() => writeExport(dir, [{ name: '../escape.json', content: Buffer.alloc(1) }])).toThrow(/plain file name/);
    const readOnly = join(dir, 'ro');
    mkdirSync(readOnly);
    chmodSync(readOnly, 0o500);
    // root writes anywhere: the refusal is only observable for an ordinary user.
    if (process.getuid?.() !== 0) expect(() => writeExport(readOnly, [{ name: 'a.json', content: Buffer.alloc(1) }])).toThrow(/not writable/);
    chmodSync(readOnly, 0o700);
  });

  it('packs one tar that tar itself unpacks to the same files', () => {
    const dir = tempDir();
    const files = [{ name: 'x.kx1.json', content: randomBytes(1_000) }, { name: 'manifest.json', content: Buffer.from('{"n":1}\n') }];
    const tar = packTar(files, 'kiosk-export-abc', new Date('2026-11-02T00:00:00Z'));
    expect(tar.length % 512).toBe(0);
    writeFileSync(join(dir, 'e.tar'), tar);
    execFileSync('tar', ['-xf', 'e.tar'], { cwd: dir });
    for (const f of files) expect(readFileSync(join(dir, 'kiosk-export-abc', f.name))).toEqual(f.content);
  });
});
