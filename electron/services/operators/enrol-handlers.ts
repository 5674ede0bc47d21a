// Enrolment from the operator screen (shared/operator.ts EnrolInputSchema). Gated: dispatch() found a
// live operator session before these run. Every attempt — enrolled, waiting for the operator,
// refused, discarded — goes to the local audit trail with the server's address and the outcome;
// never the one-time code.
import type Database from 'better-sqlite3';
import type { Handlers } from '../../../shared/contract';
import type { OperatorEnrolChannel } from '../../../shared/channels';
import { KioskError } from '../../../shared/result';
import type { Ed25519Signer } from '../../../node/crypto/ed25519';
import { commitEnrolment, enrolDevice, existingLink, normaliseServerUrl, requestEnrolment, type EnrolDeps } from '../sync/enrol';
import { createPendingEnrolments } from '../sync/enrol-pending';
import type { RecordSealer } from '../sync/record-sealer';
import type { SyncEngine } from '../sync/sync-engine';
import type { OperatorSessions } from './operator-sessions';
import { appendKioskAudit } from './operators-repo';

export interface EnrolHandlerDeps {
  readonly db: Database.Database;
  readonly deviceId: string;
  readonly signer: () => Ed25519Signer;
  readonly sealer: RecordSealer;
  readonly sync: Pick<SyncEngine, 'notify'>;
  readonly sessions: Pick<OperatorSessions, 'check'>;
  readonly timeoutMs?: number;
  readonly now?: () => Date;
}

type Result = 'enrolled' | 'already-enrolled' | 'confirm' | 'discarded' | 'refused';

export function enrolHandlers({ db, deviceId, signer, sealer, sync, sessions, timeoutMs, now = () => new Date() }: EnrolHandlerDeps): Pick<Handlers, OperatorEnrolChannel> {
  const pending = createPendingEnrolments(() => now().getTime());
  const deps = (): EnrolDeps => ({ db, deviceId, signer: signer(), sealer, ...(timeoutMs ? { timeoutMs } : {}) });
  const audit = (session: string, server: string | null, result: Result, reason?: string): void => {
    appendKioskAudit(db, {
      at: now().toISOString(), operator: sessions.check(session)?.username ?? null, action: 'operator.enrol',
      detail: { server, result, ...(reason ? { reason } : {}) },
    });
  };
  const refused = (session: string, server: string | null, error: unknown): never => {
    audit(session, server, 'refused', error instanceof KioskError ? error.code : 'internal');
    throw error;
  };

  return {
    'kiosk:operator:enrol': async ({ session, serverUrl: raw, code, fingerprint }) => {
      let serverUrl: string | null = null;
      try {
        serverUrl = normaliseServerUrl(raw);
        if (fingerprint !== undefined) {
          // From the QR: the keys are checked against its fingerprint before anything is saved.
          const done = await enrolDevice(deps(), serverUrl, code, fingerprint);
          audit(session, serverUrl, done.state);
          if (done.state === 'enrolled') sync.notify();
          return { state: 'enrolled', serverUrl, fingerprint: done.fingerprint };
        }
        const existing = existingLink(db, serverUrl);
        if (existing) {
          audit(session, serverUrl, 'already-enrolled');
          return { state: 'enrolled', serverUrl, fingerprint: existing.fingerprint };
        }
        // Typed: the code is spent now; the link waits for the operator to compare the fingerprint.
        const answer = await requestEnrolment(deps(), serverUrl, code);
        audit(session, serverUrl, 'confirm');
        return { state: 'confirm', serverUrl, fingerprint: answer.fingerprint, pendingId: pending.hold(answer) };
      } catch (error) {
        return refused(session, serverUrl, error);
      }
    },
    'kiosk:operator:confirm-enrol': async ({ session, pendingId, accept }) => {
      const answer = pending.take(pendingId);
      try {
        if (!answer) throw new KioskError('enrol-pending', 'no enrolment waits for this confirmation (expired or already answered)');
        if (!accept) {
          // Nothing is saved. The code is spent at that server, whose admin sees one more enrolled
          // device and can revoke it; the operator asks for a new code.
          audit(session, answer.serverUrl, 'discarded');
          return { state: 'discarded' };
        }
        await commitEnrolment(deps(), answer);
        audit(session, answer.serverUrl, 'enrolled');
        sync.notify();
        return { state: 'enrolled', serverUrl: answer.serverUrl, fingerprint: answer.fingerprint };
      } catch (error) {
        return refused(session, answer?.serverUrl ?? null, error);
      }
    },
  };
}
