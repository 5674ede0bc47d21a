// Where the app's own read-only files live, relative to one root: the repository when run from
// source (browser host via tsx), app.getAppPath() when packaged (electron-builder keeps the same
// layout). Bundling changes import.meta.dirname, so nothing else derives paths from it.
import { join, resolve } from 'node:path';

export interface AppPaths {
  readonly resources: string;
  readonly renderer: string;
  readonly migrations: string;
  /** Language models not available from npm (tessdata_fast), shipped with the app. */
  readonly ocrModels: string;
  /** The app's package.json: its version is the kiosk's software version. */
  readonly packageJson: string;
}

export const SOURCE_ROOT = resolve(import.meta.dirname, '..', '..');

export function appPaths(root: string = SOURCE_ROOT): AppPaths {
  return {
    resources: join(root, 'resources'),
    renderer: join(root, 'dist', 'renderer'),
    migrations: join(root, 'electron', 'services', 'db', 'migrations'),
    ocrModels: join(root, 'resources', 'ocr'),
    packageJson: join(root, 'package.json'),
  };
}
