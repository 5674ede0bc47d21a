// Vitest global setup: one PostgreSQL cluster for the whole unit run; each test that needs the
// PostgreSQL engine creates its own database on it (inject('postgresUrl')).
import type { TestProject } from 'vitest/node';
import { startPostgres, type TestPostgres } from './postgres';

let cluster: TestPostgres | undefined;

declare module 'vitest' {
  export interface ProvidedContext {
    postgresUrl: string;
  }
}

export async function setup(project: TestProject): Promise<void> {
  cluster = await startPostgres({ durable: false });
  project.provide('postgresUrl', cluster.url);
}

export async function teardown(): Promise<void> {
  await cluster?.stop();
}
