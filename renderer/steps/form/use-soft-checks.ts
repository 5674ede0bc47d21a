// The page's gentle warnings and which of them the applicant has confirmed. A confirmation holds for
// the value it was given to: changing the value asks again.
import { useMemo, useState } from 'react';
import type { FieldDefinition } from '../../../shared/fields/definitions';
import { softWarnings, type SoftWarning } from '../../../shared/fields/soft-checks';
import { todayUtc } from '../../../shared/fields/validate';

export interface SoftChecks {
  /** Warnings of one field, each with whether the applicant confirmed it for the value now typed. */
  of(field: string): { warning: SoftWarning; confirmed: boolean }[];
  setConfirmed(warning: SoftWarning, confirmed: boolean): void;
  /** True (and the first pending confirmation focused) when the page must not go on yet. */
  stop(): boolean;
  readonly showError: boolean;
}

export function useSoftChecks(defs: readonly FieldDefinition[], values: Readonly<Record<string, unknown>>): SoftChecks {
  const strings = useMemo(() => Object.fromEntries(Object.entries(values).map(([k, v]) => [k, String(v ?? '')])), [values]);
  const warnings = useMemo(() => softWarnings(defs, strings, todayUtc()), [defs, strings]);
  const [confirmed, setConfirmed] = useState<ReadonlySet<string>>(new Set());
  const [showError, setShowError] = useState(false);
  const keyOf = (w: SoftWarning): string => `${w.field}:${w.code}:${strings[w.field] ?? ''}`;
  const open = warnings.filter((w) => !confirmed.has(keyOf(w)));
  return {
    of: (field) => warnings.filter((w) => w.field === field).map((w) => ({ warning: w, confirmed: confirmed.has(keyOf(w)) })),
    setConfirmed: (w, on) => setConfirmed((prev) => {
      const next = new Set(prev);
      if (on) next.add(keyOf(w));
      else next.delete(keyOf(w));
      return next;
    }),
    stop: () => {
      const first = open[0];
      if (!first) return false;
      setShowError(true);
      document.getElementById(`soft-${first.field}`)?.focus();
      return true;
    },
    showError,
  };
}
