// A form page's first values: what the applicant typed before (Kembali keeps it), else the field's
// prefill — an earlier field ("field:namaLengkap") or the verified directory account
// ("directory:mail"). Read-only fields always show the directory's value.
import type { FieldDefinition } from '../../../shared/fields/definitions';
import type { FlowState } from '../../app/flow';

function prefilled(def: FieldDefinition, flow: Pick<FlowState, 'draft' | 'verification'>): string {
  const source = def.prefill;
  if (!source) return '';
  const [from, name = ''] = source.split(':');
  if (from === 'field') return flow.draft[name] ?? '';
  const person = flow.verification?.person;
  const value = (person ? (person as unknown as Record<string, string | null>)[name] : undefined) ?? '';
  return def.kind === 'choice' ? optionNamed(def.options, value) : value;
}

/**
 * The option a directory's wording names ("Jurusan Teknik Elektro" → teknik-elektro): its value, or
 * an Indonesian label the wording contains; '' (to choose) when none or several do.
 */
function optionNamed(options: readonly { value: string; label: { id: string } }[], wording: string): string {
  const said = wording.trim().toLowerCase();
  if (said === '') return '';
  const exact = options.find((o) => o.value === said || o.label.id.toLowerCase() === said);
  if (exact) return exact.value;
  const named = options.filter((o) => said.includes(o.label.id.toLowerCase()));
  return named.length === 1 ? (named[0]?.value ?? '') : '';
}

export function initialValues(defs: readonly FieldDefinition[], flow: Pick<FlowState, 'draft' | 'verification'>): Record<string, string> {
  return Object.fromEntries(defs.map((d) => [
    d.name,
    d.kind === 'readonly' ? prefilled(d, flow) : flow.draft[d.name] ?? prefilled(d, flow),
  ]));
}
