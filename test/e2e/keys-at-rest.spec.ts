// The browser host at start, when the data key its database was written with is gone: it stops with
// the operator's way out on the console, and makes no new key.
import { existsSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { expect, startHost, test } from './kiosk-host';

test('a kiosk whose data key went missing refuses to start and says how to recover', async ({ dataDir }) => {
  const first = await startHost(dataDir);
  await first.kill('SIGTERM');
  const key = join(dataDir, 'keys', 'data.key');
  unlinkSync(key);
  await expect(startHost(dataDir)).rejects.toThrow(/kiosk: the key .*data\.key is missing.*restore the keys\/ folder from the backup of this machine, or move the data directory aside/s);
  expect(existsSync(key)).toBe(false);
});
