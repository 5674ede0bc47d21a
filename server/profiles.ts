// The profiles the server accepts records for: the same files the kiosks run. Two profiles must not
// share a numbering prefix, or their counters would issue the same registration number twice.
import { resolve } from 'node:path';
import type { Profile } from '../shared/profile';
import { loadAllProfiles, ProfileError } from '../node/profiles';

export const DEFAULT_RESOURCES = resolve(import.meta.dirname, '..', 'resources');

export function checkNumbering(profiles: ReadonlyMap<string, Profile>): ReadonlyMap<string, Profile> {
  const byPrefix = new Map<string, string>();
  for (const p of profiles.values()) {
    const other = byPrefix.get(p.numbering.prefix);
    if (other) throw new ProfileError(`profiles ${other} and ${p.id} both number with prefix ${p.numbering.prefix}; give each its own`);
    byPrefix.set(p.numbering.prefix, p.id);
  }
  return profiles;
}

export function loadServerProfiles(resourcesDir: string = DEFAULT_RESOURCES): ReadonlyMap<string, Profile> {
  return checkNumbering(loadAllProfiles(resourcesDir));
}
