// Browser host entry: runs the kiosk's services without Electron and serves the renderer to a
// Chromium window over loopback. Used where the Electron runtime is unavailable and by e2e tests.
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { createKioskServices } from '../services/kiosk-services';
import { resolveDataDir } from '../services/data-dir';
import { ProfileError } from '../../node/profiles';
import { EnrolError } from '../services/sync/enrol';
import { readLink } from '../services/sync/sync-repo';
import { DataDirLockedError } from '../services/data-dir-lock';
import { KeyCheckError } from '../../node/crypto/secret-store';
import { findChromium, hasDisplay } from './open-browser';
import { superviseKioskWindow, type KioskWindow } from './kiosk-window';
import { startHostServer } from './server';
import { appPaths } from '../services/app-paths';
import { RECEIPT_PAPERS, ReceiptPaperSchema } from '../../shared/settings';
import { createTestChallengeService } from '../services/captcha/test-captcha';

const USAGE = `usage: tsx electron/host/main.ts [--data-dir DIR] [--profile ID] [--port N] [--no-open] [--windowed] [--test]
         [--enrol-server URL --enrol-code CODE] [--sync-probe-ms N] [--receipt-paper a4|a5|80mm] [--touch | --no-touch]
--receipt-paper and --touch are stored in the kiosk's settings (kept for later starts).`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      'data-dir': { type: 'string' },
      profile: { type: 'string' },
      port: { type: 'string' },
      'no-open': { type: 'boolean', default: false },
      windowed: { type: 'boolean', default: false },
      test: { type: 'boolean', default: false },
      'enrol-server': { type: 'string' },
      'enrol-code': { type: 'string' },
      'sync-probe-ms': { type: 'string' },
      'receipt-paper': { type: 'string' },
      touch: { type: 'boolean' },
    },
    allowNegative: true,
  });
  // A test run against the operator's real queue would mix test records with applicants' ones.
  if (values.test && !values['data-dir']) {
    console.error('kiosk: --test requires --data-dir (each test gets its own fresh data directory)');
    process.exit(2);
  }
  const paths = appPaths();
  if (!existsSync(paths.renderer)) {
    console.error(`kiosk: the renderer is not built (${paths.renderer} missing); run npm run build`);
    process.exit(2);
  }
  const port = values.port === undefined ? 0 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`kiosk: --port must be 0-65535\n${USAGE}`);
    process.exit(2);
  }
  const probeMs = values['sync-probe-ms'] === undefined ? undefined : Number(values['sync-probe-ms']);
  if (probeMs !== undefined && !(Number.isInteger(probeMs) && probeMs >= 100)) {
    console.error(`kiosk: --sync-probe-ms must be an integer ≥ 100\n${USAGE}`);
    process.exit(2);
  }
  if ((values['enrol-server'] === undefined) !== (values['enrol-code'] === undefined)) {
    console.error(`kiosk: --enrol-server and --enrol-code go together\n${USAGE}`);
    process.exit(2);
  }
  const paper = ReceiptPaperSchema.optional().safeParse(values['receipt-paper']);
  if (!paper.success) {
    console.error(`kiosk: --receipt-paper must be one of ${RECEIPT_PAPERS.join(', ')}\n${USAGE}`);
    process.exit(2);
  }
  // The browser's own print dialog picks the printer here, so the host takes no --receipt-printer.
  const preferences = { ...(paper.data ? { receiptPaper: paper.data } : {}), ...(values.touch === undefined ? {} : { touchKeyboard: values.touch }) };
  const dataDir = resolveDataDir(values['data-dir']);
  const services = createKioskServices({
    dataDir, paths, profileId: values.profile ?? process.env.KIOSK_PROFILE, preferences,
    // --test: image CAPTCHAs drawn with a text the end-to-end tests know (services/captcha/test-captcha.ts).
    ...(values.test ? { challenges: createTestChallengeService() } : {}),
    ...(probeMs ? { sync: { probeIntervalMs: probeMs, backoffBaseMs: Math.min(probeMs, 1000), backoffCapMs: probeMs * 4 } } : {}),
  });
  if (values['enrol-server'] && values['enrol-code']) {
    // A no-op once enrolled to that server (the spent code is not sent again); another server is refused.
    const before = readLink(services.db);
    const { sealed } = await services.enrol(values['enrol-server'], values['enrol-code']);
    if (before) console.log(`kiosk: already enrolled with ${before.serverUrl}; --enrol-server/--enrol-code ignored`);
    else console.log(`kiosk: enrolled with ${values['enrol-server']} as device ${services.deviceId}; ${sealed} queued record(s) sealed for it`);
  }
  services.sync.start();
  // The window's heartbeats reach the supervisor, which exists only once the server listens.
  let kioskWindow: KioskWindow | undefined;
  const host = await startHostServer(services, { port, rendererDir: paths.renderer, onHeartbeat: () => kioskWindow?.heartbeat() });
  console.log(`kiosk: browser host on ${host.url} (data: ${dataDir}, profile: ${services.profile.id})`);
  // Before KIOSK_HOST_READY is printed: whoever reads it may signal at once, and a SIGTERM that
  // arrived before the handler would end the host without closing its window or database.
  const shutdown = (): void => {
    Promise.resolve(kioskWindow?.close())
      .finally(() => host.close())
      .finally(() => services.close())
      .finally(() => process.exit(0));
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);

  const chromium = values['no-open'] || values.test || !hasDisplay() ? undefined : findChromium();
  if (values.test) {
    // Tests open the page themselves: the printed URL carries its one-time launch code.
    console.log(`KIOSK_HOST_READY ${host.launchUrl()}`);
  } else if (chromium) {
    kioskWindow = superviseKioskWindow({ executable: chromium, windowed: values.windowed, launchUrl: host.launchUrl, revokeSessions: host.revokeSessions });
    console.log(`KIOSK_HOST_READY ${host.url}`);
  } else {
    const launch = host.launchUrl();
    console.log(`kiosk: ${values['no-open'] ? '--no-open' : 'no Chromium or display found'}; open this link in a browser on this machine.`);
    console.log('kiosk: the link works once (it signs that one browser window in); for another window, restart the host.');
    console.log(`KIOSK_HOST_READY ${launch}`);
  }
}

main().catch((error: unknown) => {
  if (error instanceof ProfileError || error instanceof EnrolError || error instanceof DataDirLockedError || error instanceof KeyCheckError) console.error(`kiosk: ${error.message}`);
  else console.error('kiosk: failed to start:', error instanceof Error ? error.message : error);
  process.exit(1);
});
