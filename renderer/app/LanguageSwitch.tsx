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
  return (
    <div role="group" aria-label={t('welcome.language')} className="language">
      <button type="button" lang={other.locale} className="button button--toggle" onClick={() => onLocale(other.locale)}>
        {other.name}
      </button>
    </div>
  );
}
