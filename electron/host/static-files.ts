// Serves the built renderer. index.html gets the per-launch token as a meta tag; every response
// carries the CSP.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { readAsset } from '../services/assets';
import { SECURITY_HEADERS } from '../services/csp';

export async function serveStatic(req: IncomingMessage, res: ServerResponse, root: string, token: string): Promise<void> {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { allow: 'GET, HEAD' }).end();
    return;
  }
  const asset = await readAsset(root, new URL(req.url ?? '/', 'http://localhost').pathname);
  if (asset.status !== 200) {
    res.writeHead(asset.status, { 'content-type': 'text/plain; charset=utf-8', ...SECURITY_HEADERS }).end();
    return;
  }
  const body = asset.isIndex
    ? Buffer.from(asset.body.toString('utf8').replace('</head>', `  <meta name="kiosk-token" content="${token}">\n  </head>`), 'utf8')
    : asset.body;
  res.writeHead(200, {
    'content-type': asset.contentType,
    'cache-control': asset.isIndex ? 'no-store' : 'public, max-age=31536000, immutable',
    ...SECURITY_HEADERS,
  });
  res.end(req.method === 'HEAD' ? undefined : body);
}
