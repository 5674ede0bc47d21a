// A profile's retention setting: the shipped profiles' periods, the default for a profile without
// one, and the refusals that name their path (unknown or repeated kept fields, a bad period).
import { describe, expect, it } from 'vitest';
import { loadAllProfiles } from '../../node/profiles';
import { DEFAULT_RETENTION_DAYS, ProfileSchema, describeProfileError } from '../../shared/profile';
import { appPaths } from '../../electron/services/app-paths';

const text = { id: 'a', en: 'a' };
const minimal = (extra: Record<string, unknown> = {}) => ({
  id: 'campus', version: 1, title: text, purpose: text, controller: text,
  fields: [{ name: 'nik', kind: 'nik', label: text, required: true }, { name: 'email', kind: 'email', label: text, required: true }],
  steps: [{ type: 'form', id: 'data', title: text, fields: ['nik', 'email'] }],
  review: { groups: [{ title: text, fields: ['nik', 'email'] }] },
  ...extra,
});

function problems(profile: unknown): string[] {
  const r = ProfileSchema.safeParse(profile);
  return r.success ? [] : describeProfileError(r.error).split('\n').map((l) => l.trim());
}

describe('profile retention', () => {
  it('ships a period and the kept fields for each purpose', () => {
    const all = loadAllProfiles(appPaths().resources);
    expect(Object.fromEntries([...all].map(([id, p]) => [id, p.retention]))).toEqual({
      asosiasi: { afterDecisionDays: 30, keepFields: ['namaLengkap', 'email'] },
      sscasn: { afterDecisionDays: 180, keepFields: ['nik', 'namaLengkap', 'namaTanpaGelar', 'tanggalLahirIjazah', 'jenisKelamin', 'email'] },
      'sso-kampus': { afterDecisionDays: 30, keepFields: ['nimNip', 'nama'] },
    });
  });

  it('gives a profile without the setting the default: kept whole 90 days, then nothing but the row', () => {
    const parsed = ProfileSchema.parse(minimal());
    expect(parsed.retention).toEqual({ afterDecisionDays: DEFAULT_RETENTION_DAYS, keepFields: [] });
    expect(DEFAULT_RETENTION_DAYS).toBe(90);
    expect(ProfileSchema.parse(minimal({ retention: { afterDecisionDays: 0 } })).retention).toEqual({ afterDecisionDays: 0, keepFields: [] });
  });

  it('refuses kept fields the profile does not have or lists twice, and a period out of range', () => {
    expect(problems(minimal({ retention: { afterDecisionDays: 30, keepFields: ['email', 'nomorKk', 'email'] } }))).toEqual([
      'retention.keepFields.1: no field named nomorKk in fields',
      'retention.keepFields.2: email is listed twice',
    ]);
    for (const afterDecisionDays of [-1, 1.5, 3651]) {
      expect(problems(minimal({ retention: { afterDecisionDays, keepFields: [] } }))[0]).toMatch(/^retention\.afterDecisionDays: /);
    }
    expect(problems(minimal({ retention: { keepFields: ['nik'] } }))[0]).toMatch(/^retention\.afterDecisionDays: /);
    expect(problems(minimal({ retention: { afterDecisionDays: 30, images: true } }))[0]).toMatch(/^retention: .*images/);
  });
});
