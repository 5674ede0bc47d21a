// `npm run server -- import <dir>`: records a kiosk exported to a drive, stored as its uploads would
// be, with the keys and profiles a serving process uses. The keys must be the database's own
// (checked first): others could open no record and would sign receipts no kiosk trusts.
import { statSync } from 'node:fs';
import { checkKeysAgainst, loadServerKeys } from '../keys';
import { loadServerProfiles } from '../profiles';
import { loadArchivedProfiles } from '../../node/profiles';
import { createRegistrar } from '../registrations';
import { BODY_LIMIT } from '../app';
import { auditTrail } from '../staff/audit-trail';
import type { ServerStore } from '../store/server-store';
import { importDirectory, type ImportReport } from './import-directory';

/** A folder that is not there: the command's usage is at fault, not a file. */
export class ImportFolderError extends Error {}

export async function importCommand(store: ServerStore, dataDir: string, resourcesDir: string, dir: string, now = () => new Date()): Promise<ImportReport> {
  let isDirectory = false;
  try {
    isDirectory = statSync(dir).isDirectory();
  } catch {
    // reported below
  }
  if (!isDirectory) throw new ImportFolderError(`${dir} is not a folder`);
  const keys = loadServerKeys(dataDir);
  await checkKeysAgainst(store, keys, dataDir);
  const registrar = createRegistrar({ store, keys, profiles: loadServerProfiles(resourcesDir), archivedProfiles: loadArchivedProfiles(resourcesDir), now });
  return importDirectory({ store, registrar, audit: auditTrail(store.staff, keys), maxSealedBytes: BODY_LIMIT, now }, dir);
}
