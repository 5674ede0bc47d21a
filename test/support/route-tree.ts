// The server's routes read from Fastify's own route tree (`app.printRoutes({ commonPrefix: false })`),
// so a test that must cover every route also covers one added later.

/** Every route with its methods (HEAD aside). */
export function routesOf(tree: string): { method: string; path: string }[] {
  const parents: string[] = [];
  const routes: { method: string; path: string }[] = [];
  for (const line of tree.split('\n')) {
    const m = /^([│ ]*)[├└]── (\S+) \(([^)]+)\)/.exec(line.replace(/\u00a0/g, ' '));
    if (!m) continue;
    const depth = (m[1] ?? '').length / 4;
    parents.length = depth;
    const path = (parents[depth - 1] ?? '') + (m[2] ?? '');
    parents[depth] = path;
    for (const method of (m[3] ?? '').split(', ')) if (method !== 'HEAD') routes.push({ method, path });
  }
  return routes;
}
