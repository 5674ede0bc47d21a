// Writes an export's files into a folder the operator chose (often a removable drive, which may be
// pulled out at any moment): each file is written beside its name, flushed, then renamed into place,
// and the folder is flushed last — a file present under its name is complete. Both hosts call this
// (Electron after its folder dialog; tests), never with a path from an applicant.
import { accessSync, closeSync, constants, fsyncSync, openSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { join } from 'node:path';

export interface ExportFile {
  /** A plain file name (no folder): `<recordId>.kx1.json` or `manifest.json`. */
  readonly name: string;
  readonly content: Buffer;
}

/** A folder that cannot take the export; the message is for the operator (no personal data). */
export class ExportDirectoryError extends Error {
  override name = 'ExportDirectoryError';
  constructor(message: string, readonly code: 'not-a-directory' | 'not-writable' | 'disk-full' | 'write-failed') {
    super(message);
  }
}

const SAFE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;

function fail(dir: string, error: unknown): ExportDirectoryError {
  const code = (error as { code?: string }).code;
  if (code === 'ENOSPC' || code === 'EDQUOT') return new ExportDirectoryError(`the drive of ${dir} is full: nothing was marked exported`, 'disk-full');
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') return new ExportDirectoryError(`${dir} is not writable (read-only drive or no permission)`, 'not-writable');
  return new ExportDirectoryError(`writing the export into ${dir} failed (${code ?? 'unknown error'}): nothing was marked exported`, 'write-failed');
}

function writeDurably(path: string, content: Buffer): void {
  const fd = openSync(path, 'w', 0o644);
  try {
    for (let at = 0; at < content.length;) at += writeSync(fd, content, at, content.length - at);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Flushes the folder's entries (the renames). Windows cannot open a folder for this; its rename is flushed by the file system. */
function fsyncDirectory(dir: string): void {
  let fd: number;
  try {
    fd = openSync(dir, 'r');
  } catch (error) {
    if (process.platform === 'win32') return;
    throw error;
  }
  try {
    fsyncSync(fd);
  } catch (error) {
    // Some file systems (FAT on a few kernels, network shares) do not flush folders: the files themselves are.
    if (!['EINVAL', 'ENOTSUP', 'EISDIR', 'EPERM'].includes((error as { code?: string }).code ?? '')) throw error;
  } finally {
    closeSync(fd);
  }
}

/**
 * Writes every file into `dir` (which must exist and be writable); an existing file of the same name
 * is replaced. Each file is asked for only after the one before it is on disk, so a lazy `files`
 * (export-records.ts) holds one at a time; an error in making a file passes through as it is.
 */
export function writeExport(dir: string, files: Iterable<ExportFile>): void {
  let isDirectory: boolean;
  try {
    isDirectory = statSync(dir).isDirectory();
  } catch {
    isDirectory = false;
  }
  if (!isDirectory) throw new ExportDirectoryError(`${dir} is not a folder`, 'not-a-directory');
  try {
    accessSync(dir, constants.W_OK);
  } catch (error) {
    throw fail(dir, error);
  }
  for (const file of files) {
    if (!SAFE_NAME.test(file.name)) throw new Error(`not a plain file name: ${file.name}`);
    const temp = join(dir, `.${file.name}.partial`);
    try {
      writeDurably(temp, file.content);
      renameSync(temp, join(dir, file.name));
    } catch (error) {
      try {
        rmSync(temp, { force: true });
      } catch {
        // The drive may be gone: the write's own error is the one to tell.
      }
      throw fail(dir, error);
    }
  }
  try {
    fsyncDirectory(dir);
  } catch (error) {
    throw fail(dir, error);
  }
}
