// Always in the header: an applicant can change language at any step without losing data.
import { useT, type Locale } from '../i18n/i18n';

const LANGUAGES: readonly { locale: Locale; name: string }[] = [
  { locale: 'id', name: 'Bahasa Indonesia' },
  { locale: 'en', name: 'English' },
];

export function LanguageSwitch({ locale, onLocale }: { locale: Locale; onLocale: (l: Locale) => void }) {
  const t = useT();
  return (
    <div role="group" aria-label={t('welcome.language')} className="language">
      {LANGUAGES.map((l) => (
        <button
          key={l.locale}
          type="button"
          lang={l.locale}
          className="button button--toggle"
          aria-pressed={locale === l.locale}
          onClick={() => onLocale(l.locale)}
        >
          {l.name}
        </button>
      ))}
    </div>
  );
}
