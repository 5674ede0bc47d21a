// The server's command line and environment, parsed once; cluster workers parse the same argv.
import { parseArgs } from 'node:util';
import { resolve } from 'node:path';
import { DEFAULT_RESOURCES } from './profiles';
import { DEFAULT_RATE_LIMITS, type RateLimits } from './app';
import type { MailSettings } from './mail/outbox-worker';
import { ServerOriginSchema } from '../shared/enrolment-qr';

export const USAGE = `usage: npm run server -- [command] [options]
commands:
  start (default)                      serve the API
  enrol-code [--ttl-hours 24]          print a one-time device enrolment code
  revoke <device-id>                   refuse a device's requests from now on
  number <device-id> <record-id>       issue the registration number of a received record (review-first profiles)
  reject <device-id> <record-id> <reason-code>
  create-admin <username>              create a back-office admin; the password is read from standard input
  create-operator <username>           create a kiosk operator account (sent to kiosks at their next sync); password from standard input
  purge                                run the retention job once: reduce the records decided longer ago than
                                       their profile's retention period, print the counts per profile
  import <dir>                         store the records a kiosk exported to a drive (*.kx1.json) as their uploads
                                       would be: one line per file, exit code 1 if any file was refused
  openapi                              print the OpenAPI document
options:
  --data-dir DIR        keys, and the SQLite database when no PostgreSQL is given (default ./server-data, or $KIOSK_SERVER_DATA)
  --database-url URL    PostgreSQL (postgres://user@host:port/db), or $DATABASE_URL; default: SQLite in the data directory
  --workers N           N processes on one port (PostgreSQL only; default 1)
  --pool-size N         PostgreSQL connections per process (default 10)
  --port N --host H     where to listen (default 127.0.0.1:8787)
  --trust-proxy         behind a load balancer: client address from X-Forwarded-For
  --kiosk-origin URL    where kiosks reach this server, e.g. https://pendaftaran.example.org or https://host:8443
                        (no path), put in enrolment QR codes; default: the origin the admin's browser used
  --staff-origin URL    the address staff type for the back office behind a TLS proxy, e.g. https://backoffice.example:
                        the session cookie is Secure and only that exact origin may change anything; default: none
  --rate-limit-device N    authenticated requests per minute per device (default 12000)
  --rate-limit-address N   unsigned requests per minute per client address (default 600)
  --rate-limit-signed-address N   signed requests per minute per client address (default 60000)
  --rate-limit-enrol N     enrolment attempts per minute per client address (default 20)
  --rate-limit-receipt-verify N   printed-receipt verifications per minute per client address (default 30)
  --rate-limit-staff-login N      back-office login attempts per minute per client address (default 30)
  --resources DIR       where profiles/ is (default: the repository's resources/)
  --directory FILE      campus directories (LDAP) that verify accounts, per profile id, as JSON
                        (or $KIOSK_DIRECTORY_CONFIG; see server/directory/settings.ts); default: none
  --smtp-url URL        where applicants' e-mail is sent: smtp://user:pass@host:587 or smtps://…:465, or
                        $KIOSK_SMTP_URL (prefer the variable: a password in an argument shows in ps);
                        default: none — decisions are still made, their e-mail waits in the outbox
  --mail-from ADDRESS   the sender of that e-mail, e.g. "Sekretariat <no-reply@example.org>", or $KIOSK_MAIL_FROM`;

export class UsageError extends Error {
  override name = 'UsageError';
}

export interface ServerConfig {
  readonly command: string;
  readonly args: readonly string[];
  readonly dataDir: string;
  readonly databaseUrl: string | undefined;
  readonly workers: number;
  readonly poolSize: number;
  readonly port: number;
  readonly host: string;
  readonly trustProxy: boolean;
  /** Absent: enrolment QR codes name the origin of the admin's request. */
  readonly kioskOrigin: string | undefined;
  readonly staffOrigin: string | undefined;
  readonly resourcesDir: string;
  readonly ttlHours: number;
  readonly rateLimits: RateLimits;
  /** Absent: this server verifies no campus accounts. */
  readonly directoryFile: string | undefined;
  /** Absent: no SMTP; applicants' e-mail waits in the outbox. */
  readonly mail: MailSettings | undefined;
}

function integer(value: string, name: string, min: number, max: number): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) throw new UsageError(`${name} must be a whole number from ${min} to ${max}`);
  return n;
}

export function parseServerConfig(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): ServerConfig {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        'data-dir': { type: 'string', default: env.KIOSK_SERVER_DATA ?? 'server-data' },
        'database-url': { type: 'string' },
        workers: { type: 'string', default: '1' },
        'pool-size': { type: 'string', default: '10' },
        port: { type: 'string', default: '8787' },
        host: { type: 'string', default: '127.0.0.1' },
        'trust-proxy': { type: 'boolean', default: false },
        'kiosk-origin': { type: 'string' },
        'staff-origin': { type: 'string' },
        resources: { type: 'string', default: DEFAULT_RESOURCES },
        directory: { type: 'string' },
        'smtp-url': { type: 'string' },
        'mail-from': { type: 'string' },
        'ttl-hours': { type: 'string', default: '24' },
        'rate-limit-device': { type: 'string', default: String(DEFAULT_RATE_LIMITS.perDevice) },
        'rate-limit-address': { type: 'string', default: String(DEFAULT_RATE_LIMITS.perAddress) },
        'rate-limit-signed-address': { type: 'string', default: String(DEFAULT_RATE_LIMITS.signedPerAddress) },
        'rate-limit-enrol': { type: 'string', default: String(DEFAULT_RATE_LIMITS.enrolPerAddress) },
        'rate-limit-receipt-verify': { type: 'string', default: String(DEFAULT_RATE_LIMITS.receiptVerifyPerAddress) },
        'rate-limit-staff-login': { type: 'string', default: String(DEFAULT_RATE_LIMITS.staffLoginPerAddress) },
      },
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { values, positionals } = parsed;
  const [command = 'start', ...args] = positionals;
  const databaseUrl = values['database-url'] ?? (env.DATABASE_URL || undefined);
  const workers = integer(values.workers, '--workers', 1, 64);
  if (workers > 1 && !databaseUrl) throw new UsageError('--workers needs PostgreSQL (--database-url or DATABASE_URL): SQLite has a single writer');
  const directoryFile = values.directory ?? (env.KIOSK_DIRECTORY_CONFIG || undefined);
  const smtpUrl = values['smtp-url'] ?? (env.KIOSK_SMTP_URL || undefined);
  const mailFrom = values['mail-from'] ?? (env.KIOSK_MAIL_FROM || undefined);
  if (smtpUrl !== undefined && !/^smtps?:\/\/[^/]/.test(smtpUrl)) throw new UsageError('--smtp-url must start with smtp:// or smtps://');
  if ((smtpUrl === undefined) !== (mailFrom === undefined)) throw new UsageError('--smtp-url and --mail-from go together');
  const kioskOrigin = values['kiosk-origin'];
  if (kioskOrigin !== undefined && !ServerOriginSchema.safeParse(kioskOrigin).success) {
    throw new UsageError('--kiosk-origin must be an origin such as https://pendaftaran.example.org or https://10.0.0.5:8443 (lower case, no path, no trailing slash)');
  }
  const staffOrigin = values['staff-origin'];
  if (staffOrigin !== undefined && !ServerOriginSchema.safeParse(staffOrigin).success) {
    throw new UsageError('--staff-origin must be an origin such as https://backoffice.example or https://10.0.0.5:8443 (lower case, no path, no trailing slash)');
  }
  const ttlHours = Number(values['ttl-hours']);
  if (!(ttlHours > 0 && ttlHours <= 24 * 30)) throw new UsageError('--ttl-hours must be between 0 and 720');
  return {
    command, args,
    dataDir: resolve(values['data-dir']),
    databaseUrl,
    workers,
    poolSize: integer(values['pool-size'], '--pool-size', 1, 200),
    port: integer(values.port, '--port', 0, 65535),
    host: values.host,
    trustProxy: values['trust-proxy'],
    kioskOrigin,
    staffOrigin,
    resourcesDir: resolve(values.resources),
    directoryFile: directoryFile === undefined ? undefined : resolve(directoryFile),
    ttlHours,
    mail: smtpUrl !== undefined && mailFrom !== undefined ? { smtpUrl, from: mailFrom } : undefined,
    rateLimits: {
      perDevice: integer(values['rate-limit-device'], '--rate-limit-device', 1, 1_000_000),
      perAddress: integer(values['rate-limit-address'], '--rate-limit-address', 1, 1_000_000),
      signedPerAddress: integer(values['rate-limit-signed-address'], '--rate-limit-signed-address', 1, 10_000_000),
      enrolPerAddress: integer(values['rate-limit-enrol'], '--rate-limit-enrol', 1, 100_000),
      receiptVerifyPerAddress: integer(values['rate-limit-receipt-verify'], '--rate-limit-receipt-verify', 1, 100_000),
      staffLoginPerAddress: integer(values['rate-limit-staff-login'], '--rate-limit-staff-login', 1, 100_000),
    },
  };
}
