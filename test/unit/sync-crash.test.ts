// Crash safety of submission and sync: the kiosk process is killed with SIGKILL at 50 random
// moments while it submits and uploads (npm run bench:sync -- --crash-kills N runs more).
import { describe, expect, it } from 'vitest';
import { crashTest } from '../support/crash-harness';

describe('SIGKILL during submission and sync', () => {
  it('loses nothing, duplicates nothing and leaves both databases intact (50 kills)', async () => {
    const figures = await crashTest({ kills: 50 });
    console.log(`crash test: ${JSON.stringify(figures)}`);
    expect(figures.kills).toBe(50);
    expect(figures.onServer).toBeGreaterThan(figures.kills);
    expect(figures).toMatchObject({ lost: 0, duplicated: 0, leftPending: 0, kioskIntegrity: 'ok', serverIntegrity: 'ok' });
  }, 400_000);
});
