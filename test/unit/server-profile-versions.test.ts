// A profile changes while kiosks still hold records made under its earlier version: the server checks
// each record by the rules it was made under (archived versions), numbers it by today's policy, and
// never refuses a record for a version it lacks — that is retried until the server has it.
import { afterEach, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Profile } from '../../shared/profile';
import { loadArchivedProfiles } from '../../node/profiles';
import { startCentralServer, type CentralServer } from '../support/central-server';
import { payloadOf, SimulatedKiosk, testProfiles } from '../support/simulated-kiosk';
import { SITI, BUDI } from '../support/identities';
import { useTempDirs } from './temp-dir';

const tempDir = useTempDirs();
const running: CentralServer[] = [];
afterEach(async () => { for (const s of running.splice(0)) await s.stop(); });
const YEAR = new Date().getUTCFullYear();
const IJAZAH = ['namaTanpaGelar', 'kabKotaLahir', 'tanggalLahirIjazah'];

/** SSCASN as it was before Lengkapi Data: version 1. */
function sscasnV1(current: Profile): Profile {
  return {
    ...current, version: 1,
    fields: current.fields.filter((f) => !IJAZAH.includes(f.name)),
    steps: current.steps.filter((s) => s.id !== 'lengkapi-data'),
    review: { groups: current.review.groups.filter((g) => !g.fields.some((f) => IJAZAH.includes(f))) },
    retention: { ...current.retention, keepFields: current.retention.keepFields.filter((f) => !IJAZAH.includes(f)) },
  };
}

/** A record made under version 1: no Ijazah fields. */
function v1Payload(a = SITI) {
  const p = payloadOf(a);
  return { ...p, profileVersion: 1, fields: Object.fromEntries(Object.entries(p.fields).filter(([k]) => !IJAZAH.includes(k))) };
}

describe('profile versions at the server', () => {
  it('checks a record by its archived version, numbers it today; retries a version it lacks', async () => {
    const profiles = testProfiles();
    const current = profiles.get('sscasn');
    if (!current) throw new Error('no sscasn profile');
    const c = await startCentralServer(tempDir(), { profiles, archivedProfiles: new Map([['sscasn@1', sscasnV1(current)]]) });
    running.push(c);
    const k = new SimulatedKiosk(c.url);
    await k.enrol(await c.enrolCode());
    const upload = async (payload: object) => { const id = randomUUID(); return k.upload(id, await k.seal(id, payload)); };

    expect(await upload(v1Payload())).toMatchObject({ status: 201, body: { receipt: { registrationNumber: `REG-${YEAR}-0000001` } } });
    // Version 1's rules: the Ijazah fields did not exist then.
    expect(await upload({ ...payloadOf(BUDI), profileVersion: 1 })).toMatchObject({ status: 400, body: { code: 'invalid-payload' } });
    // Version 2's rules: they are required now.
    expect(await upload({ ...v1Payload(BUDI), profileVersion: 2 })).toMatchObject({ status: 400, body: { code: 'invalid-payload', message: expect.stringContaining('fields.namaTanpaGelar') } });
    expect(await upload({ ...payloadOf(BUDI), profileVersion: 3 })).toMatchObject({ status: 500, body: { code: 'unknown-profile' } });
  });

  it('reads archived versions from profiles/archive, and stops on a bad or doubled one', () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'profiles', 'archive'), { recursive: true });
    expect(loadArchivedProfiles(tempDir()).size).toBe(0);
    const v1 = sscasnV1(testProfiles().get('sscasn') as Profile);
    writeFileSync(join(dir, 'profiles', 'archive', 'sscasn-1.json'), JSON.stringify(v1));
    expect([...loadArchivedProfiles(dir).keys()]).toEqual(['sscasn@1']);
    writeFileSync(join(dir, 'profiles', 'archive', 'sscasn-1-copy.json'), JSON.stringify(v1));
    expect(() => loadArchivedProfiles(dir)).toThrow(/sscasn@1 is archived twice/);
    writeFileSync(join(dir, 'profiles', 'archive', 'sscasn-1-copy.json'), JSON.stringify({ ...v1, steps: [] }));
    expect(() => loadArchivedProfiles(dir)).toThrow(/sscasn-1-copy\.json is invalid:\n {2}steps/);
  });
});
