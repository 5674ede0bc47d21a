// The server's two storage engines, for tests that must hold on both: SQLite (a file in the test's
// data directory) and PostgreSQL (a fresh database on the run's throwaway cluster).
import { inject } from 'vitest';
import { creator } from './postgres';

export type EngineName = 'sqlite' | 'postgres';
export const ENGINES: readonly EngineName[] = ['sqlite', 'postgres'];

/** A database URL for `engine` (undefined: SQLite), new for each call. */
export async function databaseFor(engine: EngineName): Promise<string | undefined> {
  return engine === 'sqlite' ? undefined : creator(inject('postgresUrl'))();
}
