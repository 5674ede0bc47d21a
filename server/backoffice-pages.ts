// The back office's pages (backoffice/, built into dist/backoffice/ by `npm run build`) under
// /staff/: the page and its hashed assets, with a strict CSP (own scripts and styles only, images
// from data: URLs for the records' photos), no framing, no referrer. The page holds no data: it
// asks /staff/api for everything after login.
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { FastifyInstance, FastifyReply } from 'fastify';

export const BACKOFFICE_DIR = resolve(import.meta.dirname, '..', 'dist', 'backoffice');

const CSP = [
  "default-src 'self'", "script-src 'self'", "style-src 'self'", "img-src 'self' data:", "connect-src 'self'",
  "font-src 'self'", "object-src 'none'", "base-uri 'none'", "form-action 'none'", "frame-ancestors 'none'",
].join('; ');

const TYPES: Readonly<Record<string, string>> = { js: 'text/javascript; charset=utf-8', css: 'text/css; charset=utf-8', svg: 'image/svg+xml', png: 'image/png', woff2: 'font/woff2' };

function secure(reply: FastifyReply): FastifyReply {
  return reply.header('content-security-policy', CSP).header('x-content-type-options', 'nosniff')
    .header('referrer-policy', 'no-referrer').header('x-frame-options', 'DENY');
}

export function registerBackofficePages(app: FastifyInstance, dir = BACKOFFICE_DIR): void {
  app.get('/staff', (_req, reply) => reply.redirect('/staff/'));
  app.get('/staff/', async (_req, reply) => {
    let page: Buffer;
    try {
      page = await readFile(join(dir, 'index.html'));
    } catch {
      return reply.code(503).type('text/plain; charset=utf-8').send('The back office is not built: run `npm run build` on the server.');
    }
    return secure(reply).header('cache-control', 'no-store').type('text/html; charset=utf-8').send(page);
  });
  app.get<{ Params: { file: string } }>('/staff/assets/:file', async (req, reply) => {
    const { file } = req.params;
    const type = TYPES[file.split('.').pop() ?? ''];
    // Vite's file names only: no path separators, no dot-dot.
    if (!/^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*\.[a-z0-9]+$/.test(file) || !type) return reply.code(404).send();
    try {
      const body = await readFile(join(dir, 'assets', file));
      return secure(reply).header('cache-control', 'public, max-age=31536000, immutable').type(type).send(body);
    } catch {
      return reply.code(404).send();
    }
  });
}
