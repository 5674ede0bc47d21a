// Values from earlier pages, read-only above a page's fields (SSCASN's page 2 shows NIK, name, phone,
// e-mail and birth date as already filled in).
import type { Profile } from '../../../shared/profile';
import { fieldsOf } from '../../../shared/profile';
import { fieldSchema } from '../../../shared/fields/validate';
import { displayValue } from '../../fields/field-text';
import { useLocale, useT } from '../../i18n/i18n';

export function FormSummary({ profile, names, draft }: { profile: Profile; names: readonly string[]; draft: Readonly<Record<string, string>> }) {
  const t = useT();
  const locale = useLocale();
  return (
    <dl className="review review--summary" aria-label={t('form.summary')}>
      {fieldsOf(profile, names).map((def) => {
        const parsed = fieldSchema(def).safeParse(draft[def.name] ?? '');
        return (
          <div key={def.name} className="review__row">
            <dt>{def.label[locale]}</dt>
            <dd>{displayValue(locale, def, parsed.success ? parsed.data : draft[def.name])}</dd>
          </div>
        );
      })}
    </dl>
  );
}
