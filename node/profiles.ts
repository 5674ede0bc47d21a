// Deployment profiles (`resources/profiles/<id>.json`), read by the kiosk (the one it runs) and by
// the central server (every profile, to validate records and number them as each one declares).
// A bad profile stops the program at start with a message naming the file and each problem —
// never a half-configured form in front of applicants, never a record numbered by a guess.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ProfileSchema, describeProfileError, type Profile } from '../shared/profile';

export class ProfileError extends Error {
  override name = 'ProfileError';
}

const PROFILE_ID = /^[a-z][a-z0-9-]{1,40}$/;

export function loadProfile(id: string, resourcesDir: string): Profile {
  if (!PROFILE_ID.test(id)) throw new ProfileError(`profile name "${id}" is not a valid profile id`);
  const file = join(resourcesDir, 'profiles', `${id}.json`);
  const profile = readProfileFile(file);
  if (profile.id !== id) throw new ProfileError(`profile ${file} declares id "${profile.id}", expected "${id}"`);
  return profile.logo === undefined ? profile : { ...profile, logo: logoDataUrl(profile.logo, resourcesDir, file) };
}

/** A logo is a small SVG document; anything else stops the start like any other profile error. */
const MAX_LOGO_BYTES = 100_000;

function logoDataUrl(name: string, resourcesDir: string, profileFile: string): string {
  // A profile file names a file (its size and kind checked here), never an inline data: URL.
  if (name.startsWith('data:')) throw new ProfileError(`profile ${profileFile}: logo must name an SVG file in ${join(resourcesDir, 'profiles', 'logos')}`);
  const file = join(resourcesDir, 'profiles', 'logos', name);
  let svg: Buffer;
  try {
    svg = readFileSync(file);
  } catch (error) {
    throw new ProfileError(`profile ${profileFile}: cannot read its logo ${file}: ${(error as Error).message}`);
  }
  if (svg.length > MAX_LOGO_BYTES) throw new ProfileError(`profile ${profileFile}: logo ${file} is larger than ${MAX_LOGO_BYTES} bytes`);
  // An SVG document: its root element is <svg>, after an optional byte-order mark, XML declaration,
  // comments and DOCTYPE.
  const prolog = /^\uFEFF?\s*(<\?xml[^>]*\?>\s*)?(<!--[\s\S]*?-->\s*|<!DOCTYPE[^>]*>\s*)*<svg[\s>]/;
  if (!prolog.test(svg.toString('utf8'))) throw new ProfileError(`profile ${profileFile}: logo ${file} is not an SVG document`);
  return `data:image/svg+xml;base64,${svg.toString('base64')}`;
}

/** One profile file, parsed and validated; every problem named with the file. */
function readProfileFile(file: string): Profile {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new ProfileError(`cannot read profile ${file}: ${(error as Error).message}`);
  }
  const parsed = ProfileSchema.safeParse(raw);
  if (!parsed.success) throw new ProfileError(`profile ${file} is invalid:\n${describeProfileError(parsed.error)}`);
  return parsed.data;
}

/** Every profile in `<resourcesDir>/profiles`, by id. */
export function loadAllProfiles(resourcesDir: string): ReadonlyMap<string, Profile> {
  const dir = join(resourcesDir, 'profiles');
  const ids = readdirSync(dir).filter((f) => f.endsWith('.json')).map((f) => f.slice(0, -'.json'.length)).sort();
  if (ids.length === 0) throw new ProfileError(`no profiles in ${dir}`);
  return new Map(ids.map((id) => [id, loadProfile(id, resourcesDir)]));
}

/**
 * Earlier versions of profiles, kept in `<resourcesDir>/profiles/archive/*.json` (any file name) so
 * records made under them are still validated by their own rules; keyed `<id>@<version>`.
 */
export function loadArchivedProfiles(resourcesDir: string): ReadonlyMap<string, Profile> {
  const dir = join(resourcesDir, 'profiles', 'archive');
  let files: string[];
  try {
    files = readdirSync(dir).filter((f) => f.endsWith('.json')).sort();
  } catch {
    return new Map();
  }
  const archived = new Map<string, Profile>();
  for (const name of files) {
    const file = join(dir, name);
    const profile = readProfileFile(file);
    const key = `${profile.id}@${profile.version}`;
    if (archived.has(key)) throw new ProfileError(`profile ${file}: ${key} is archived twice`);
    archived.set(key, profile);
  }
  return archived;
}
