// Chooses how a payload is sealed: to the central server's public key once the device is enrolled
// (the kiosk can no longer read it), with the device's own key before that. Records queued before
// enrolment are re-sealed for the server as soon as the link exists, one transaction each.
import type Database from 'better-sqlite3';
import type { PayloadCipher } from '../crypto/payload-cipher';
import { sealRecord } from '../../../node/crypto/record-sealing';
import { sealingContext } from '../../../shared/sync/protocol';
import { holdRecord, listDeviceSealed, readLink, replaceWithServerSealed } from './sync-repo';
import { log } from '../../../node/log';

export type Sealing = 'device' | 'server';

/** Associated data of a device-sealed payload: bound to this device and record. */
export const deviceSealingContext = (deviceId: string, id: string): string => `${deviceId}/${id}`;

export interface RecordSealer {
  seal(id: string, plaintext: Buffer): Promise<{ payload: Buffer; sealing: Sealing }>;
  /** Opens a device-sealed payload; server-sealed ones cannot be opened here by design. */
  openDeviceSealed(id: string, payload: Buffer): Buffer;
  /** Re-seals every device-sealed record for the server (no-op before enrolment); returns how many. */
  sealQueuedForServer(): Promise<number>;
}

export function createRecordSealer(db: Database.Database, cipher: PayloadCipher, deviceId: string, now: () => Date = () => new Date()): RecordSealer {
  const deviceContext = (id: string): string => deviceSealingContext(deviceId, id);
  return {
    async seal(id, plaintext) {
      const link = readLink(db);
      if (!link) return { payload: cipher.seal(plaintext, deviceContext(id)), sealing: 'device' };
      return { payload: await sealRecord(link.sealingPublicKey, plaintext, sealingContext(deviceId, id)), sealing: 'server' };
    },
    openDeviceSealed(id, payload) {
      return cipher.open(payload, deviceContext(id));
    },
    async sealQueuedForServer() {
      const link = readLink(db);
      if (!link) return 0;
      let sealed = 0;
      for (const row of listDeviceSealed(db)) {
        let plaintext: Buffer;
        try {
          plaintext = cipher.open(row.payload, deviceContext(row.id));
        } catch {
          // The data key changed or the blob is damaged: this record can never be sent, and must
          // not stop the ones behind it. It keeps its blob for an operator.
          holdRecord(db, row.id, 'unreadable-payload', now());
          log.error('sync.held', { id: row.id, reason: 'unreadable-payload' });
          continue;
        }
        try {
          const blob = await sealRecord(link.sealingPublicKey, plaintext, sealingContext(deviceId, row.id));
          if (replaceWithServerSealed(db, row.id, blob, now())) sealed += 1;
        } finally {
          plaintext.fill(0);
        }
      }
      if (sealed > 0) log.info('sync.sealed-for-server', { records: sealed });
      return sealed;
    },
  };
}
