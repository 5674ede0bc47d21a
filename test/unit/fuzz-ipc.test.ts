// Property-based fuzzing of the hosts' dispatch (electron/services/dispatch.ts) with the real kiosk
// services on a temporary data directory: random channel names, random inputs and mutations of valid
// ones. None may throw, answer 'internal', change a row of the kiosk's database, or touch
// Object.prototype.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createKioskServices, type KioskServices } from '../../electron/services/kiosk-services';
import { dispatch } from '../../electron/services/dispatch';
import { channels, type Channel } from '../../shared/contract';
import { submission } from '../support/submissions';
import { SITI } from '../support/identities';
import { expectPrototypeClean, hostileKey, hostileValue, rowCounts } from '../support/hostile-values';

const RUNS = { channels: 300, inputs: 700 } as const;

let dir: string;
let services: KioskServices;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'kiosk-fuzz-ipc-'));
  services = createKioskServices({ dataDir: dir });
});
afterAll(async () => {
  await services.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Rows per table of the kiosk's database, and the queue's own count. */
const state = (): Record<string, number> => ({ ...rowCounts(services.db), queued: services.queue.stats().total });

/** A valid input per channel (a session that names no one, a submission without a CAPTCHA pass): the base of mutations. */
const session = 'A'.repeat(43);
const validInputs: Record<Channel, () => unknown> = {
  'kiosk:profile:get': () => undefined, 'kiosk:queue:stats': () => undefined, 'kiosk:settings:get': () => undefined,
  'kiosk:sync:status': () => undefined, 'kiosk:intake:status': () => undefined,
  'kiosk:queue:submit': () => submission(SITI),
  'kiosk:challenge:create': () => ({ kind: 'image' }),
  'kiosk:challenge:answer': () => ({ id: randomUUID(), answer: 'abc' }),
  'kiosk:sync:record': () => ({ id: randomUUID() }),
  'kiosk:directory:verify': () => ({ username: 'siti', password: 'rahasia' }),
  'kiosk:receipt:print': () => ({}),
  'kiosk:operator:login': () => ({ username: 'petugas', password: 'bukan-password' }),
  'kiosk:operator:logout': () => ({ session }), 'kiosk:operator:dashboard': () => ({ session }), 'kiosk:operator:sync-now': () => ({ session }),
  'kiosk:operator:export': () => ({ session }), 'kiosk:operator:assist': () => ({ session }),
  'kiosk:operator:records': () => ({ session, beforeSeq: 5 }),
  'kiosk:operator:requeue': () => ({ session, id: randomUUID() }),
  'kiosk:operator:set-camera': () => ({ session, role: 'document', deviceId: 'kamera-1' }),
  'kiosk:operator:enrol': () => ({ session, serverUrl: 'http://127.0.0.1:9', code: 'ABCD-EFGH-JKMN' }),
  'kiosk:operator:confirm-enrol': () => ({ session, pendingId: 'B'.repeat(22), accept: true }),
};

/** Replaces, adds or deletes one member somewhere in `value` (own "__proto__" members included). */
function mutate(value: unknown, path: number[], key: string, replacement: unknown, op: 'set' | 'delete' | 'add'): unknown {
  if (typeof value !== 'object' || value === null) return replacement;
  const copy = (Array.isArray(value) ? [...value] : { ...value }) as Record<string, unknown>;
  const keys = Object.keys(copy);
  const [step, ...rest] = path;
  if (step === undefined || keys.length === 0 || op === 'add') {
    Object.defineProperty(copy, op === 'add' ? key : (keys[(step ?? 0) % Math.max(keys.length, 1)] ?? key), { value: replacement, enumerable: true, configurable: true, writable: true });
    return copy;
  }
  const target = keys[step % keys.length] ?? key;
  if (op === 'delete' && rest.length === 0) return Object.fromEntries(Object.entries(copy).filter(([k]) => k !== target));
  Object.defineProperty(copy, target, { value: mutate(copy[target], rest, key, replacement, op), enumerable: true, configurable: true, writable: true });
  return copy;
}

/** A failed operator login is counted and written to the kiosk's audit trail by design: only those rows may grow. */
const LOGIN_TRAIL = ['kiosk_audit', 'operator_attempts'];
const withoutLoginTrail = (channel: string, counts: Record<string, number>): Record<string, number> =>
  channel === 'kiosk:operator:login' ? Object.fromEntries(Object.entries(counts).filter(([t]) => !LOGIN_TRAIL.includes(t))) : counts;

async function expectHarmless(channel: string, input: unknown): Promise<void> {
  const before = state();
  let result;
  try {
    result = await dispatch(services, channel as Channel, input);
  } catch (error) {
    throw new Error(`dispatch threw on ${channel}: ${String(error)}`, { cause: error });
  }
  const code = result.envelope.ok ? undefined : result.envelope.error.code;
  expect([channel, code]).not.toEqual([channel, 'internal']);
  expect([channel, withoutLoginTrail(channel, state())]).toEqual([channel, withoutLoginTrail(channel, before)]);
  expectPrototypeClean();
}

describe('IPC dispatch under fuzzing', () => {
  it('answers random channels and random or mutated inputs without throwing, an internal error, a state change or pollution', async () => {
    const start = state();
    let tried = 0;
    const channelName = fc.oneof(fc.string({ maxLength: 30 }), hostileKey, fc.constantFrom('kiosk:queue:submit ', 'KIOSK:QUEUE:STATS', 'kiosk:operator', 'kiosk:__proto__:x'));
    await fc.assert(fc.asyncProperty(channelName, hostileValue, async (channel, input) => {
      tried += 1;
      await expectHarmless(channel, input);
    }), { numRuns: RUNS.channels });

    const channel = fc.constantFrom(...channels);
    const mutation = fc.record({
      path: fc.array(fc.nat(), { maxLength: 3 }), key: fc.oneof(hostileKey, fc.string({ maxLength: 6 })), replacement: hostileValue,
      op: fc.constantFrom('set' as const, 'delete' as const, 'add' as const),
    });
    await fc.assert(fc.asyncProperty(channel, fc.option(mutation, { freq: 6 }), hostileValue, fc.boolean(), async (c, m, random, useRandom) => {
      const base = validInputs[c]();
      const input = useRandom ? random : m ? mutate(base, m.path, m.key, m.replacement, m.op) : base;
      tried += 1;
      await expectHarmless(c, input);
    }), { numRuns: RUNS.inputs });
    expect(withoutLoginTrail('kiosk:operator:login', state())).toEqual(withoutLoginTrail('kiosk:operator:login', start));
    console.log(`IPC dispatch fuzz: ${tried} calls over ${channels.length} channels and random names`);
  }, 60_000);
});
