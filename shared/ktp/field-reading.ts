// A value read from the card, with how sure the reading is and why it is less sure.
import type { KtpField } from './vocabulary';

export interface FieldReading {
  readonly value: string;
  readonly confidence: number;
  /** Why the confidence was lowered, as i18n-ready codes (e.g. 'ktp.nikDateMismatch'). */
  readonly flags: readonly string[];
}

export type KtpReading = Partial<Record<KtpField, FieldReading>>;

/** A reading with its confidence clamped to 0–1. */
export function reading(value: string, confidence: number, flags: string[] = []): FieldReading {
  return { value, confidence: Math.max(0, Math.min(1, confidence)), flags };
}
