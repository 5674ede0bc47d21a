// The enrolment QR's payload (shared/enrolment-qr.ts) and what kiosks report in their request headers
// (shared/sync/kiosk-report.ts): round trips, strict refusals, and the fingerprint of the server's keys.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { randomBytes } from 'node:crypto';
import {
  encodeEnrolmentQr, formatFingerprint, keysMatchFingerprint, parseEnrolmentQr, serverKeyFingerprint, ServerOriginSchema, type EnrolmentQr,
} from '../../shared/enrolment-qr';
import { KIOSK_REPORT_HEADERS, kioskReportHeaders, readKioskReport } from '../../shared/sync/kiosk-report';
import { readSoftwareVersion } from '../../electron/services/app-version';
import { appPaths } from '../../electron/services/app-paths';
import pkg from '../../package.json';

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const key = () => randomBytes(32).toString('base64url');
const keys = { sealingPublicKey: key(), receiptPublicKey: key() };
const payload: EnrolmentQr = { serverUrl: 'https://pendaftaran.example.org', code: '7K3M-Q2XD-9PRA', fingerprint: serverKeyFingerprint(keys) };

const codeArb = fc.array(fc.constantFrom(...CROCKFORD), { minLength: 12, maxLength: 12 })
  .map((c) => `${c.slice(0, 4).join('')}-${c.slice(4, 8).join('')}-${c.slice(8).join('')}`);
const originArb = fc.tuple(
  fc.constantFrom('http', 'https'),
  fc.array(fc.stringMatching(/^[a-z0-9](?:[a-z0-9-]{0,10}[a-z0-9])?$/), { minLength: 1, maxLength: 4 }),
  fc.option(fc.integer({ min: 1, max: 65_535 }), { nil: undefined }),
).map(([scheme, labels, port]) => `${scheme}://${labels.join('.')}${port === undefined ? '' : `:${port}`}`);

describe('enrolment QR payload', () => {
  it('encodes as one short versioned line and parses back to the same payload', () => {
    const text = encodeEnrolmentQr(payload);
    expect(text).toBe(`KE1 7K3M-Q2XD-9PRA ${payload.fingerprint} https://pendaftaran.example.org`);
    expect(parseEnrolmentQr(text)).toEqual({ ok: true, payload });
  });

  it('round-trips any valid code, origin and fingerprint', () => {
    fc.assert(fc.property(codeArb, originArb, fc.uint8Array({ minLength: 32, maxLength: 32 }), (code, serverUrl, fp) => {
      const p = { serverUrl, code, fingerprint: Buffer.from(fp).toString('hex') };
      expect(parseEnrolmentQr(encodeEnrolmentQr(p))).toEqual({ ok: true, payload: p });
    }));
  });

  it('refuses texts that are not exactly one enrolment QR of this version', () => {
    const text = encodeEnrolmentQr(payload);
    expect(parseEnrolmentQr('KR2.abc.def')).toEqual({ ok: false, reason: 'not-enrolment-qr' });
    expect(parseEnrolmentQr(text.replace('KE1', 'KE2'))).toEqual({ ok: false, reason: 'other-version' });
    for (const bad of [
      `${text} extra`, text.replace(' https', '  https'), text.replace('7K3M-Q2XD-9PRA', '7k3m-q2xd-9pra'), text.replace('7K3M', '7K3I'),
      text.replace(payload.fingerprint, payload.fingerprint.slice(1)), text.replace(payload.fingerprint, payload.fingerprint.toUpperCase()),
      text.replace('https://pendaftaran.example.org', 'https://pendaftaran.example.org/'), text.replace('https://', 'ftp://'),
      `${text}:99999`, `${text}/daftar`,
    ]) {
      expect(parseEnrolmentQr(bad), bad).toMatchObject({ ok: false });
    }
    expect(parseEnrolmentQr(`${text}${' '.repeat(400)}`)).toEqual({ ok: false, reason: 'not-enrolment-qr' });
    expect(() => encodeEnrolmentQr({ ...payload, serverUrl: 'https://Example.org' })).toThrow();
  });

  it('never throws on arbitrary text', () => {
    fc.assert(fc.property(fc.string({ maxLength: 500 }), (s) => { expect(parseEnrolmentQr(s).ok).toBe(false); }));
  });

  it('accepts origins only: host names, IPv4 and bracketed IPv6 addresses with an optional port', () => {
    for (const ok of ['https://a.example.org', 'http://10.0.0.5:8787', 'http://[::1]:8787', 'http://localhost', 'https://x.y:443']) expect(ServerOriginSchema.safeParse(ok).success, ok).toBe(true);
    for (const bad of ['https://a.example.org/', 'https://a.example.org/x', 'https://user@a.org', 'https://A.org', 'https://a.org:0', 'https://a.org:65536', 'https://-a.org', 'a.org', '']) {
      expect(ServerOriginSchema.safeParse(bad).success, bad).toBe(false);
    }
  });
});

describe('the server key fingerprint', () => {
  it('covers both keys the kiosk trusts, in their order, and nothing else', () => {
    const fp = serverKeyFingerprint(keys);
    expect(fp).toMatch(/^[0-9a-f]{64}$/);
    expect(keysMatchFingerprint(fp, keys)).toBe(true);
    expect(keysMatchFingerprint(fp, { ...keys, sealingPublicKey: key() })).toBe(false);
    expect(keysMatchFingerprint(fp, { ...keys, receiptPublicKey: key() })).toBe(false);
    expect(keysMatchFingerprint(fp, { sealingPublicKey: keys.receiptPublicKey, receiptPublicKey: keys.sealingPublicKey })).toBe(false);
    expect(formatFingerprint(fp).split(' ')).toHaveLength(16);
  });
});

describe('what a kiosk reports in its headers', () => {
  it('sends only the parts it knows and reads back only values of the exact shapes', () => {
    expect(kioskReportHeaders(undefined)).toEqual({});
    const headers = kioskReportHeaders({ software: '0.1.0', profile: 'sscasn@3' });
    expect(readKioskReport(headers)).toEqual({ software: '0.1.0', profile: 'sscasn@3' });
    expect(readKioskReport({})).toEqual({ software: null, profile: null });
    for (const [software, profile] of [['<script>', 'sscasn'], ['1.2', 'SSCASN@1'], ['1.2.3-' + 'x'.repeat(40), 'sscasn@0'], ['1.2.3\n', 'a@1']]) {
      expect(readKioskReport({ [KIOSK_REPORT_HEADERS.software]: software, [KIOSK_REPORT_HEADERS.profile]: profile })).toEqual({ software: null, profile: null });
    }
    // A header sent twice is not one value.
    expect(readKioskReport({ [KIOSK_REPORT_HEADERS.software]: ['0.1.0', '0.2.0'] }).software).toBeNull();
    expect(readKioskReport({ [KIOSK_REPORT_HEADERS.software]: '1.4.2-rc.1' }).software).toBe('1.4.2-rc.1');
  });

  it('reports the app\'s own version, or nothing when its package.json cannot say', () => {
    expect(readSoftwareVersion(appPaths())).toBe(pkg.version);
    expect(readSoftwareVersion({ packageJson: '/nonexistent/package.json' })).toBeNull();
  });
});
