// What the printed receipt needs from the applicant's record, computed by the main process when the
// record is queued (the renderer has wiped the form by then): the name, and the profile's unique
// value masked. It travels in memory with the receipt and is never written anywhere; the card shows
// nothing else personal (no full NIK, no phone, no e-mail, no birth date).
import { z } from 'zod';
import { FieldName } from './fields/definitions';
import type { FieldDefinition } from './fields/definitions';
import type { Profile } from './profile';
import { RECEIPT_QR_MAX_LENGTH } from './receipt-qr';

export const PrintedCardSchema = z.object({
  /** The kiosk that issued the receipt (printed as "ID Kiosk"). */
  deviceId: z.uuid(),
  /** Absent when the profile has no name field. */
  name: z.string().min(1).max(200).optional(),
  /** Which field was masked (its label comes from the profile), and its masked value. */
  masked: z.object({ field: FieldName, value: z.string().min(1).max(200) }).strict().optional(),
  /** The signed QR text (shared/receipt-qr.ts): no personal data. */
  qr: z.string().min(1).max(RECEIPT_QR_MAX_LENGTH),
}).strict();
export type PrintedCard = z.infer<typeof PrintedCardSchema>;

const DOT = '•';

/** NIK / KK: the region code's first four digits and the last four (3171••••••••0001). */
export function maskDigits(value: string): string {
  if (value.length <= 8) return DOT.repeat(Math.max(0, value.length - 2)) + value.slice(-2);
  return value.slice(0, 4) + DOT.repeat(value.length - 8) + value.slice(-4);
}

/** The first character of the mailbox and the domain: enough to recognise one's own address. */
export function maskEmail(value: string): string {
  const at = value.lastIndexOf('@');
  if (at < 1) return maskOther(value);
  return `${value[0] ?? ''}${DOT.repeat(4)}@${value.slice(at + 1)}`;
}

/** Anything else (NIM/NIP, a member number): the first two and the last three characters. */
export function maskOther(value: string): string {
  const chars = [...value];
  if (chars.length <= 5) return DOT.repeat(Math.max(1, chars.length - 1)) + (chars.length > 1 ? chars.at(-1) ?? '' : '');
  return chars.slice(0, 2).join('') + DOT.repeat(chars.length - 5) + chars.slice(-3).join('');
}

export function maskValue(definition: Pick<FieldDefinition, 'kind'>, value: string): string {
  if (definition.kind === 'nik' || definition.kind === 'kk') return maskDigits(value);
  if (definition.kind === 'email') return maskEmail(value);
  return maskOther(value);
}

/** The profile's name field: its receipt section's choice, else the first person's name or directory name. */
export function nameFieldOf(profile: Pick<Profile, 'fields' | 'receipt'>): string | undefined {
  return profile.receipt?.nameField
    ?? profile.fields.find((f) => f.kind === 'person-name')?.name
    ?? profile.fields.find((f) => f.prefill === 'directory:name')?.name;
}

/** Which field the card masks: the NIK when one was given, else the profile's unique field (NIM/NIP, e-mail). */
function maskedFieldOf(profile: Pick<Profile, 'fields' | 'uniqueField'>, fields: Readonly<Record<string, string>>): FieldDefinition | undefined {
  const given = (f: FieldDefinition): boolean => (fields[f.name] ?? '') !== '';
  return profile.fields.find((f) => f.kind === 'nik' && given(f))
    ?? profile.fields.find((f) => f.name === profile.uniqueField && given(f));
}

/** The personal part of the card, from the validated (normalised) field values. */
export function cardPerson(profile: Pick<Profile, 'fields' | 'uniqueField' | 'receipt'>, fields: Readonly<Record<string, string>>): Pick<PrintedCard, 'name' | 'masked'> {
  const nameField = nameFieldOf(profile);
  const name = nameField === undefined ? undefined : fields[nameField]?.trim();
  const def = maskedFieldOf(profile, fields);
  const value = def ? fields[def.name] : undefined;
  return {
    ...(name ? { name: name.slice(0, 200) } : {}),
    ...(def && value ? { masked: { field: def.name, value: maskValue(def, value).slice(0, 200) } } : {}),
  };
}
