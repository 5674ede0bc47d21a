import { describe, expect, it } from 'vitest';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadProfile, ProfileError } from '../../node/profiles';
import { appPaths } from '../../electron/services/app-paths';

const RESOURCES = appPaths().resources;
import { useTempDirs } from './temp-dir';

const tempDir = useTempDirs();

function resourcesWith(id: string, content: string): string {
  const dir = tempDir();
  mkdirSync(join(dir, 'profiles'));
  writeFileSync(join(dir, 'profiles', `${id}.json`), content);
  return dir;
}

describe('deployment profiles', () => {
  it('the shipped sscasn profile asks for the SSCASN identity fields with a 120 s idle timeout', () => {
    const p = loadProfile('sscasn', RESOURCES);
    expect(p.fields.map((f) => f.name)).toEqual(['nik', 'nomorKk', 'namaLengkap', 'tempatLahir', 'tanggalLahir', 'jenisKelamin', 'nomorHp', 'email']);
    expect(p.idleTimeoutSeconds).toBe(120);
    expect(p.idleWarningSeconds).toBe(20);
  });

  it('fills defaults for timings a profile leaves out', () => {
    const minimal = { id: 'campus', title: { id: 'a', en: 'a' }, purpose: { id: 'b', en: 'b' }, controller: { id: 'c', en: 'c' }, fields: [{ name: 'nik', required: true }] };
    const p = loadProfile('campus', resourcesWith('campus', JSON.stringify(minimal)));
    expect([p.idleTimeoutSeconds, p.idleWarningSeconds, p.placeSuggestMinChars]).toEqual([120, 20, 3]);
  });

  it('stops with a message naming the file and every problem', () => {
    const bad = { id: 'bad', title: { id: 'a' }, purpose: { id: 'b', en: 'b' }, controller: { id: 'c', en: 'c' }, fields: [{ name: 'shoeSize', required: true }], idleTimeoutSeconds: 10 };
    const dir = resourcesWith('bad', JSON.stringify(bad));
    expect(() => loadProfile('bad', dir)).toThrow(ProfileError);
    try {
      loadProfile('bad', dir);
    } catch (e) {
      const message = (e as Error).message;
      expect(message).toContain(join(dir, 'profiles', 'bad.json'));
      expect(message).toMatch(/title\.en/);
      expect(message).toMatch(/fields\.0\.name/);
      expect(message).toMatch(/idleTimeoutSeconds/);
    }
    expect(() => loadProfile('broken', resourcesWith('broken', '{ not json'))).toThrow(/cannot read profile/);
    expect(() => loadProfile('missing', tempDir())).toThrow(/cannot read profile/);
    expect(() => loadProfile('../etc/passwd', RESOURCES)).toThrow(/not a valid profile id/);
  });
});
