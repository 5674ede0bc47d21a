// The words of a field: its label and hint from the profile, its error messages from the i18n files
// (with the field's own label in them) or, for the rules a profile words itself, from the profile.
import type { FieldDefinition } from '../../shared/fields/definitions';
import { parseIsoDate, toDisplayDate } from '../../shared/identity/dates';
import { hasMessage, type Locale, type Translate } from '../i18n/i18n';

export function fieldErrorText(t: Translate, locale: Locale, def: FieldDefinition, code: string | undefined): string {
  if (code === `profile:${def.name}:pattern` && def.kind === 'text' && def.patternMessage) return def.patternMessage[locale];
  if (code === `profile:${def.name}:domains` && def.kind === 'email' && def.domains) return def.domains.refusal[locale];
  const key = `errors.${code ?? 'unknown'}`;
  const bounds: Record<string, number> = def.kind === 'text' ? { min: def.minLength, max: def.maxLength }
    : def.kind === 'regency' || def.kind === 'place' ? { min: def.suggestMinChars } : {};
  return t(hasMessage(key) ? key : 'errors.unknown', { field: def.label[locale], ...bounds });
}

/** A stored value as the applicant reads it: dates DD-MM-YYYY, choices by their label. */
export function displayValue(locale: Locale, def: FieldDefinition, value: string | undefined): string {
  if (!value) return '—';
  if (def.kind === 'date') {
    const d = parseIsoDate(value);
    return d ? toDisplayDate(d) : value;
  }
  if (def.kind === 'choice') return def.options.find((o) => o.value === value)?.label[locale] ?? value;
  return value;
}
