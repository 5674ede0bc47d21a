// Always in the header: an applicant can change language at any step without losing data. One
// button offering the other language, named in that language (the header must fit one line).
import { useT, type Locale } from '../i18n/i18n';

const OTHER: Readonly<Record<Locale, { locale: Locale; name: string }>> = {
  id: { locale: 'en', name: 'English' },
  en: { locale: 'id', name: 'Bahasa Indonesia' },
};

export function LanguageSwitch({ locale, onLocale }: { locale: Locale; onLocale: (l: Locale) => void }) {
  const t = useT();
  const other = OTHER[locale];
  // Named for what it does ("Ganti bahasa: English"); the visible name is part of it (WCAG 2.5.3).
  return (
    <button type="button" className="button button--compact" aria-label={t('app.switchLanguage', { name: other.name })} onClick={() => onLocale(other.locale)}>
      <span lang={other.locale}>{other.name}</span>
    </button>
  );
}
