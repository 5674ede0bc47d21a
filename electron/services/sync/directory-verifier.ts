// Campus SSO: asks the central server to verify an existing directory account. The credentials are
// sealed to the server's key for this device and request (so the password is unreadable on the wire
// even without TLS) and exist in plaintext only in memory for the length of this call; nothing of
// them is stored or logged. Without an enrolled link or a reachable server the answer is 'offline'.
import { randomUUID } from 'node:crypto';
import { sealRecord } from '../../../node/crypto/record-sealing';
import type { Ed25519Signer } from '../../../node/crypto/ed25519';
import { log } from '../../../node/log';
import { KioskError, type KioskErrorCode } from '../../../shared/result';
import { DIRECTORY_REFUSALS, directorySealingContext, DirectoryVerdictSchema, type DirectoryVerdict } from '../../../shared/sync/directory';
import { ServerErrorSchema } from '../../../shared/sync/protocol';
import type { ServerClient } from './server-client';
import type { ServerLink } from './sync-repo';

export interface DirectoryVerifierDeps {
  readonly deviceId: string;
  readonly profileId: string;
  readonly link: () => ServerLink | undefined;
  readonly client: (serverUrl: string) => ServerClient;
  readonly signer: () => Ed25519Signer;
}

const REFUSALS = new Set<string>(Object.keys(DIRECTORY_REFUSALS));

export function createDirectoryVerifier({ deviceId, profileId, link, client, signer }: DirectoryVerifierDeps) {
  return async function verify(username: string, password: string): Promise<DirectoryVerdict> {
    const server = link();
    if (!server) throw new KioskError('offline', 'this kiosk is not enrolled with a central server');
    const requestId = randomUUID();
    const plaintext = Buffer.from(JSON.stringify({ profileId, username, password }), 'utf8');
    let sealed: Buffer;
    try {
      sealed = await sealRecord(server.sealingPublicKey, plaintext, directorySealingContext(deviceId, requestId));
    } finally {
      plaintext.fill(0);
    }
    let answer;
    try {
      answer = await client(server.serverUrl).verifyAccount(deviceId, requestId, sealed, signer());
    } catch {
      throw new KioskError('offline', 'the central server could not be reached');
    }
    if (answer.status === 200) {
      const verdict = DirectoryVerdictSchema.safeParse(answer.body);
      if (verdict.success) return verdict.data;
      throw new KioskError('internal', 'the server answered a verification in an unknown form');
    }
    const error = ServerErrorSchema.safeParse(answer.body);
    const code = error.success ? error.data.code : 'unknown';
    log.info('directory.verify-refused', { status: answer.status, code });
    if (REFUSALS.has(code)) {
      // 'no-directory': this server cannot verify for the profile — to the applicant, as unavailable.
      throw new KioskError(code === 'no-directory' ? 'directory-unavailable' : (code as KioskErrorCode), `verification refused: ${code}`);
    }
    // The device itself refused or limited (revoked, clock, rate): not the applicant's to fix, nor "offline".
    throw new KioskError(answer.status >= 500 ? 'directory-unavailable' : 'internal', `verification failed with status ${answer.status} (${code})`);
  };
}
