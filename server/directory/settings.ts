// Which directory verifies which profile's accounts: server configuration (`--directory FILE` or
// $KIOSK_DIRECTORY_CONFIG), never part of a kiosk profile — kiosks never learn where the directory
// is or how to reach it. The file is JSON, one entry per profile id:
//
//   { "sso-kampus": { "url": "ldaps://ldap.pnj.ac.id", "baseDn": "dc=pnj,dc=ac,dc=id",
//                     "searchFilter": "(&(objectClass=inetOrgPerson)(uid={username}))",
//                     "bindDn": "cn=pembaca-kiosk,ou=layanan,dc=pnj,dc=ac,dc=id",
//                     "bindPasswordFile": "pembaca-kiosk.password", "caFile": "pnj-ca.pem" } }
//
// The service account's password is read from its own file (relative paths: beside the JSON file),
// so it appears neither in this file nor on a command line.
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { z } from 'zod';

/** An attribute description (RFC 4512): a name or an OID, with options. */
const Attribute = z.string().regex(/^([A-Za-z][A-Za-z0-9-]*|\d+(\.\d+)+)(;[A-Za-z0-9-]+)*$/, 'not an LDAP attribute name');

const EntrySchema = z.object({
  /** ldap://host[:port] (StartTLS possible) or ldaps://host[:port]. */
  url: z.string().regex(/^ldaps?:\/\/[^/\s?#]+\/?$/, 'must be ldap://host[:port] or ldaps://host[:port]'),
  baseDn: z.string().min(1).max(512),
  /** An RFC 4515 filter with `{username}` where the (escaped) username goes. */
  searchFilter: z.string().max(1024)
    .refine((f) => f.includes('{username}'), 'must contain {username}')
    .refine((f) => f.startsWith('(') && f.endsWith(')'), 'must be a parenthesised LDAP filter'),
  /** The read-only service account the search runs as; without it the search is anonymous. */
  bindDn: z.string().min(1).max(512).optional(),
  bindPasswordFile: z.string().min(1).optional(),
  startTls: z.boolean().default(false),
  /** PEM file of the certificate authorities trusted for ldaps:// or StartTLS (default: Node's). */
  caFile: z.string().min(1).optional(),
  attributes: z.object({
    username: Attribute.default('uid'),
    name: Attribute.default('cn'),
    mail: Attribute.default('mail'),
    unit: Attribute.default('ou'),
  }).strict().prefault({}),
  /** Connecting, and each operation; past it the directory counts as unavailable. */
  timeoutMs: z.number().int().min(100).max(60_000).default(5_000),
}).strict()
  .refine((e) => (e.bindDn === undefined) === (e.bindPasswordFile === undefined), { message: 'bindDn and bindPasswordFile go together', path: ['bindPasswordFile'] })
  .refine((e) => !(e.startTls && e.url.startsWith('ldaps:')), { message: 'ldaps:// is TLS already; startTls is for ldap://', path: ['startTls'] });

const FileSchema = z.record(z.string().regex(/^[a-z][a-z0-9-]{1,40}$/, 'not a profile id'), EntrySchema);

type Entry = z.infer<typeof EntrySchema>;

/** One profile's directory, with its secrets read. */
export interface DirectorySettings extends Omit<Entry, 'bindPasswordFile' | 'caFile'> {
  readonly bindPassword?: string;
  readonly ca?: Buffer;
}

/** Profile id → its directory. */
export type DirectoryMap = ReadonlyMap<string, DirectorySettings>;

export class DirectorySettingsError extends Error {
  override name = 'DirectorySettingsError';
}

/** Every problem of a settings file, one line each, naming where it is. */
export function loadDirectorySettings(file: string): DirectoryMap {
  const path = resolve(file);
  const problems: string[] = [];
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new DirectorySettingsError(`directory settings ${path}: ${error instanceof SyntaxError ? 'not JSON' : `cannot read (${(error as { code?: string }).code ?? 'error'})`}`);
  }
  const parsed = FileSchema.safeParse(json);
  if (!parsed.success) {
    problems.push(...parsed.error.issues.map((i) => `  ${i.path.map(String).join('.') || '(root)'}: ${i.message}`));
    throw new DirectorySettingsError(`directory settings ${path} are invalid:\n${problems.join('\n')}`);
  }
  const read = (profileId: string, key: string, name: string): Buffer | undefined => {
    try {
      return readFileSync(resolve(dirname(path), name));
    } catch (error) {
      problems.push(`  ${profileId}.${key}: cannot read ${name} (${(error as { code?: string }).code ?? 'error'})`);
      return undefined;
    }
  };
  const directories = new Map<string, DirectorySettings>();
  for (const [profileId, { bindPasswordFile, caFile, ...entry }] of Object.entries(parsed.data)) {
    // A trailing newline is the editor's, not the password's.
    const bindPassword = bindPasswordFile === undefined ? undefined : read(profileId, 'bindPasswordFile', bindPasswordFile)?.toString('utf8').replace(/\r?\n$/, '');
    if (bindPassword === '') problems.push(`  ${profileId}.bindPasswordFile: the file is empty`);
    const ca = caFile === undefined ? undefined : read(profileId, 'caFile', caFile);
    directories.set(profileId, { ...entry, ...(bindPassword ? { bindPassword } : {}), ...(ca ? { ca } : {}) });
  }
  if (problems.length > 0) throw new DirectorySettingsError(`directory settings ${path} are invalid:\n${problems.join('\n')}`);
  return directories;
}
