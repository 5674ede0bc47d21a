// The thin Electron shell: a hardened kiosk window over the same services the browser host runs.
// Everything that can run without Electron lives in electron/services/.
import { app, BrowserWindow, dialog, ipcMain, Menu, powerSaveBlocker, protocol, session, type WebContents } from 'electron';
import { join } from 'node:path';
import { createKioskServices, type KioskServices } from './services/kiosk-services';
import { resolveDataDir } from './services/data-dir';
import { readAsset } from './services/assets';
import { appPaths } from './services/app-paths';
import { SECURITY_HEADERS } from './services/csp';
import { log } from '../node/log';
import { APP_ORIGIN, APP_SCHEME, isAppUrl, registerIpc } from './ipc';
import { safeStorageSecretStore } from './secret-store';
import { KioskPreferencesSchema } from '../shared/settings';
import type { Handlers } from '../shared/contract';
import type { PrintOutcome, PrintRequest } from '../shared/receipt-print';
import { readSettings } from './services/settings/settings-repo';
import { failedPrint, planSilentPrint } from './services/receipt/print-plan';
import { shellPolicy } from './services/shell/shell-policy';
import { isBlockedShortcut } from './services/shell/shortcuts';
import { createRendererWatchdog, type WatchdogClock } from './services/shell/renderer-watchdog';
import { crashPageUrl } from './services/shell/crash-page';

// Kiosk by default; --windowed is a developer's window with none of the lock-down (shell-policy.ts).
const policy = shellPolicy(process.argv);
const WELCOME_URL = `${APP_ORIGIN}/index.html`;
// Packaged or not, the app root keeps the repository's layout (see electron-builder.yml `files`).
const paths = appPaths(app.getAppPath());
const argValue = (name: string): string | undefined => process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const dataDirArg = argValue('data-dir');
// Operator settings given at start are stored (like the camera choices): --receipt-paper=a4|a5|80mm,
// --receipt-printer=<name as the system lists it>, --touch / --no-touch.
const startupPreferences = () => KioskPreferencesSchema.parse({
  receiptPaper: argValue('receipt-paper'),
  receiptPrinter: argValue('receipt-printer'),
  touchKeyboard: process.argv.includes('--touch') ? true : process.argv.includes('--no-touch') ? false : undefined,
});

// Must run before 'ready': app:// behaves like https (secure context for getUserMedia, fetch, CSP).
protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
]);

function serveApp(): void {
  protocol.handle(APP_SCHEME, async (request) => {
    if (!isAppUrl(request.url)) return new Response(null, { status: 403 });
    const url = new URL(request.url);
    const asset = await readAsset(paths.renderer, url.pathname);
    if (asset.status !== 200) return new Response(null, { status: asset.status, headers: SECURITY_HEADERS });
    return new Response(new Uint8Array(asset.body), {
      headers: { 'content-type': asset.contentType, ...SECURITY_HEADERS },
    });
  });
}

/** Only the camera, only for our own page; every other permission and origin is refused. */
function restrictPermissions(): void {
  const ses = session.defaultSession;
  ses.setPermissionRequestHandler((contents, permission, callback, details) => {
    const videoOnly = permission === 'media' && (details as { mediaTypes?: string[] }).mediaTypes?.every((t) => t === 'video') === true;
    callback(videoOnly && isAppUrl(details.requestingUrl) && isAppUrl(contents.getURL()));
  });
  ses.setPermissionCheckHandler((_contents, permission, requestingOrigin, details) =>
    permission === 'media' && details.mediaType === 'video' && isAppUrl(requestingOrigin));
  ses.setDevicePermissionHandler(() => false);
}

function lockDown(contents: WebContents): void {
  contents.on('will-navigate', (event) => event.preventDefault());
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}

function createWindow(): BrowserWindow {
  const win = new BrowserWindow({
    kiosk: policy.kiosk,
    fullscreen: policy.kiosk,
    autoHideMenuBar: true,
    backgroundColor: '#ffffff',
    show: false,
    webPreferences: {
      preload: join(import.meta.dirname, 'preload.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
      devTools: policy.devTools,
    },
  });
  win.once('ready-to-show', () => win.show());
  // Windows logoff, restart or shutdown (the event exists only there).
  win.on('session-end', (event) => endSession(event.reasons));
  lockWindow(win);
  watchRenderer(win);
  load(win.webContents, WELCOME_URL);
  return win;
}

const warnOnFailure = (event: string) => (error: unknown): void => log.warn(event, { error: error instanceof Error ? error.message : String(error) });
const load = (contents: WebContents, url: string): void => { contents.loadURL(url).catch(warnOnFailure('shell.load-failed')); };

/** No key, zoom or close request takes the applicant out of the page (outside --windowed). */
function lockWindow(win: BrowserWindow): void {
  const contents = win.webContents;
  if (policy.blockShortcuts) {
    // Keyboard zoom too (Ctrl +/-/0): the app menu that would carry it is removed as well.
    contents.on('before-input-event', (event, input) => { if (isBlockedShortcut(input)) event.preventDefault(); });
  }
  if (policy.lockZoom) {
    // Pinch zoom: Electron already starts every page with visual zoom limits 1..1, so this only
    // keeps it off should that default change (reapplied per load, as a reload after a crash runs in
    // a new renderer process). Ctrl+wheel needs nothing: Electron only emits 'zoom-changed' for it
    // and zooms nothing unless the app does, which this one never does.
    contents.on('did-finish-load', () => { contents.setVisualZoomLevelLimits(1, 1).catch(warnOnFailure('shell.zoom-lock-failed')); });
  }
  // Only the app quitting closes the kiosk window: SIGTERM (systemd stopping the unit, at logout too),
  // app.quit() on a Windows session end (endSession), or the give-up exit (watchRenderer).
  if (policy.preventClose) win.on('close', (event) => { if (!quitting) event.preventDefault(); });
}

/** A crashed or hung page comes back as Welcome with the applicant's state wiped (renderer-watchdog.ts). */
function watchRenderer(win: BrowserWindow): void {
  const contents = win.webContents;
  const clock: WatchdogClock = {
    now: () => performance.now(),
    schedule: (fn, ms) => { const timer = setTimeout(fn, ms); return () => clearTimeout(timer); },
  };
  const watchdog = createRendererWatchdog({
    wipe: () => services?.resetApplicantState(),
    reload: () => load(contents, WELCOME_URL),
    crash: () => contents.forcefullyCrashRenderer(),
    giveUp: (reason) => {
      log.error('shell.renderer-gave-up', { reason, exitAfterMs: policy.watchdog.exitAfterGiveUpMs });
      load(contents, crashPageUrl(policy.watchdog.exitAfterGiveUpMs !== undefined));
    },
    // A non-zero exit: the systemd unit (Restart=on-failure) or the Windows supervisor starts the
    // kiosk again, within their limits on restarts.
    exit: (reason) => {
      log.error('shell.exit-after-give-up', { reason });
      quitting = true;
      closeAndExit(1);
    },
  }, clock, policy.watchdog);
  contents.on('render-process-gone', (_event, details) => {
    log.warn('shell.renderer-gone', { reason: details.reason, exitCode: details.exitCode });
    watchdog.gone(details.reason);
  });
  win.on('unresponsive', () => {
    log.warn('shell.renderer-unresponsive');
    watchdog.unresponsive();
  });
  win.on('responsive', () => watchdog.responsive());
  app.once('before-quit', () => watchdog.dispose());
}

let services: KioskServices | undefined;
let kioskWindow: BrowserWindow | undefined;
let quitting = false;

// Stops the sync engine (an upload in flight goes back to pending), then closes the database. Once,
// whoever asks first: a quit ('will-quit'), a Windows session end, the watchdog's give-up exit.
let closingServices: Promise<void> | undefined;
function closeServices(): Promise<void> {
  closingServices ??= (services?.close() ?? Promise.resolve()).catch(warnOnFailure('app.close-failed'));
  return closingServices;
}
/** Exits with `code` once the services are closed; the first caller's code stands. */
let exiting: Promise<void> | undefined;
function closeAndExit(code: number): void {
  exiting ??= closeServices().finally(() => app.exit(code));
}

/**
 * Windows logoff, restart or shutdown: Electron emits 'session-end' on the window and no
 * 'before-quit', and ends the process as soon as the handlers return unless a quit has begun. So the
 * close starts here (the sync engine stops and its upload is aborted before this returns), and
 * app.quit() begins the ordinary quit, which waits for it in 'will-quit' and exits 0. Windows may
 * still end the process before the database is closed; SQLite keeps every committed write then.
 */
function endSession(reasons: readonly string[]): void {
  log.info('app.session-end', { reasons: reasons.join(',') });
  void closeServices();
  app.quit();
}

/** The receipt card, printed silently by the page's print stylesheet to the configured printer; a roll as long as the card. */
async function printReceipt(db: KioskServices['db'], { cardHeightMm }: PrintRequest): Promise<PrintOutcome> {
  const contents = kioskWindow?.webContents;
  if (!contents) return failedPrint('no window');
  const settings = readSettings(db);
  const plan = planSilentPrint(settings.receiptPrinter, settings.receiptPaper ?? 'a4', await contents.getPrintersAsync(), cardHeightMm);
  if (!plan.ok) return plan.outcome;
  return new Promise((resolve) => {
    contents.print({ ...plan.options, pageSize: typeof plan.options.pageSize === 'string' ? plan.options.pageSize : { ...plan.options.pageSize } },
      (success, reason) => resolve(success ? { outcome: 'printed' } : failedPrint(reason)));
  });
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('web-contents-created', (_event, contents) => lockDown(contents));
  app.whenReady().then(async () => {
    Menu.setApplicationMenu(null);
    if (policy.keepDisplayAwake) powerSaveBlocker.start('prevent-display-sleep');
    const dataDir = resolveDataDir(dataDirArg);
    services = createKioskServices({ dataDir, paths, profileId: process.env.KIOSK_PROFILE, secrets: safeStorageSecretStore(dataDir), preferences: startupPreferences() });
    const { db } = services;
    // An operator enrols the kiosk once: --enrol-server=<url> --enrol-code=<code from the server's admin>.
    // Once enrolled to that server the switches are a no-op (the spent code is not sent again); a
    // kiosk enrolled to another server refuses to start with them (enrol.ts).
    const enrolServer = argValue('enrol-server');
    const enrolCode = argValue('enrol-code');
    if (enrolServer && enrolCode) await services.enrol(enrolServer, enrolCode);
    services.sync.start();
    serveApp();
    restrictPermissions();
    const live = services;
    const handlers: Handlers = {
      ...services.handlers,
      'kiosk:receipt:print': (request) => printReceipt(db, request),
      // A folder dialog (a USB drive, usually); nothing is marked unless every file was written.
      'kiosk:operator:export': async ({ session }) => {
        const chosen = await dialog.showOpenDialog({ title: 'Ekspor data ke folder', properties: ['openDirectory', 'createDirectory'] });
        const dir = chosen.filePaths[0];
        return chosen.canceled || !dir ? { kind: 'cancelled' } : live.exportToFolder(session, dir);
      },
    };
    registerIpc(ipcMain, { handlers, operatorSessionLive: services.operatorSessionLive });
    kioskWindow = createWindow();
  }).catch((error: unknown) => {
    const message = error instanceof Error ? error.message : String(error);
    log.error('app.start-failed', { error: message });
    // The operator at the kiosk sees why it did not start (bad profile, data directory in use, …).
    dialog.showErrorBox('Registration kiosk', message);
    app.exit(1);
  });
  app.on('before-quit', () => { quitting = true; });
  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', (event) => {
    if (!services) return;
    // Held until the services are closed; app.exit() then ends the process without a second 'will-quit'.
    event.preventDefault();
    closeAndExit(0);
  });
}
