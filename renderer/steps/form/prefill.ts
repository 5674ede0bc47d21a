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
  const value = person ? (person as unknown as Record<string, string | null>)[name] : undefined;
  return value ?? '';
}

export function initialValues(defs: readonly FieldDefinition[], flow: Pick<FlowState, 'draft' | 'verification'>): Record<string, string> {
  return Object.fromEntries(defs.map((d) => [
    d.name,
    d.kind === 'readonly' ? prefilled(d, flow) : flow.draft[d.name] ?? prefilled(d, flow),
  ]));
}
