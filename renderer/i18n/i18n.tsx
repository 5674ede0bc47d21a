// Texts live in id.json (default) and en.json; keys are typed from id.json, and the en file must
// have exactly the same keys (checked by a unit test).
import { createContext, useContext, useMemo, type ReactNode } from 'react';
import id from './id.json';
import en from './en.json';

export type Locale = 'id' | 'en';
export type MessageKey = keyof typeof id;

const catalogs: Record<Locale, Record<string, string>> = { id, en };

export type Translate = (key: MessageKey, vars?: Record<string, string | number>) => string;

export function translate(locale: Locale, key: string, vars: Record<string, string | number> = {}): string {
  const text = catalogs[locale][key] ?? catalogs.id[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (_, name: string) => String(vars[name] ?? `{${name}}`));
}

/** Looks up a key built at run time (error codes from shared/), falling back to a generic text. */
export function hasMessage(key: string): key is MessageKey {
  return Object.hasOwn(catalogs.id, key);
}

const LocaleContext = createContext<Locale>('id');

export function LocaleProvider({ locale, children }: { locale: Locale; children: ReactNode }) {
  return <LocaleContext.Provider value={locale}>{children}</LocaleContext.Provider>;
}

export function useT(): Translate {
  const locale = useContext(LocaleContext);
  return useMemo(() => (key, vars) => translate(locale, key, vars), [locale]);
}

export function useLocale(): Locale {
  return useContext(LocaleContext);
}

export function errorText(t: Translate, code: string | undefined): string {
  const key = `errors.${code ?? 'unknown'}`;
  return t(hasMessage(key) ? key : 'errors.unknown');
}
