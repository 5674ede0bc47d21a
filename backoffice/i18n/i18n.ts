// The back office's words: Bahasa Indonesia by default, English for staff who choose it.
import id from './id.json';
import en from './en.json';

export type Locale = 'id' | 'en';
export type MessageKey = keyof typeof id;
const catalogs: Record<Locale, Record<string, string>> = { id, en };

export function translate(locale: Locale, key: MessageKey, vars: Record<string, string | number> = {}): string {
  const text = catalogs[locale][key] ?? id[key];
  return text.replace(/\{(\w+)\}/g, (_, name: string) => String(vars[name] ?? `{${name}}`));
}
