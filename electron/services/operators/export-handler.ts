// The operator's export of the records not yet delivered (electron/services/export/): the browser
// host's answer is one tar for the page to download (the records are marked exported at once: the
// host cannot know whether the browser saved it, and marking never purges — they stay queued until
// delivered). The Electron shell writes to a folder the operator chose instead (exportToFolder).
// Each export goes to the local trail with its count; no record content. An export also carries
// the sealed records still readable in a damaged database moved aside (db/quarantine.ts).
import type Database from 'better-sqlite3';
import type { Ed25519Signer } from '../../../node/crypto/ed25519';
import type { ExportAnswer } from '../../../shared/operator';
import { exportedCount, exportToDirectory, exportUndelivered } from '../export/export-records';
import { exportFolderName, packTar } from '../export/tar-pack';
import { appendKioskAudit } from './operators-repo';

export interface ExportDeps {
  readonly db: Database.Database;
  readonly deviceId: string;
  readonly signer: () => Ed25519Signer;
  /** Where damaged databases were moved aside; absent, only the queue is exported. */
  readonly dataDir?: string;
  readonly now?: () => Date;
}

export function exporter({ db, deviceId, signer, dataDir, now = () => new Date() }: ExportDeps) {
  const noted = (operator: string | null, records: number, to: 'download' | 'folder') =>
    appendKioskAudit(db, { at: now().toISOString(), operator, action: 'operator.export', detail: { records, to } });
  return {
    /** The browser host: a tar of every exportable record, or nothing. */
    download(operator: string | null): ExportAnswer {
      const at = now();
      const result = exportUndelivered(db, signer(), deviceId, at, dataDir);
      const records = exportedCount(result);
      if (records === 0) return { kind: 'nothing', deviceSealed: result.deviceSealed };
      noted(operator, records, 'download');
      const folder = exportFolderName(deviceId, at);
      return {
        kind: 'download', records, fileName: `${folder}.tar`, base64: packTar(result.files, folder, at).toString('base64'), deviceSealed: result.deviceSealed,
        quarantined: result.quarantined.records,
      };
    },
    /** Electron: written (and flushed) into `dir` before anything is marked. */
    toFolder(operator: string | null, dir: string): ExportAnswer {
      const result = exportToDirectory(db, signer(), deviceId, dir, now(), dataDir);
      const records = exportedCount(result);
      if (records === 0) return { kind: 'nothing', deviceSealed: result.deviceSealed };
      noted(operator, records, 'folder');
      return { kind: 'saved', records, folder: dir, deviceSealed: result.deviceSealed, quarantined: result.quarantined.records };
    },
  };
}

