// Checks a username and password against an LDAP directory (OpenLDAP, 389, Active Directory): find
// the account's DN with the configured filter (as the service account, or anonymously), then bind
// as that DN with the password on the same connection, and read the person's attributes. One
// connection per verification, always unbound: nothing outlives the call, including the password.
//
// Locked accounts are told apart with OpenLDAP's ppolicy overlay: the user's bind carries the
// password-policy request control, and a directory with `ppolicy_use_lockout` answers a bind to a
// locked account with invalidCredentials plus the control's accountLocked error. That is the
// directory's own decision (lockout durations, administrative locks, failure counts), which reading
// pwdAccountLockedTime ourselves would only approximate; a directory without ppolicy (or without
// `ppolicy_use_lockout`) simply reports locked accounts as wrong credentials. slapd sends the error
// whatever the password, so "locked" tells anyone the account exists — the price of telling its
// owner why the right password fails; the server's per-account throttle limits such probing.
import { Client, Filter, InvalidCredentialsError, PasswordPolicyControl, PasswordPolicyError, SizeLimitExceededError, type Entry } from 'ldapts';
import type { ConnectionOptions } from 'node:tls';
import type { DirectoryPerson } from '../../shared/sync/directory';
import { log } from '../../node/log';
import type { DirectorySettings } from './settings';

export type DirectoryAnswer =
  | { readonly ok: true; readonly person: DirectoryPerson }
  | { readonly ok: false; readonly reason: 'wrong-credentials' | 'locked' | 'unavailable' };

export interface Directory {
  verify(username: string, password: string): Promise<DirectoryAnswer>;
}

const WRONG: DirectoryAnswer = { ok: false, reason: 'wrong-credentials' };
const LOCKED: DirectoryAnswer = { ok: false, reason: 'locked' };
const UNAVAILABLE: DirectoryAnswer = { ok: false, reason: 'unavailable' };

/** The entry's first value of `attribute` (names compare case-insensitively), trimmed and bounded. */
function first(entry: Entry, attribute: string, max = 256): string | null {
  const key = Object.keys(entry).find((k) => k.toLowerCase() === attribute.toLowerCase());
  const raw = key === undefined ? undefined : entry[key];
  const value = Array.isArray(raw) ? raw[0] : raw;
  const text = (Buffer.isBuffer(value) ? value.toString('utf8') : value)?.trim().slice(0, max);
  return text ? text : null;
}

/** The filter with the username escaped (RFC 4515): `*`, `(`, `)`, `\` and NUL cannot change its meaning. */
export function searchFilterFor(template: string, username: string): string {
  const escaped = Filter.escape(username);
  return template.replaceAll('{username}', () => escaped);
}

export function createLdapDirectory(settings: DirectorySettings): Directory {
  // The certificate must name the URL's host. A new object per connection: ldapts puts its socket into the StartTLS options.
  const host = new URL(settings.url).hostname.replace(/^\[(.*)\]$/, '$1');
  const tls = (): ConnectionOptions => ({ host, ...(settings.ca ? { ca: settings.ca } : {}), minVersion: 'TLSv1.2' });
  const { attributes: a } = settings;

  /** The one entry the filter names; undefined for none, and for several (never guess whose password this is). */
  async function lookUp(client: Client, username: string): Promise<Entry | undefined> {
    if (settings.bindDn !== undefined) await client.bind(settings.bindDn, settings.bindPassword);
    const ambiguous = (): undefined => {
      log.warn('directory.ambiguous-account', { hint: 'the search filter matches more than one entry' });
      return undefined;
    };
    try {
      const { searchEntries } = await client.search(settings.baseDn, {
        scope: 'sub', filter: searchFilterFor(settings.searchFilter, username), sizeLimit: 2,
        attributes: [a.username, a.name, a.mail, a.unit],
      });
      return searchEntries.length > 1 ? ambiguous() : searchEntries[0];
    } catch (error) {
      if (error instanceof SizeLimitExceededError) return ambiguous();
      throw error;
    }
  }

  /** The user's own entry, read under the user's bind; undefined when the directory lets them read nothing. */
  async function readOwnEntry(client: Client, dn: string): Promise<Entry | undefined> {
    try {
      const { searchEntries } = await client.search(dn, { scope: 'base', filter: '(objectClass=*)', attributes: [a.username, a.name, a.mail, a.unit] });
      return searchEntries[0];
    } catch {
      return undefined;
    }
  }

  if (settings.url.startsWith('ldap:') && !settings.startTls) {
    log.warn('directory.insecure-transport', { url: settings.url, hint: 'applicants\' passwords reach this directory unencrypted: use ldaps:// or startTls' });
  }

  return {
    async verify(username, password) {
      // An empty password would make the bind an "unauthenticated bind", which succeeds on many directories.
      if (password.length === 0 || username.length === 0) return WRONG;
      // ldapts speaks TLS from the start whenever it is given TLS options: only for ldaps://.
      const client = new Client({
        url: settings.url, timeout: settings.timeoutMs, connectTimeout: settings.timeoutMs,
        ...(settings.url.startsWith('ldaps:') ? { tlsOptions: tls() } : {}),
      });
      try {
        if (settings.startTls) await client.startTLS(tls());
        const entry = await lookUp(client, username);
        // Unknown and wrong password answer alike: which usernames exist is not told.
        if (!entry) return WRONG;
        const policy = new PasswordPolicyControl();
        try {
          await client.bind(entry.dn, password, policy);
        } catch (error) {
          if (!(error instanceof InvalidCredentialsError)) throw error;
          return policy.value?.error === PasswordPolicyError.AccountLocked ? LOCKED : WRONG;
        }
        // Read again as the user: a directory may show its own entry more than it shows a searcher.
        const own = await readOwnEntry(client, entry.dn);
        const source = own ?? entry;
        const person: DirectoryPerson = {
          username: first(source, a.username) ?? first(entry, a.username) ?? username,
          name: first(source, a.name) ?? first(entry, a.name) ?? '',
          mail: first(source, a.mail) ?? first(entry, a.mail),
          unit: first(source, a.unit) ?? first(entry, a.unit),
        };
        return { ok: true, person };
      } catch (error) {
        // The service account refused, TLS failed, the directory is down or slow: not the applicant's fault.
        const e = error as { code?: string | number; name?: string };
        log.warn('directory.unavailable', { url: settings.url, error: e.name ?? 'Error', code: e.code === undefined ? undefined : String(e.code) });
        return UNAVAILABLE;
      } finally {
        await client.unbind().catch(() => undefined);
      }
    },
  };
}
