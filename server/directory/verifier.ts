// One campus-account verification, apart from HTTP: the per-account throttle (in the database, so
// it holds across every server process), the directory, the "already registered" check and the
// signed assertion. Usernames reach neither the database (an HMAC stands for them) nor the log.
import type { Profile } from '../../shared/profile';
import {
  DIRECTORY_REFUSALS, normaliseDirectoryUsername, type DirectoryCredentials, type DirectoryRefusalCode, type DirectoryVerdict,
} from '../../shared/sync/directory';
import type { ServerKeys } from '../keys';
import type { AttemptPolicy, ServerStore } from '../store/server-store';
import { uniqueKeyHash } from '../unique-key';
import { assertionClaims, issueAssertion } from './assertion';
import type { Directory } from './ldap-directory';

/** Five attempts per account in fifteen minutes; the sixth waits for the window to pass, without the directory being asked. */
export const ATTEMPT_POLICY: AttemptPolicy = { max: 5, windowMs: 15 * 60_000 };

export type Verification =
  | { readonly ok: true; readonly verdict: DirectoryVerdict }
  | { readonly ok: false; readonly code: DirectoryRefusalCode; readonly status: number; readonly message: string; readonly retryAfterSeconds?: number };

export interface VerifierDeps {
  readonly store: ServerStore;
  readonly keys: ServerKeys;
  readonly profiles: ReadonlyMap<string, Profile>;
  /** Profile id → its directory. */
  readonly directories: ReadonlyMap<string, Directory>;
  readonly now: () => Date;
}

const refuse = (code: DirectoryRefusalCode, message: string, retryAfterSeconds?: number): Verification => ({
  ok: false, code, status: DIRECTORY_REFUSALS[code], message, ...(retryAfterSeconds === undefined ? {} : { retryAfterSeconds }),
});

export function createVerifier({ store, keys, profiles, directories, now }: VerifierDeps): (deviceId: string, credentials: DirectoryCredentials) => Promise<Verification> {
  return async (deviceId, { profileId, username, password }) => {
    const directory = directories.get(profileId);
    if (!profiles.has(profileId) || !directory) return refuse('no-directory', 'this server verifies no accounts for this profile');

    // The account as typed (any case): the directory has not been asked yet, so its own spelling is unknown.
    // Keyed apart from the registrations' key, so attempt rows cannot be joined to registrations.
    const attemptKey = uniqueKeyHash(keys.nikKey, `attempt:${profileId}`, normaliseDirectoryUsername(username));
    const taken = await store.takeDirectoryAttempt(attemptKey, now().getTime(), ATTEMPT_POLICY);
    if (!taken.ok) {
      const seconds = Math.ceil(taken.retryAfterMs / 1000);
      return refuse('too-many-attempts', `too many failed attempts for this account; retry in ${seconds} s`, seconds);
    }

    const answer = await directory.verify(username, password);
    if (!answer.ok) {
      if (answer.reason === 'unavailable') {
        await store.returnDirectoryAttempt(attemptKey);
        return refuse('directory-unavailable', 'the campus directory cannot be reached; try again later');
      }
      // The attempt stays counted: a failure.
      return answer.reason === 'locked'
        ? refuse('account-locked', 'this account is locked; its owner must contact the campus IT office')
        : refuse('wrong-credentials', 'the username or password is wrong');
    }
    await store.clearDirectoryAttempts(attemptKey);

    // Checked only after the password: whether an account has registered is told to its owner alone.
    // The key is the one registrations of this profile are unique by (the normalised username).
    const { person } = answer;
    if (await store.hasRegistration(profileId, uniqueKeyHash(keys.nikKey, profileId, normaliseDirectoryUsername(person.username)))) {
      return refuse('already-registered', 'this account has registered already');
    }
    const claims = assertionClaims({ profileId, deviceId, username: person.username, person }, now());
    return { ok: true, verdict: { person, assertion: issueAssertion(keys, claims), expiresAt: claims.expiresAt } };
  };
}
