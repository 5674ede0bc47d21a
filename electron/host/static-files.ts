// Serves the built renderer, every response with the CSP. index.html is served as built: it holds
// no secret (the API opens only with the launch code the host puts in its window's URL fragment).
import type { IncomingMessage, ServerResponse } from 'node:http';
import { readAsset } from '../services/assets';
import { SECURITY_HEADERS } from '../services/csp';

export async function serveStatic(req: IncomingMessage, res: ServerResponse, root: string): Promise<void> {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { allow: 'GET, HEAD' }).end();
    return;
  }
  const asset = await readAsset(root, new URL(req.url ?? '/', 'http://localhost').pathname);
  if (asset.status !== 200) {
    res.writeHead(asset.status, { 'content-type': 'text/plain; charset=utf-8', ...SECURITY_HEADERS }).end();
    return;
  }
  res.writeHead(200, {
    'content-type': asset.contentType,
    'cache-control': asset.isIndex ? 'no-store' : 'public, max-age=31536000, immutable',
    ...SECURITY_HEADERS,
  });
  res.end(req.method === 'HEAD' ? undefined : asset.body);
}
