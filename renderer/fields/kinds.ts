// Narrowing helpers for field definitions by kind.
import type { FieldDefinition, FieldKind } from '../../shared/fields/definitions';

export type FieldOfKind<K extends FieldKind> = Extract<FieldDefinition, { kind: K }>;

/** The on-screen keyboard and length limit each typed kind wants. */
export const INPUT_MODES: Partial<Record<FieldKind, { inputMode: 'numeric' | 'tel' | 'email' | 'text'; maxLength: number }>> = {
  nik: { inputMode: 'numeric', maxLength: 24 },
  kk: { inputMode: 'numeric', maxLength: 24 },
  'person-name': { inputMode: 'text', maxLength: 100 },
  date: { inputMode: 'numeric', maxLength: 10 },
  phone: { inputMode: 'tel', maxLength: 20 },
  email: { inputMode: 'email', maxLength: 254 },
};
