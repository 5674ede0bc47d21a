// The throwaway Chromium profile the host opens each kiosk window on: a fresh 0700 temp directory,
// removed when the window is replaced or the host exits, so nothing an applicant typed outlives
// the window (with --incognito nothing is written to it in the first place). Its Preferences turn
// off what must never remember or leak an applicant's data. The same settings as enterprise policy
// (resources/chromium-policy/kiosk.json) are what a real kiosk installs; policy also locks them.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const PROFILE_PREFIX = 'kiosk-chromium-';

/** Chromium's own preference names (chrome://prefs-internals shows them). */
export function kioskPreferences(downloadDir: string): Record<string, unknown> {
  return {
    // Password manager: no "save password?" bubble over the Data Akun step, no auto sign-in.
    credentials_enable_service: false,
    credentials_enable_autosignin: false,
    profile: { password_manager_enabled: false, password_manager_leak_detection: false },
    // Autofill: no addresses, cards or IBANs offered or saved from the applicant's fields.
    autofill: { enabled: false, profile_enabled: false, credit_card_enabled: false, iban_enabled: false },
    translate: { enabled: false },
    spellcheck: { use_spelling_service: false },
    search: { suggest_enabled: false },
    // The kiosk downloads nothing; should a page try, no prompt opens a file dialog.
    download: { prompt_for_download: false, default_directory: downloadDir, directory_upgrade: true },
    download_restrictions: 3,
    // 2 = DevTools disallowed. As a profile pref Chromium reads it, but only policy locks it
    // (see resources/chromium-policy/README.md).
    devtools: { availability: 2 },
    browser: { has_seen_welcome_page: true },
  };
}

export interface ThrowawayProfile {
  readonly dir: string;
  /** Deletes the profile; call once Chromium has exited (it writes while shutting down). */
  remove(): void;
}

export function createThrowawayProfile(parent: string = tmpdir()): ThrowawayProfile {
  const dir = mkdtempSync(join(parent, PROFILE_PREFIX)); // mkdtemp makes it 0700
  const defaultDir = join(dir, 'Default');
  mkdirSync(defaultDir, { mode: 0o700 });
  writeFileSync(join(defaultDir, 'Preferences'), JSON.stringify(kioskPreferences(join(dir, 'downloads'))), { mode: 0o600 });
  // Skips the first-run and "Chromium did not shut down correctly" screens.
  writeFileSync(join(dir, 'First Run'), '', { mode: 0o600 });
  // Retries: a Chromium child that outlived the browser for a moment may still close files in it.
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true, maxRetries: 10, retryDelay: 50 }) };
}
