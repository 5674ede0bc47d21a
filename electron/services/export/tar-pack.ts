// One uncompressed tar (POSIX ustar) of an export, for the browser host's download: the browser
// saves one file, the server's administrator unpacks it (`tar -xf`, or Windows' own tar) and imports
// the folder. Node's built-ins only; the sealed records do not compress, so nothing is gained by
// gzip. Only plain files with short names inside one folder: all an export holds.
import type { ExportFile } from './write-export';

const BLOCK = 512;

function field(header: Buffer, offset: number, length: number, text: string): void {
  header.write(text, offset, length, 'ascii');
}

/** An octal number in `length - 1` digits and a NUL, as ustar wants it. */
const octal = (n: number, length: number): string => n.toString(8).padStart(length - 1, '0') + '\0';

/** A plain file ('0', mode 644) or a folder ('5', mode 755). */
function headerFor(path: string, size: number, mtimeSeconds: number, type: '0' | '5' = '0'): Buffer {
  if (Buffer.byteLength(path, 'ascii') > 100 || !/^[A-Za-z0-9._/-]+$/.test(path)) throw new Error(`not a short plain path: ${path}`);
  const header = Buffer.alloc(BLOCK);
  field(header, 0, 100, path);
  field(header, 100, 8, octal(type === '5' ? 0o755 : 0o644, 8));
  field(header, 108, 8, octal(0, 8));
  field(header, 116, 8, octal(0, 8));
  field(header, 124, 12, octal(size, 12));
  field(header, 136, 12, octal(mtimeSeconds, 12));
  field(header, 148, 8, ' '.repeat(8)); // counted as spaces while the checksum is computed
  field(header, 156, 1, type);
  field(header, 257, 6, 'ustar\0');
  field(header, 263, 2, '00');
  let sum = 0;
  for (const byte of header) sum += byte;
  field(header, 148, 8, sum.toString(8).padStart(6, '0') + '\0 ');
  return header;
}

/** Folder name for an export archive: the device (first 8 hex digits) and when, sortable. */
export function exportFolderName(deviceId: string, now: Date): string {
  return `kiosk-export-${deviceId.slice(0, 8)}-${now.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z')}`;
}

/** The files inside `folder/`, as one tar. */
export function packTar(files: readonly ExportFile[], folder: string, mtime: Date): Buffer {
  const seconds = Math.floor(mtime.getTime() / 1000);
  const parts: Buffer[] = [headerFor(`${folder}/`, 0, seconds, '5')];
  for (const file of files) {
    parts.push(headerFor(`${folder}/${file.name}`, file.content.length, seconds), file.content);
    const pad = (BLOCK - (file.content.length % BLOCK)) % BLOCK;
    if (pad > 0) parts.push(Buffer.alloc(pad));
  }
  parts.push(Buffer.alloc(2 * BLOCK));
  return Buffer.concat(parts);
}
