// The server-side key of a profile's unique value (a NIK, a campus username): HMAC-SHA256 under the
// server's NIK key, so the database can enforce "one registration per value" without holding the
// value. Every server process of one database has the same key (checked at start, keys.ts).
import { createHmac } from 'node:crypto';

export function uniqueKeyHash(nikKey: Buffer, profileId: string, value: string): Buffer {
  return createHmac('sha256', nikKey).update(`${profileId}:${value}`).digest();
}
