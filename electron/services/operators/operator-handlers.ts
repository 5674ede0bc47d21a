// The handlers of the operator's channels (shared/operator.ts). Each gated one runs only after
// dispatch() found a live session for its token (operator-sessions.ts); it looks the session up
// again only to name the operator in the local audit trail.
import type Database from 'better-sqlite3';
import type { Handlers } from '../../../shared/contract';
import type { OperatorChannel, OperatorEnrolChannel } from '../../../shared/channels';
import type { Profile } from '../../../shared/profile';
import { formatFingerprint, serverKeyFingerprint } from '../../../shared/enrolment-qr';
import { readLink } from '../sync/sync-repo';
import type { SyncEngine } from '../sync/sync-engine';
import type { OperatorSessions } from './operator-sessions';
import { appendKioskAudit } from './operators-repo';
import { deliveredCounts, listOperatorRecords, requeueRecord } from './operator-records';
import { freeDiskBytes } from '../disk';
import { listQuarantined } from '../db/quarantine';
import { readSettings, setCamera } from '../settings/settings-repo';
import type { Assists } from './assists';
import type { Intake } from '../../../shared/intake';
import type { ExportAnswer } from '../../../shared/operator';

export interface OperatorHandlerDeps {
  readonly db: Database.Database;
  readonly dataDir: string;
  readonly deviceId: string;
  readonly profile: Profile;
  readonly softwareVersion: string | null;
  readonly sync: SyncEngine;
  readonly sessions: OperatorSessions;
  /** Whether intake is open now, and why not (kiosk-services.ts). */
  readonly intake: () => Intake;
  /** The browser host's export (export-handler.ts); the Electron shell replaces the channel's handler. */
  readonly exportDownload: (operator: string | null) => ExportAnswer;
  readonly assists: Assists;
  readonly now?: () => Date;
}

export function operatorHandlers({ db, dataDir, deviceId, profile, softwareVersion, sync, sessions, intake, exportDownload, assists, now = () => new Date() }: OperatorHandlerDeps): Pick<Handlers, Exclude<OperatorChannel, OperatorEnrolChannel>> {
  const who = (token: string): string | null => sessions.check(token)?.username ?? null;
  const dashboard = () => {
    const link = readLink(db);
    return {
      sync: sync.status(),
      intake: intake(),
      delivered: deliveredCounts(db),
      device: {
        deviceId,
        serverUrl: link?.serverUrl ?? null,
        serverFingerprint: link ? formatFingerprint(serverKeyFingerprint({ sealingPublicKey: link.sealingPublicKey.toString('base64url'), receiptPublicKey: link.receiptPublicKey })) : null,
        profile: { id: profile.id, version: profile.version },
        softwareVersion: softwareVersion ?? 'unknown',
        freeDiskBytes: freeDiskBytes(dataDir),
      },
      quarantined: listQuarantined(db).map(({ deviceId: _old, ...q }) => q),
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
    'kiosk:operator:export': ({ session }) => exportDownload(who(session)),
    'kiosk:operator:assist': ({ session }) => {
      // The gate let this through: the session is live, so it names an operator.
      const operator = who(session) ?? 'unknown';
      appendKioskAudit(db, { at: now().toISOString(), operator, action: 'operator.assist' });
      return { assist: assists.start(operator), operator };
    },
    'kiosk:operator:set-camera': ({ session, role, deviceId: camera }) => {
      setCamera(db, role, camera);
      appendKioskAudit(db, { at: now().toISOString(), operator: who(session), action: 'operator.camera', detail: { role, chosen: camera !== null } });
      return readSettings(db);
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
