// The kiosk's software version, as it reports it to the central server (shared/sync/kiosk-report.ts):
// the version in the app's package.json (electron-builder ships that file inside the app).
import { readFileSync } from 'node:fs';
import { SoftwareVersionSchema } from '../../shared/sync/kiosk-report';
import type { AppPaths } from './app-paths';

/** The version, or null when the file is missing or holds no version of the expected shape. */
export function readSoftwareVersion(paths: Pick<AppPaths, 'packageJson'>): string | null {
  try {
    const parsed = SoftwareVersionSchema.safeParse((JSON.parse(readFileSync(paths.packageJson, 'utf8')) as { version?: unknown }).version);
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
