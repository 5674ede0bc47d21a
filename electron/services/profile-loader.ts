// Loads the deployment profile named by the operator. A bad profile stops the kiosk at start with
// a message naming the file and each problem — never a half-configured form in front of applicants.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { appPaths } from './app-paths';
import { ProfileSchema, describeProfileError, type Profile } from '../../shared/profile';

export class ProfileError extends Error {
  override name = 'ProfileError';
}

export function loadProfile(id: string, resourcesDir: string = appPaths().resources): Profile {
  if (!/^[a-z][a-z0-9-]{1,40}$/.test(id)) throw new ProfileError(`profile name "${id}" is not a valid profile id`);
  const file = join(resourcesDir, 'profiles', `${id}.json`);
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new ProfileError(`cannot read profile ${file}: ${(error as Error).message}`);
  }
  const parsed = ProfileSchema.safeParse(raw);
  if (!parsed.success) throw new ProfileError(`profile ${file} is invalid:\n${describeProfileError(parsed.error)}`);
  if (parsed.data.id !== id) throw new ProfileError(`profile ${file} declares id "${parsed.data.id}", expected "${id}"`);
  return parsed.data;
}
