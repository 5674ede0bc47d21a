// The handlers of the operator's channels (shared/operator.ts). Each gated one runs only after
// dispatch() found a live session for its token (operator-sessions.ts); it looks the session up
// again only to name the operator in the local audit trail.
import { statfsSync } from 'node:fs';
import type Database from 'better-sqlite3';
import type { Handlers } from '../../../shared/contract';
import type { OperatorChannel } from '../../../shared/channels';
import type { Profile } from '../../../shared/profile';
import { formatFingerprint, serverKeyFingerprint } from '../../../shared/enrolment-qr';
import { readLink } from '../sync/sync-repo';
import type { SyncEngine } from '../sync/sync-engine';
import type { OperatorSessions } from './operator-sessions';
import { appendKioskAudit } from './operators-repo';
import { deliveredCounts, listOperatorRecords, requeueRecord } from './operator-records';

export interface OperatorHandlerDeps {
  readonly db: Database.Database;
  readonly dataDir: string;
  readonly deviceId: string;
  readonly profile: Profile;
  readonly softwareVersion: string | null;
  readonly sync: SyncEngine;
  readonly sessions: OperatorSessions;
  readonly now?: () => Date;
}

function freeDiskBytes(dir: string): number | null {
  try {
    const s = statfsSync(dir);
    return Number(s.bavail) * Number(s.bsize);
  } catch {
    return null;
  }
}

export function operatorHandlers({ db, dataDir, deviceId, profile, softwareVersion, sync, sessions, now = () => new Date() }: OperatorHandlerDeps): Pick<Handlers, OperatorChannel> {
  const who = (token: string): string | null => sessions.check(token)?.username ?? null;
  const dashboard = () => {
    const link = readLink(db);
    return {
      sync: sync.status(),
      delivered: deliveredCounts(db),
      device: {
        deviceId,
        serverUrl: link?.serverUrl ?? null,
        serverFingerprint: link ? formatFingerprint(serverKeyFingerprint({ sealingPublicKey: link.sealingPublicKey.toString('base64url'), receiptPublicKey: link.receiptPublicKey })) : null,
        profile: { id: profile.id, version: profile.version },
        softwareVersion: softwareVersion ?? 'unknown',
        freeDiskBytes: freeDiskBytes(dataDir),
      },
    };
  };
  return {
    'kiosk:operator:login': ({ username, password }) => sessions.login(username, password),
    'kiosk:operator:logout': ({ session }) => {
      sessions.logout(session);
      return { done: true };
    },
    'kiosk:operator:dashboard': () => dashboard(),
    'kiosk:operator:records': ({ beforeSeq }) => ({ records: listOperatorRecords(db, beforeSeq, now().getTime()) }),
    'kiosk:operator:sync-now': async ({ session }) => {
      appendKioskAudit(db, { at: now().toISOString(), operator: who(session), action: 'operator.sync-now' });
      await sync.syncNow();
      return dashboard();
    },
    'kiosk:operator:requeue': ({ session, id }) => {
      if (requeueRecord(db, id)) {
        appendKioskAudit(db, { at: now().toISOString(), operator: who(session), action: 'operator.requeue', detail: { record: id } });
        sync.notify();
      }
      return { done: true };
    },
  };
}
