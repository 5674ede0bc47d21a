// The parts of campus-account verification that need no directory: verification assertions as the
// server checks them in arriving records, the directory settings file, the server option.
import { describe, expect, it } from 'vitest';
import { createHmac, randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DIRECTORY_VERIFY_PATH } from '../../shared/sync/directory';
import { assertionClaims, checkAssertion, issueAssertion } from '../../server/directory/assertion';
import { DirectorySettingsError, loadDirectorySettings } from '../../server/directory/settings';
import { loadServerKeys } from '../../server/keys';
import { parseServerConfig } from '../../server/config';
import { buildOpenApi } from '../../server/openapi';
import { uniqueKeyHash } from '../../server/unique-key';
import { useTempDirs } from './temp-dir';

const tempDir = useTempDirs();
const MINUTE = 60_000;

describe('verification assertions', () => {
  const keys = loadServerKeys(tempDir());
  const deviceId = randomUUID();
  const issuedAt = new Date('2026-11-29T03:00:00.000Z');
  const claims = assertionClaims({ profileId: 'sso-kampus', deviceId, username: 'Budi.S', person: { name: 'Budi Santoso', mail: null, unit: 'Akuntansi' } }, issuedAt);
  const token = issueAssertion(keys, claims);
  const record = { deviceId, profileId: 'sso-kampus', username: 'budi.s', submittedAt: new Date(issuedAt.getTime() + 10 * MINUTE) };
  const refused = (reason: string) => ({ ok: false, reason });

  it('vouches for the record it was issued for, by public key or keys, whatever the username\'s case', () => {
    expect(claims).toMatchObject({ v: 1, kind: 'directory-verification', username: 'budi.s', expiresAt: '2026-11-29T03:30:00.000Z' });
    expect(checkAssertion(keys, token, record)).toMatchObject({ ok: true });
    expect(checkAssertion(keys.receipts.publicKey, token, { ...record, username: ' BUDI.S ' })).toMatchObject({ ok: true });
  });

  it('is judged at the record\'s submission: a record that waited offline after a timely submission still counts', () => {
    expect(checkAssertion(keys, token, { ...record, submittedAt: new Date(issuedAt.getTime() + 30 * MINUTE) })).toMatchObject({ ok: true });
    expect(checkAssertion(keys, token, { ...record, submittedAt: new Date(issuedAt.getTime() + 30 * MINUTE + 1) })).toEqual(refused('expired'));
    // A kiosk clock a little behind is tolerated; a record "submitted" well before the verification is not.
    expect(checkAssertion(keys, token, { ...record, submittedAt: new Date(issuedAt.getTime() - 4 * MINUTE) })).toMatchObject({ ok: true });
    expect(checkAssertion(keys, token, { ...record, submittedAt: new Date(issuedAt.getTime() - 6 * MINUTE) })).toEqual(refused('expired'));
  });

  it('refuses a missing, forged or altered assertion, and one for another device, profile or username', () => {
    expect(checkAssertion(keys, undefined, record)).toEqual(refused('missing'));
    expect(checkAssertion(keys, '', record)).toEqual(refused('missing'));
    const [body = '', signature = ''] = token.split('.');
    const flipped = `${signature.slice(0, 10)}${signature[10] === 'A' ? 'B' : 'A'}${signature.slice(11)}`;
    expect(checkAssertion(keys, `${body}.${flipped}`, record)).toEqual(refused('forged'));
    const longer = Buffer.from(JSON.stringify({ ...claims, expiresAt: '2027-01-01T00:00:00.000Z' })).toString('base64url');
    expect(checkAssertion(keys, `${longer}.${signature}`, record)).toEqual(refused('forged'));
    expect(checkAssertion(keys, `${body}.${signature}.x`, record)).toEqual(refused('forged'));
    expect(checkAssertion(loadServerKeys(tempDir()), token, record)).toEqual(refused('forged'));
    expect(checkAssertion(keys, token, { ...record, deviceId: randomUUID() })).toEqual(refused('other-device'));
    expect(checkAssertion(keys, token, { ...record, profileId: 'sscasn' })).toEqual(refused('other-profile'));
    expect(checkAssertion(keys, token, { ...record, username: 'budi.t' })).toEqual(refused('other-username'));
  });
});

describe('directory settings', () => {
  function settingsFile(content: unknown, files: Record<string, string> = {}): string {
    const dir = tempDir();
    for (const [name, text] of Object.entries(files)) {
      mkdirSync(join(dir, name, '..'), { recursive: true });
      writeFileSync(join(dir, name), text);
    }
    writeFileSync(join(dir, 'directories.json'), typeof content === 'string' ? content : JSON.stringify(content));
    return join(dir, 'directories.json');
  }
  const minimal = { url: 'ldaps://ldap.pnj.ac.id', baseDn: 'dc=pnj,dc=ac,dc=id', searchFilter: '(uid={username})' };

  it('fills in defaults and reads the service account\'s password and the CA from files beside the settings', () => {
    const file = settingsFile({ 'sso-kampus': { ...minimal, bindDn: 'cn=pembaca,dc=pnj,dc=ac,dc=id', bindPasswordFile: 'secrets/pembaca', caFile: 'ca.pem' } },
      { 'secrets/pembaca': 'rahasia layanan\n', 'ca.pem': '-----BEGIN CERTIFICATE-----\n' });
    const settings = loadDirectorySettings(file).get('sso-kampus');
    expect(settings).toMatchObject({
      ...minimal, startTls: false, timeoutMs: 5000, bindPassword: 'rahasia layanan',
      attributes: { username: 'uid', name: 'cn', mail: 'mail', unit: 'ou' },
    });
    expect(settings?.ca?.toString()).toContain('BEGIN CERTIFICATE');
    expect(loadDirectorySettings(settingsFile({ 'sso-kampus': { ...minimal, attributes: { name: 'displayName' } } })).get('sso-kampus')?.attributes)
      .toEqual({ username: 'uid', name: 'displayName', mail: 'mail', unit: 'ou' });
  });

  it('names every problem with its path, one line each', () => {
    const file = settingsFile({
      'sso-kampus': { url: 'http://ldap.pnj.ac.id', baseDn: '', searchFilter: '(uid=x)', bindDn: 'cn=a', attributes: { mail: 'e mail' }, timeoutMs: 5, password: 'x' },
      'Bad Id': minimal,
      'sso-lain': { ...minimal, startTls: true },
    });
    let message = '';
    try {
      loadDirectorySettings(file);
    } catch (error) {
      expect(error).toBeInstanceOf(DirectorySettingsError);
      message = (error as Error).message;
    }
    const lines = message.split('\n').slice(1).map((l) => l.trim().split(':')[0]);
    expect(message).toMatch(/^directory settings \/.*directories\.json are invalid:\n/);
    expect(lines.sort()).toEqual([
      'Bad Id', 'sso-kampus', 'sso-kampus.attributes.mail', 'sso-kampus.baseDn', 'sso-kampus.bindPasswordFile', 'sso-kampus.searchFilter',
      'sso-kampus.timeoutMs', 'sso-kampus.url', 'sso-lain.startTls',
    ].sort());
  });

  it('reports a file that is not JSON, and password files it cannot read or that are empty', () => {
    expect(() => loadDirectorySettings(settingsFile('{ "sso-kampus": '))).toThrow(/directories\.json: not JSON$/);
    expect(() => loadDirectorySettings(join(tempDir(), 'none.json'))).toThrow(/none\.json: cannot read \(ENOENT\)$/);
    const missing = settingsFile({ 'sso-kampus': { ...minimal, bindDn: 'cn=a', bindPasswordFile: 'nope' } });
    expect(() => loadDirectorySettings(missing)).toThrow(/\n {2}sso-kampus\.bindPasswordFile: cannot read nope \(ENOENT\)$/);
    const empty = settingsFile({ 'sso-kampus': { ...minimal, bindDn: 'cn=a', bindPasswordFile: 'kosong' } }, { kosong: '\n' });
    expect(() => loadDirectorySettings(empty)).toThrow(/\n {2}sso-kampus\.bindPasswordFile: the file is empty$/);
  });

  it('is a server option (--directory or $KIOSK_DIRECTORY_CONFIG), absent by default, and the route is in the OpenAPI document', () => {
    expect(parseServerConfig([], {}).directoryFile).toBeUndefined();
    expect(parseServerConfig(['--directory', '/etc/kiosk/directories.json'], {}).directoryFile).toBe('/etc/kiosk/directories.json');
    expect(parseServerConfig([], { KIOSK_DIRECTORY_CONFIG: '/srv/d.json' }).directoryFile).toBe('/srv/d.json');
    expect(buildOpenApi().paths).toHaveProperty([DIRECTORY_VERIFY_PATH]);
  });
});

it('keys unique values as registrations always have: HMAC-SHA256(NIK key, "profile:value")', () => {
  const key = Buffer.alloc(32, 7);
  expect(uniqueKeyHash(key, 'sscasn', '3171015708950003')).toEqual(createHmac('sha256', key).update('sscasn:3171015708950003').digest());
});
