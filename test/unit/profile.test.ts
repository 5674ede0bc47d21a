import { describe, expect, it } from 'vitest';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadAllProfiles, loadProfile, ProfileError } from '../../node/profiles';
import { ProfileSchema, describeProfileError } from '../../shared/profile';
import { appPaths } from '../../electron/services/app-paths';
import { useTempDirs } from './temp-dir';

const RESOURCES = appPaths().resources;
const tempDir = useTempDirs();

function resourcesWith(id: string, content: string): string {
  const dir = tempDir();
  mkdirSync(join(dir, 'profiles'));
  writeFileSync(join(dir, 'profiles', `${id}.json`), content);
  return dir;
}

const text = { id: 'a', en: 'a' };
/** The smallest valid profile: one form page with one field. */
const minimal = () => ({
  id: 'campus', version: 1, title: text, purpose: text, controller: text,
  fields: [{ name: 'nik', kind: 'nik', label: text, required: true }],
  steps: [{ type: 'form', id: 'data', title: text, fields: ['nik'] }],
  review: { groups: [{ title: text, fields: ['nik'] }] },
});

/** The problems of a profile as "path: message" lines. */
function problems(profile: unknown): string[] {
  const r = ProfileSchema.safeParse(profile);
  return r.success ? [] : describeProfileError(r.error).split('\n').map((l) => l.trim());
}

describe('deployment profiles', () => {
  it('ships the three reference flows, each valid', () => {
    const all = loadAllProfiles(RESOURCES);
    expect([...all.keys()]).toEqual(['asosiasi', 'sscasn', 'sso-kampus']);
    const sscasn = all.get('sscasn');
    expect(sscasn?.steps.map((s) => s.type)).toEqual(['ktp-scan', 'form', 'form', 'selfie', 'account']);
    expect(sscasn?.review.groups.map((g) => g.title.id)).toEqual(['Data sesuai KTP', 'Data sesuai Ijazah', 'Kontak']);
    expect(all.get('asosiasi')?.numbering).toEqual({ mode: 'after-review', prefix: 'PAM' });
  });

  it('fills defaults for timings a profile leaves out', () => {
    const p = loadProfile('campus', resourcesWith('campus', JSON.stringify(minimal())));
    expect([p.idleTimeoutSeconds, p.idleWarningSeconds, p.syncWarnAfterDays]).toEqual([120, 20, 3]);
  });

  it('names the path of each problem in a field, a step or a cross-reference', () => {
    const cases: [string, (p: ReturnType<typeof minimal>) => unknown, RegExp][] = [
      ['unknown kind', (p) => ({ ...p, fields: [{ ...p.fields[0], kind: 'shoe-size' }] }), /^fields\.0\.kind: /],
      ['bad field name', (p) => ({ ...p, fields: [{ ...p.fields[0], name: 'Nik' }] }), /^fields\.0\.name: a field name is camelCase/],
      ['missing label language', (p) => ({ ...p, fields: [{ ...p.fields[0], label: { id: 'x' } }] }), /^fields\.0\.label\.en: /],
      ['duplicate field', (p) => ({ ...p, fields: [p.fields[0], p.fields[0]] }), /^fields\.1\.name: duplicate field nik/],
      ['step names an unknown field', (p) => ({ ...p, steps: [{ ...p.steps[0], fields: ['nik', 'nomorKk'] }] }), /^steps\.0\.fields\.1: no field named nomorKk/],
      ['field on no page', (p) => ({ ...p, fields: [...p.fields, { name: 'email', kind: 'email', label: text, required: true }], review: { groups: [{ title: text, fields: ['nik', 'email'] }] } }), /^fields\.1\.name: email is on no form step/],
      ['field in no review group', (p) => ({ ...p, review: { groups: [{ title: text, fields: ['nik'] }] }, fields: [...p.fields, { name: 'email', kind: 'email', label: text, required: true }], steps: [{ ...p.steps[0], fields: ['nik', 'email'] }] }), /^fields\.1\.name: email is in no review group/],
      ['bad email domain', (p) => ({ ...p, fields: [{ name: 'nik', kind: 'email', label: text, required: true, domains: { allow: ['*.PNJ'], refusal: text } }] }), /^fields\.0\.domains\.allow\.0: a domain is lower-case/],
      ['bad pattern', (p) => ({ ...p, fields: [{ name: 'nik', kind: 'text', label: text, required: true, pattern: '(', patternMessage: text }] }), /^fields\.0\.pattern: not a valid regular expression/],
      ['directory prefill without verification', (p) => ({ ...p, fields: [{ ...p.fields[0], prefill: 'directory:mail' }] }), /^fields\.0\.prefill: prefilled from the directory, but no verify-account step/],
      ['unique field optional', (p) => ({ ...p, uniqueField: 'nik', fields: [{ ...p.fields[0], required: false }] }), /^uniqueField: nik must be required/],
      ['two selfie steps', (p) => ({ ...p, steps: [...p.steps, { type: 'selfie' }, { type: 'selfie', id: 'selfie' }] }), /^steps: at most one selfie step|^steps\.2\.id: duplicate step selfie/],
      ['gate not first', (p) => ({ ...p, steps: [...p.steps, { type: 'gate', id: 'g', title: text, question: text, yes: { title: text, text } }] }), /^steps\.1\.type: a gate is the first step/],
      ['idle warning too long', (p) => ({ ...p, idleTimeoutSeconds: 30, idleWarningSeconds: 30 }), /^idleWarningSeconds: /],
      ['no version', (p) => ({ ...p, version: undefined }), /^version: /],
      ['reserved step id', (p) => ({ ...p, steps: [{ ...p.steps[0], id: 'review' }] }), /^steps\.0\.id: welcome, review and done are the fixed steps/],
      ['kept password without verification', (p) => ({ ...p, steps: [...p.steps, { type: 'account', password: 'keep-or-new' }] }), /^steps\.1\.password: keeping the existing password needs a verify-account step/],
      ['NIK cross-check split over pages', (p) => ({
        ...p, fields: [...p.fields, { name: 'tanggalLahir', kind: 'date', label: text, required: true }],
        steps: [...p.steps, { type: 'form', id: 'dua', title: text, fields: ['tanggalLahir'] }],
        review: { groups: [{ title: text, fields: ['nik', 'tanggalLahir'] }] },
      }), /^steps\.1\.fields: tanggalLahir must be on the page with nik/],
    ];
    for (const [name, change, expected] of cases) {
      const found = problems(change(minimal()));
      expect(found.some((l) => expected.test(l)), `${name}: ${found.join(' | ')}`).toBe(true);
    }
    expect(problems(minimal())).toEqual([]);
  });

  it("takes each anti-robot mode, 'image-or-question' among them, and refuses another or a last page weaker than an earlier one", () => {
    const twoPages = (first: string, last: string) => ({
      ...minimal(),
      fields: [...minimal().fields, { name: 'email', kind: 'email', label: text, required: true }],
      steps: [{ type: 'form', id: 'data', title: text, fields: ['nik'], antiRobot: first }, { type: 'form', id: 'kontak', title: text, fields: ['email'], antiRobot: last }],
      review: { groups: [{ title: text, fields: ['nik', 'email'] }] },
    });
    for (const mode of ['image', 'image-or-question', 'question', 'none']) {
      const parsed = ProfileSchema.parse({ ...minimal(), steps: [{ ...minimal().steps[0], antiRobot: mode }] });
      expect(parsed.steps[0]).toMatchObject({ antiRobot: mode });
    }
    expect(ProfileSchema.parse(minimal()).steps[0]).toMatchObject({ antiRobot: 'none' });
    expect(problems({ ...minimal(), steps: [{ ...minimal().steps[0], antiRobot: 'image-or-text' }] })[0]).toMatch(/^steps\.0\.antiRobot: /);
    // The submission carries the last checked page's pass: that page must be the strictest.
    for (const [first, last] of [['image', 'image-or-question'], ['image', 'question']] as const) {
      expect(problems(twoPages(first, last))).toEqual([`steps.1.antiRobot: the submission carries this page's pass, so it must be as strict as data's '${first}' (it is '${last}')`]);
    }
    for (const [first, last] of [['image-or-question', 'image'], ['question', 'image'], ['question', 'image-or-question'], ['image-or-question', 'question'], ['image', 'image'], ['image', 'none']] as const) {
      expect(problems(twoPages(first, last)), `${first} then ${last}`).toEqual([]);
    }
  });

  it('ties a verified account to the unique field the server checks at verification', () => {
    const sso = JSON.parse(readFileSync(join(RESOURCES, 'profiles', 'sso-kampus.json'), 'utf8')) as Record<string, unknown>;
    expect(problems(sso)).toEqual([]);
    expect(problems({ ...sso, uniqueField: 'email' })).toContain('uniqueField: with verify-account, uniqueField is its usernameField (nimNip)');
  });

  it('stops with a message naming the file and every problem', () => {
    const bad = { ...minimal(), id: 'bad', title: { id: 'a' }, idleTimeoutSeconds: 10 };
    const dir = resourcesWith('bad', JSON.stringify(bad));
    expect(() => loadProfile('bad', dir)).toThrow(ProfileError);
    try {
      loadProfile('bad', dir);
    } catch (e) {
      const message = (e as Error).message;
      expect(message).toContain(join(dir, 'profiles', 'bad.json'));
      expect(message).toMatch(/title\.en/);
      expect(message).toMatch(/idleTimeoutSeconds/);
    }
    expect(() => loadProfile('broken', resourcesWith('broken', '{ not json'))).toThrow(/cannot read profile/);
    expect(() => loadProfile('missing', tempDir())).toThrow(/cannot read profile/);
    expect(() => loadProfile('../etc/passwd', RESOURCES)).toThrow(/not a valid profile id/);
  });

  it('carries its logo to the screen as a data: URL, and refuses a logo that is missing or not an SVG', () => {
    const logo = loadAllProfiles(RESOURCES).get('sscasn')?.logo ?? '';
    expect(Buffer.from(logo.replace(/^data:image\/svg\+xml;base64,/, ''), 'base64').toString('utf8')).toMatch(/^<svg /);
    const dir = resourcesWith('campus', JSON.stringify({ ...minimal(), logo: 'campus.svg' }));
    expect(() => loadProfile('campus', dir)).toThrow(/cannot read its logo/);
    mkdirSync(join(dir, 'profiles', 'logos'));
    writeFileSync(join(dir, 'profiles', 'logos', 'campus.svg'), '<html><script>alert(1)</script></html>');
    expect(() => loadProfile('campus', dir)).toThrow(/not an SVG document/);
    writeFileSync(join(dir, 'profiles', 'logos', 'campus.svg'), '\uFEFF<?xml version="1.0"?>\n<!-- ours -->\n<!DOCTYPE svg>\n<svg xmlns="http://www.w3.org/2000/svg"/>');
    expect(loadProfile('campus', dir).logo).toMatch(/^data:image\/svg\+xml;base64,/);
    // Inline in the file, it would skip these checks.
    const inline = resourcesWith('campus', JSON.stringify({ ...minimal(), logo: 'data:image/svg+xml;base64,PHN2Zy8+' }));
    expect(() => loadProfile('campus', inline)).toThrow(/must name an SVG file/);
    expect(problems({ ...minimal(), logo: '../../etc/passwd' })).toEqual([expect.stringMatching(/^logo/)]);
  });
});
