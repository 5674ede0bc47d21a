// Whether the OS keychain Electron's safeStorage would use actually protects the device's keys. On
// Linux, without a running and unlocked keyring, Chromium falls back to the `basic_text` backend:
// the "wrapping" key is then a constant compiled into every Chromium, and a copied data directory
// opens anywhere. The kiosk refuses that rather than pretending its keys are wrapped.

/** What electron/secret-store.ts reads from safeStorage (after the app is ready). */
export interface KeyringFacts {
  readonly platform: NodeJS.Platform;
  readonly encryptionAvailable: boolean;
  /** safeStorage.getSelectedStorageBackend(), Linux only. */
  readonly linuxBackend?: string;
}

export class KeyringError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'KeyringError';
  }
}

const LINUX_FIX = 'Install and unlock a keyring reached through libsecret — gnome-keyring (package gnome-keyring, unlocked at login) or KWallet — '
  + 'or start the kiosk with --password-store=gnome-libsecret (or --password-store=kwallet5) so Electron uses it.';

/** Why the device keys cannot be wrapped safely here, or undefined when they can. */
export function keyringRefusal(facts: KeyringFacts): string | undefined {
  if (facts.platform === 'linux') {
    if (facts.linuxBackend === 'basic_text') {
      return `no OS keyring is available (safeStorage would use its "basic_text" backend, a key built into every copy of Chromium); refusing to keep the device keys that way. ${LINUX_FIX}`;
    }
    if (facts.linuxBackend === undefined || facts.linuxBackend === 'unknown') {
      return 'the OS keyring backend is not known yet (safeStorage asked before the app was ready); refusing to keep the device keys unwrapped';
    }
  }
  if (!facts.encryptionAvailable) {
    return `safeStorage is unavailable (no OS keychain); refusing to keep the device keys unwrapped.${facts.platform === 'linux' ? ` ${LINUX_FIX}` : ''}`;
  }
  return undefined;
}
