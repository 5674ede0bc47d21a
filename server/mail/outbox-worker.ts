// Sends the outbox through SMTP (nodemailer). Every server process runs one; they share the work
// through the database: a worker claims one due row at a time by taking its lease (outbox-table.ts),
// opens its message in memory, hands it to the SMTP server and then settles the row — sent (the
// message cleared in the same statement) or tried again later with exponential backoff up to a cap.
// An SMTP server that is down or answers 4xx delays mail and loses none; only an address the SMTP
// server refuses for good (5xx to RCPT TO) is given up, with its code. Logs carry the row id, the
// attempt and error codes — never an address, a name or a body (an SMTP server's own words may
// quote the address, so its message is not kept either).
//
// Each mail goes out once, with one exception no outbox can close: a process that dies after the
// SMTP server accepted a message and before the row was settled leaves it leased; once the lease
// runs out another worker sends it again. The SMTP timeouts below keep a send well inside the lease.
import { randomUUID } from 'node:crypto';
import nodemailer from 'nodemailer';
import { log } from '../../node/log';
import type { ServerKeys } from '../keys';
import type { ClaimedMail, OutboxStore } from '../store/server-store';
import { outboxCipher } from './outbox-cipher';

export interface MailSettings {
  /** smtp://user:password@host:587 (STARTTLS when offered) or smtps://…:465. */
  readonly smtpUrl: string;
  /** The sender: "Sekretariat <no-reply@example.org>". */
  readonly from: string;
}

export interface OutboxTiming {
  /** How often an idle worker looks for due mail. */
  readonly pollMs: number;
  /** How long a claimed row is this worker's; far longer than the SMTP timeouts of one send. */
  readonly leaseMs: number;
  /** The first retry's delay; doubled each attempt up to maxDelayMs. */
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
}

export const DEFAULT_OUTBOX_TIMING: OutboxTiming = { pollMs: 5_000, leaseMs: 5 * 60_000, baseDelayMs: 30_000, maxDelayMs: 60 * 60_000 };

export interface OutboxWorker {
  /** Looks for due mail now (after a decision) instead of at the next poll. */
  wake(): void;
  /** Stops claiming and waits for the send in progress. */
  stop(): Promise<void>;
}

interface SmtpError { code?: unknown; responseCode?: unknown; command?: unknown }

/** A code to keep and log: nodemailer's error code and the SMTP reply code, never the reply's words. */
export function smtpErrorCode(error: unknown): string {
  const e = (error ?? {}) as SmtpError;
  const code = typeof e.code === 'string' && /^[A-Z_]{1,30}$/.test(e.code) ? e.code : 'unknown';
  return typeof e.responseCode === 'number' ? `${code} ${e.responseCode}` : code;
}

/** The SMTP server refused this recipient for good; anything else (down, 4xx, timeouts, auth) may pass later. */
function permanent(error: unknown): boolean {
  const e = (error ?? {}) as SmtpError;
  return typeof e.responseCode === 'number' && e.responseCode >= 500 && e.command === 'RCPT TO';
}

export function backoffMs(attempt: number, timing: Pick<OutboxTiming, 'baseDelayMs' | 'maxDelayMs'>, random = Math.random): number {
  const ceiling = Math.min(timing.maxDelayMs, timing.baseDelayMs * 2 ** Math.min(attempt - 1, 30));
  // Half fixed, half jitter: workers retrying after one outage do not all return at once.
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

export function startOutboxWorker(deps: { outbox: OutboxStore; keys: Pick<ServerKeys, 'sealing'>; settings: MailSettings; timing?: Partial<OutboxTiming> }): OutboxWorker {
  const timing: OutboxTiming = { ...DEFAULT_OUTBOX_TIMING, ...deps.timing };
  const { outbox, settings } = deps;
  const cipher = outboxCipher(deps.keys);
  const transport = nodemailer.createTransport({ url: settings.smtpUrl, connectionTimeout: 15_000, greetingTimeout: 15_000, socketTimeout: 60_000 });

  async function deliver(mail: ClaimedMail): Promise<void> {
    let message;
    try {
      message = await cipher.open(mail.deviceId, mail.recordId, mail.kind, mail.sealed);
    } catch {
      await outbox.settle(mail.id, mail.leaseToken, { state: 'failed', error: 'cannot-open' });
      log.error('mail.cannot-open', { mail: mail.id });
      return;
    }
    try {
      await transport.sendMail({ from: settings.from, to: message.to, subject: message.subject, text: message.text });
    } catch (error) {
      const code = smtpErrorCode(error);
      if (permanent(error)) {
        await outbox.settle(mail.id, mail.leaseToken, { state: 'failed', error: code });
        log.warn('mail.refused', { mail: mail.id, kind: mail.kind, attempts: mail.attempts, code });
      } else {
        const delay = backoffMs(mail.attempts, timing);
        await outbox.retry(mail.id, mail.leaseToken, delay, code);
        log.warn('mail.retry', { mail: mail.id, kind: mail.kind, attempts: mail.attempts, code, retryInMs: delay });
      }
      return;
    }
    // Outside the try above: a failure to record the send must not count as a failed send (it would go twice).
    const settled = await outbox.settle(mail.id, mail.leaseToken, { state: 'sent', at: new Date().toISOString() });
    log.info('mail.sent', { mail: mail.id, kind: mail.kind, attempts: mail.attempts, settled });
  }

  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;

  async function drain(): Promise<void> {
    while (!stopped) {
      const mail = await outbox.claim(timing.leaseMs, randomUUID());
      if (!mail) return;
      await deliver(mail);
    }
  }

  function run(): void {
    clearTimeout(timer);
    running = drain()
      .catch((error: unknown) => log.warn('mail.outbox-unavailable', { code: (error as { code?: string }).code ?? 'unknown' }))
      .finally(() => {
        running = undefined;
        if (!stopped) timer = setTimeout(run, timing.pollMs).unref();
      });
  }

  run();
  return {
    wake() {
      if (!stopped && !running) run();
    },
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
      transport.close();
    },
  };
}
