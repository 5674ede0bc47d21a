// Makes the printed card's data when a record is queued: the applicant's name and masked unique
// value (shared/receipt-card.ts) and the QR code signed with the device's Ed25519 key. Called by the
// queue service with the validated fields; the result is returned to the renderer and forgotten.
import type { Profile } from '../../../shared/profile';
import type { FieldValues } from '../../../shared/fields/validate';
import { cardPerson, type PrintedCard } from '../../../shared/receipt-card';
import { encodeReceiptQr, receiptClaim, receiptSigningText } from '../../../shared/receipt-qr';
import type { Ed25519Signer } from '../../../node/crypto/ed25519';

export interface ReceiptFacts {
  /** The record id: the QR carries it so the server can say whether it received this record. */
  readonly id: string;
  readonly receiptNumber: string;
  readonly createdAt: string;
}

export type CardMaker = (profile: Profile, fields: FieldValues, receipt: ReceiptFacts) => PrintedCard;

/** `signer` is lazy: the device key is made on first use (the same key enrolment registers later). */
export function createCardMaker(deviceId: string, signer: () => Ed25519Signer): CardMaker {
  return (profile, fields, receipt) => {
    const claim = receiptClaim({ deviceId, recordId: receipt.id, receiptNumber: receipt.receiptNumber, issuedAt: receipt.createdAt, profileId: profile.id });
    const qr = encodeReceiptQr({ ...claim, signature: signer().sign(receiptSigningText(claim)) });
    return { deviceId: claim.deviceId, ...cardPerson(profile, fields), qr };
  };
}
