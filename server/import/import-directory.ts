// `npm run server -- import <dir>`'s work: every `*.kx1.json` in the folder, one at a time (a drive
// may hold thousands of records of ~1 MB), checked and stored like an upload; one line per file,
// a summary, and one audit entry for the run. Lines name files, devices and records by their ids
// and say why a file was refused — never a value from a record.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { EXPORT_FILE_SUFFIX, EXPORT_MANIFEST_NAME, parseManifest } from '../../shared/sync/export-format';
import type { Registrar } from '../registrations';
import type { ServerStore } from '../store/server-store';
import type { AuditTrail } from '../staff/audit-trail';
import { checkExportFile } from './check-export-file';
import { importRecord, type ImportOutcome } from './import-record';

export interface ImportDeps {
  readonly store: ServerStore;
  readonly registrar: Registrar;
  readonly audit: AuditTrail;
  /** The largest sealed record the server accepts (an upload's body limit). */
  readonly maxSealedBytes: number;
  readonly now: () => Date;
}

export interface ImportCounts {
  readonly files: number;
  readonly imported: number;
  readonly alreadyThere: number;
  readonly rejected: number;
  readonly refused: number;
  /** Named in the folder's manifest.json but not in the folder (an incomplete copy). */
  readonly missing: number;
}

export interface ImportReport {
  readonly lines: readonly string[];
  readonly counts: ImportCounts;
}

/** `subject` is "<device>/<record>" once the file is known to be that device's, else empty. */
function line(file: string, subject: string, outcome: ImportOutcome): string {
  const about = subject ? ` ${subject}` : '';
  switch (outcome.kind) {
    case 'imported': return `${file}: imported${about}${outcome.registrationNumber ? ` as ${outcome.registrationNumber}` : ' (received, awaiting a decision)'}`;
    case 'already-there': return `${file}: already there${about} (${outcome.answer})`;
    case 'rejected': return `${file}: rejected${about}: ${outcome.code} (stored; the kiosk learns it on its next sync)`;
    case 'refused': return `${file}: refused${about}: ${outcome.code} — ${outcome.message}`;
  }
}

export async function importDirectory(deps: ImportDeps, dir: string): Promise<ImportReport> {
  const present = readdirSync(dir).filter((n) => n.endsWith(EXPORT_FILE_SUFFIX)).sort();
  const listed = manifestFiles(dir);
  // The manifest lists a kiosk's records oldest first, as its uploads would arrive (numbers are
  // issued in arrival order); files it does not list follow by name.
  const names = [...new Set([...listed.filter((n) => present.includes(n)), ...present])];
  const lines: string[] = [];
  const counts = { files: names.length, imported: 0, alreadyThere: 0, rejected: 0, refused: 0, missing: 0 };
  // Base64 of the largest record plus the few small fields around it.
  const maxFileBytes = Math.ceil(deps.maxSealedBytes / 3) * 4 + 4_096;
  for (const name of names) {
    let outcome: ImportOutcome;
    let subject = '';
    const read = readExportFile(join(dir, name), maxFileBytes);
    if (typeof read !== 'string') {
      outcome = read;
    } else {
      const checked = await checkExportFile(deps.store, read, deps.maxSealedBytes);
      if (checked.ok) {
        subject = `${checked.record.deviceId}/${checked.record.recordId}`;
        outcome = await importRecord(deps.store, deps.registrar, checked.record, deps.now());
      } else {
        outcome = { kind: 'refused', ...checked.refusal };
      }
    }
    if (outcome.kind === 'imported') counts.imported += 1;
    else if (outcome.kind === 'already-there') counts.alreadyThere += 1;
    else if (outcome.kind === 'rejected') counts.rejected += 1;
    else counts.refused += 1;
    lines.push(line(name, subject, outcome));
  }
  for (const name of listed.filter((n) => !present.includes(n))) {
    counts.missing += 1;
    lines.push(`${name}: missing (named in ${EXPORT_MANIFEST_NAME}, not in the folder)`);
  }
  lines.push(`import: ${counts.files} file(s) — ${counts.imported} imported, ${counts.alreadyThere} already there, ${counts.rejected} rejected, `
    + `${counts.refused} refused${counts.missing > 0 ? `, ${counts.missing} missing` : ''}`);
  await deps.audit.record({ at: deps.now().toISOString(), actor: 'cli', action: 'registration.import', subject: null, detail: counts });
  return { lines, counts };
}

/** The file's text, or why it is refused. One unreadable file (a damaged drive) does not stop the others. */
function readExportFile(path: string, maxBytes: number): string | ImportOutcome {
  try {
    if (statSync(path).size > maxBytes) return { kind: 'refused', code: 'payload-too-large', message: `the file exceeds ${maxBytes} bytes` };
    return readFileSync(path, 'utf8');
  } catch (error) {
    return { kind: 'refused', code: 'unreadable', message: `the file cannot be read (${(error as { code?: string }).code ?? 'unknown error'})` };
  }
}

/** The files the folder's manifest names, oldest record first; none when there is no (readable) manifest. */
function manifestFiles(dir: string): string[] {
  let text: string;
  try {
    text = readFileSync(join(dir, EXPORT_MANIFEST_NAME), 'utf8');
  } catch {
    return [];
  }
  return parseManifest(text)?.files ?? [];
}
