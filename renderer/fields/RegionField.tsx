// A place with Kab/Kota suggestions (ARIA 1.2 combobox + listbox). Suggestions appear after
// `minChars` typed characters as in SSCASN. For a 'place' free text stays allowed (a KTP may print a
// town, not a regency; people born abroad have a foreign place); a 'regency' must be one of the list,
// which its schema checks.
import { useId, useMemo, useState, type KeyboardEvent } from 'react';
import { suggestRegencies } from '../../shared/regions/regions';
import { TextField } from '../components/TextField';
import { useT } from '../i18n/i18n';

export interface RegionFieldProps {
  readonly id: string;
  readonly label: string;
  readonly hint?: string | undefined;
  readonly value: string;
  readonly onChange: (value: string) => void;
  readonly onBlur: () => void;
  readonly error?: string | undefined;
  readonly required: boolean;
  readonly minChars: number;
}

export function RegionField({ id, label, hint, value, onChange, onBlur, error, required, minChars }: RegionFieldProps) {
  const t = useT();
  const listId = useId();
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const suggestions = useMemo(() => suggestRegencies(value, 8, minChars), [value, minChars]);
  const expanded = open && suggestions.length > 0;
  const optionId = (i: number): string => `${listId}-option-${i}`;

  const choose = (name: string): void => {
    onChange(name);
    setOpen(false);
    setActive(-1);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>): void => {
    if (e.key === 'ArrowDown' && suggestions.length > 0) {
      e.preventDefault();
      setOpen(true);
      setActive((i) => (i + 1) % suggestions.length);
    } else if (e.key === 'ArrowUp' && suggestions.length > 0) {
      e.preventDefault();
      setOpen(true);
      setActive((i) => (i <= 0 ? suggestions.length - 1 : i - 1));
    } else if (e.key === 'Enter' && expanded && active >= 0) {
      // Enter picks the highlighted suggestion instead of submitting the form.
      e.preventDefault();
      const chosen = suggestions[active];
      if (chosen) choose(chosen.name);
    } else if (e.key === 'Escape' && expanded) {
      e.preventDefault();
      e.stopPropagation();
      setOpen(false);
      setActive(-1);
    }
  };

  return (
    <TextField
      id={id}
      name={id}
      label={label}
      hint={hint}
      error={error}
      required={required}
      requiredText={t('form.required')}
      value={value}
      role="combobox"
      aria-autocomplete="list"
      aria-expanded={expanded}
      aria-controls={listId}
      aria-activedescendant={expanded && active >= 0 ? optionId(active) : undefined}
      onChange={(e) => { onChange(e.target.value); setOpen(true); setActive(-1); }}
      onBlur={() => { setOpen(false); onBlur(); }}
      onKeyDown={onKeyDown}
      after={
        <>
          <ul id={listId} role="listbox" aria-label={t('form.suggestions')} className="suggestions" hidden={!expanded}>
            {suggestions.map((s, i) => (
              <li
                key={s.code}
                id={optionId(i)}
                role="option"
                aria-selected={i === active}
                className="suggestions__option"
                // mousedown, not click: it fires before the input's blur closes the list.
                onMouseDown={(e) => { e.preventDefault(); choose(s.name); }}
              >
                {s.name}
              </li>
            ))}
          </ul>
          <p className="visually-hidden" aria-live="polite">
            {expanded ? t('form.suggestionCount', { count: suggestions.length }) : ''}
          </p>
        </>
      }
    />
  );
}
