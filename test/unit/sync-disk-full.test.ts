// A full disk inside a sync cycle: the kiosk's data directory on a 4 MB tmpfs, mounted in a mount
// namespace of the test's own (unshare; as an unprivileged user, in a user namespace too), so the
// mount vanishes with the process. The scenario itself is test/support/disk-full-child.ts.
import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NODE_TSX, ROOT } from '../support/processes';

describe('a full disk during sync', () => {
  it('never kills the engine: the status says "disk-full", nothing queued is lost, and delivery resumes once space is free', () => {
    const base = mkdtempSync(join(tmpdir(), 'kiosk-diskfull-'));
    try {
      const kioskDir = join(base, 'kiosk');
      execFileSync('mkdir', [kioskDir]);
      const asRoot = process.getuid?.() === 0;
      const namespace = asRoot ? ['--mount'] : ['--user', '--map-root-user', '--mount'];
      const script = 'mount -t tmpfs -o size=4m,mode=0700 tmpfs "$1" && shift && exec "$@"';
      let out: string;
      try {
        out = execFileSync('unshare', [...namespace, 'sh', '-c', script, 'sh', kioskDir, ...NODE_TSX, 'test/support/disk-full-child.ts', kioskDir, join(base, 'server')],
          { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 90_000 });
      } catch (error) {
        const e = error as { status?: number; stderr?: string };
        const tail = (e.stderr ?? '').split('\n').slice(-15).join('\n');
        throw new Error(`the disk-full scenario failed (exit ${e.status}); unshare and tmpfs mounts must be allowed here:\n${tail}`, { cause: error });
      }
      const result = JSON.parse(out.trim().split('\n').at(-1) ?? '{}');
      console.log(`disk-full test: ${JSON.stringify({ filledBytes: result.filledBytes, submitWhileFull: result.submitWhileFull, lastError: result.whileFull?.lastError?.code })}`);
      expect(result.submitWhileFull).not.toBe('accepted');
      expect(result.sawDiskFull).toBe(true);
      expect(result.whileFull).toMatchObject({ pending: 3, localError: 'disk-full' });
      expect(result.delivered).toBe(true);
      expect(result.after).toMatchObject({ pending: 0, localError: null });
      expect(result.allOnServer).toBe(true);
      expect(result.onServer).toBe(3);
    } finally {
      rmSync(base, { recursive: true, force: true });
    }
  }, 120_000);
});
