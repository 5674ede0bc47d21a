// Resolving the built renderer's files for both hosts (app:// in Electron, loopback HTTP in the
// browser host): one path check, one content-type table.
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';

const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
  '.gz': 'application/gzip',
  '.ico': 'image/x-icon',
};

export type Asset =
  | { status: 200; body: Buffer; contentType: string; isIndex: boolean }
  | { status: 403 | 404 };

/** Reads the file a URL path names inside `root`; paths that would escape the root are refused. */
export async function readAsset(root: string, urlPathname: string): Promise<Asset> {
  let pathname: string;
  try {
    pathname = decodeURIComponent(urlPathname);
  } catch {
    return { status: 403 };
  }
  const relative = normalize(pathname === '/' ? '/index.html' : pathname).replace(/^[/\\]+/, '');
  const file = join(root, relative);
  if (!file.startsWith(root + sep) || relative.split(/[/\\]/).includes('..') || pathname.includes('\0')) {
    return { status: 403 };
  }
  try {
    const body = await readFile(file);
    return { status: 200, body, contentType: TYPES[extname(file)] ?? 'application/octet-stream', isIndex: relative === 'index.html' };
  } catch {
    return { status: 404 };
  }
}
