import { createContext, useContext } from 'react';
import { translate, type Locale, type MessageKey } from './i18n';

export const LocaleContext = createContext<Locale>('id');

export function useT(): (key: MessageKey, vars?: Record<string, string | number>) => string {
  const locale = useContext(LocaleContext);
  return (key, vars) => translate(locale, key, vars);
}
