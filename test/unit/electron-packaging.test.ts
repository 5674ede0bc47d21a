// The packaging configuration, read the way electron-builder reads it (its own loader and JSON
// schema; packaging itself needs the network): Electron fuses, ASAR with every file the app reads,
// the Linux unit and autostart entry that restart the kiosk, the Windows installer script.
import { readdirSync, readFileSync, statSync, existsSync, type Stats } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Configuration } from 'electron-builder';
// Deep imports: electron-builder's own reader and schema check (app-builder-lib ships with it).
import { findAndReadConfig } from 'app-builder-lib/out/util/config/load';
import { validateConfiguration } from 'app-builder-lib/out/util/config/config';
import { FileMatcher } from 'app-builder-lib/out/fileMatcher';
import { appPaths, SOURCE_ROOT } from '../../electron/services/app-paths';

let config: Configuration;
beforeAll(async () => {
  const read = await findAndReadConfig<Configuration>({ configFilename: 'electron-builder', projectDir: SOURCE_ROOT, packageKey: 'build', packageMetadata: null });
  if (!read) throw new Error('electron-builder.yml not found');
  config = read.result;
});

const stat = (isDirectory: boolean): Stats => ({ isDirectory: () => isDirectory, isFile: () => !isDirectory, isSymbolicLink: () => false }) as Stats;
const filterOf = (patterns: string[]) => new FileMatcher(SOURCE_ROOT, '/app', (p) => p, patterns).createFilter();
/** Whether electron-builder copies `file` (repository-relative): the file and every folder above it pass `files`. */
function matches(patterns: string[], file: string): boolean {
  const filter = filterOf(patterns);
  const parts = file.split('/');
  return parts.every((_, i) => filter(join(SOURCE_ROOT, ...parts.slice(0, i + 1)), stat(i < parts.length - 1)));
}
/** Whether the ASAR packer leaves `file` outside the archive (it asks per file). */
const unpacked = (patterns: string[], file: string): boolean => filterOf(patterns)(join(SOURCE_ROOT, file), stat(false));
const filesBelow = (dir: string): string[] => readdirSync(dir, { recursive: true, encoding: 'utf8' })
  .filter((f) => statSync(join(dir, f)).isFile())
  .map((f) => relative(SOURCE_ROOT, join(dir, f)).split(sep).join('/'));
const patterns = (value: unknown): string[] => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []);

describe('electron-builder.yml', () => {
  it('is valid for electron-builder 26 (its own JSON schema)', async () => {
    await expect(validateConfiguration(config, { add() {}, isEnabled: false } as never)).resolves.toBeUndefined();
  });

  it('flips the Electron fuses that close the ways around the kiosk', () => {
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      enableCookieEncryption: true,
      grantFileProtocolExtraPrivileges: false,
      loadBrowserProcessSpecificV8Snapshot: false,
    });
  });

  it('packs the app as ASAR (onlyLoadAppFromAsar needs it) with every file app-paths.ts names inside', () => {
    expect(config.asar).toBe(true);
    const files = patterns(config.files);
    const paths = appPaths();
    const needed = [
      'package.json', 'dist-electron/main.js', 'dist-electron/preload.cjs', 'dist/renderer/index.html', 'dist/renderer/ocr/lang/ind.traineddata.gz',
      ...filesBelow(paths.migrations), ...filesBelow(join(paths.resources, 'profiles')), ...filesBelow(paths.ocrModels),
    ];
    expect(needed.filter((f) => f.endsWith('.sql')).length).toBeGreaterThan(0);
    expect(needed.filter((f) => f.startsWith('resources/profiles/')).length).toBeGreaterThan(0);
    expect(needed.filter((f) => !matches(files, f))).toEqual([]);
    for (const installerOnly of ['resources/linux/registration-kiosk.service', 'resources/windows/installer.nsh', 'dist-electron/main.js.map']) {
      expect(matches(files, installerOnly), installerOnly).toBe(false);
    }
  });

  it('unpacks only the native SQLite addon from the archive', () => {
    const unpack = patterns(config.asarUnpack);
    expect(unpacked(unpack, 'node_modules/better-sqlite3/build/Release/better_sqlite3.node')).toBe(true);
    expect(unpacked(unpack, 'electron/services/db/migrations/0010-create-queue.sql')).toBe(false);
    expect(unpacked(unpack, 'resources/profiles/sscasn.json')).toBe(false);
  });
});

describe('restart after an unexpected exit', () => {
  const unit = readFileSync(join(SOURCE_ROOT, 'resources/linux/registration-kiosk.service'), 'utf8');
  const lines = unit.split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));

  it('Linux: a systemd user unit that restarts the kiosk 3 s after a failure, for the kiosk group only', () => {
    for (const line of ['[Unit]', '[Service]', '[Install]', 'Restart=on-failure', 'RestartSec=3', 'ConditionGroup=registration-kiosk', 'WantedBy=graphical-session.target']) {
      expect(lines).toContain(line);
    }
    expect(lines.filter((l) => l.startsWith('ExecStart='))).toEqual(['ExecStart=/usr/bin/registration-kiosk --password-store=gnome-libsecret']);
    expect(config.linux?.executableName).toBe('registration-kiosk');
  });

  it('Linux: the unit names the keyring, and says how to switch to KDE Wallet', () => {
    // Never left to Chromium's guess from the desktop, which may end in the plain-text store.
    expect(unit).toMatch(/^#\s+ExecStart=$/m);
    expect(unit).toMatch(/^#\s+ExecStart=\/usr\/bin\/registration-kiosk --password-store=kwallet6$/m);
    expect(unit).toContain('kwallet5');
  });

  it('Linux: the deb installs the unit and an autostart entry that starts it', () => {
    const fpm = patterns((config.deb as { fpm?: unknown } | undefined)?.fpm);
    const installed = new Map(fpm.map((arg) => arg.split('=') as [string, string]));
    expect([...installed.values()].sort()).toEqual(['/etc/xdg/autostart/registration-kiosk.desktop', '/usr/lib/systemd/user/registration-kiosk.service']);
    for (const source of installed.keys()) expect(existsSync(join(SOURCE_ROOT, source)), source).toBe(true);
    const desktop = readFileSync(join(SOURCE_ROOT, [...installed.entries()].find(([, to]) => to.endsWith('.desktop'))?.[0] ?? ''), 'utf8');
    expect(desktop).toMatch(/^\[Desktop Entry\]$/m);
    expect(desktop).toMatch(/^Exec=.*systemctl --user start registration-kiosk\.service"?$/m);
  });

  it('Linux: the autostart entry hands the unit the display, the desktop and the session bus first', () => {
    const desktop = readFileSync(join(SOURCE_ROOT, 'resources/linux/registration-kiosk-autostart.desktop'), 'utf8');
    const exec = /^Exec=sh -c "(.*)"$/m.exec(desktop)?.[1] ?? '';
    const [imports = '', start = ''] = exec.split(/;\s*/);
    expect(start).toBe('exec systemctl --user start registration-kiosk.service');
    const names = ['DISPLAY', 'WAYLAND_DISPLAY', 'XAUTHORITY', 'XDG_CURRENT_DESKTOP', 'DESKTOP_SESSION', 'DBUS_SESSION_BUS_ADDRESS'];
    // dbus-update-activation-environment, or systemctl's import where that is missing or fails.
    const commands = imports.split(/\s*\|\|\s*/);
    expect(commands.map((c) => c.split(/\s+/).slice(0, 2).join(' '))).toEqual(['dbus-update-activation-environment --systemd', 'systemctl --user']);
    expect(commands[1]?.split(/\s+/)[2]).toBe('import-environment');
    for (const command of commands) expect(command.split(/\s+/).filter((w) => /^[A-Z_]+$/.test(w)).sort()).toEqual([...names].sort());
  });

  it('Windows: the NSIS include registers and removes the logon task, and its scripts are shipped', () => {
    const include = config.nsis?.include;
    expect(include).toBeTypeOf('string');
    const nsh = readFileSync(join(SOURCE_ROOT, include ?? ''), 'utf8');
    expect(nsh).toMatch(/!macro customInstall[\s\S]*register-task\.ps1[\s\S]*!macroend/);
    expect(nsh).toMatch(/!macro customUnInstall[\s\S]*schtasks\.exe" \/Delete \/TN "Registration Kiosk"[\s\S]*!macroend/);
    expect(config.win?.extraResources).toEqual([{ from: 'resources/windows', to: 'windows', filter: ['*.ps1'] }]);
    for (const script of ['register-task.ps1', 'kiosk-supervisor.ps1']) expect(existsSync(join(SOURCE_ROOT, 'resources/windows', script)), script).toBe(true);
    expect(readFileSync(join(SOURCE_ROOT, 'resources/windows/register-task.ps1'), 'utf8')).toContain("-TaskName 'Registration Kiosk'");
  });
});
