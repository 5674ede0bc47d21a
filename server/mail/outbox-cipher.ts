// The outbox's messages at rest: sealed to the server's own X25519 key with HPKE, as records are
// (node/crypto/record-sealing.ts), bound to their registration and kind, so a copy of the database
// holds no applicant's address, name or text, and a sealed message moved to another row does not
// open. Only the outbox worker opens one, in memory, to hand it to the SMTP server.
import { z } from 'zod';
import { recordOpener, sealRecord } from '../../node/crypto/record-sealing';
import type { MailKind } from '../../shared/decision-mail';
import type { ServerKeys } from '../keys';

export const OutboxMessageSchema = z.object({ to: z.string().min(3).max(320), subject: z.string().max(1000), text: z.string().max(20_000) }).strict();
export type OutboxMessage = z.infer<typeof OutboxMessageSchema>;

const context = (deviceId: string, recordId: string, kind: MailKind) => `registration-server/outbox/v1/${deviceId}/${recordId}/${kind}`;

export function outboxCipher(keys: Pick<ServerKeys, 'sealing'>) {
  const open = recordOpener(keys.sealing.privateKey);
  return {
    seal: (deviceId: string, recordId: string, kind: MailKind, message: OutboxMessage): Promise<Buffer> =>
      sealRecord(keys.sealing.publicKey, Buffer.from(JSON.stringify(message), 'utf8'), context(deviceId, recordId, kind)),
    async open(deviceId: string, recordId: string, kind: MailKind, sealed: Buffer): Promise<OutboxMessage> {
      const plaintext = await open(sealed, context(deviceId, recordId, kind));
      try {
        return OutboxMessageSchema.parse(JSON.parse(plaintext.toString('utf8')));
      } finally {
        plaintext.fill(0);
      }
    },
  };
}
