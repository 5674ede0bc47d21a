// One kiosk process per data directory. Two processes on one queue would each run a sync engine
// and each believe it owns the records it claims. The lock is an exclusive SQLite lock on a file of
// its own (`kiosk.lock`): the operating system holds it for exactly as long as the process lives,
// so a killed kiosk leaves no stale lock behind, and a kiosk that is still running is never
// mistaken for a dead one. (queue.db itself stays open to readers such as operators' tools.)
import Database from 'better-sqlite3';
import { join } from 'node:path';

export const LOCK_FILE = 'kiosk.lock';

export class DataDirLockedError extends Error {
  constructor(readonly dataDir: string) {
    super(`another kiosk process is using the data directory ${dataDir}; stop it first (one kiosk per data directory)`);
    this.name = 'DataDirLockedError';
  }
}

export interface DataDirLock {
  release(): void;
}

export function lockDataDir(dataDir: string): DataDirLock {
  const db = new Database(join(dataDir, LOCK_FILE), { timeout: 0 });
  try {
    db.pragma('locking_mode = EXCLUSIVE');
    // The first write in exclusive mode takes the file's exclusive lock and keeps it until close.
    db.exec(`CREATE TABLE IF NOT EXISTS holder (singleton INTEGER PRIMARY KEY CHECK (singleton = 1), pid INTEGER NOT NULL, since TEXT NOT NULL)`);
    db.prepare(`INSERT INTO holder VALUES (1, ?, ?) ON CONFLICT (singleton) DO UPDATE SET pid = excluded.pid, since = excluded.since`)
      .run(process.pid, new Date().toISOString());
  } catch (error) {
    db.close();
    const code = (error as { code?: string }).code;
    if (code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED') throw new DataDirLockedError(dataDir);
    throw error;
  }
  return { release: () => db.close() };
}
