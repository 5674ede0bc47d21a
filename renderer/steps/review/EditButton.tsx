// "Ubah" beside a review group: opens the first page that shows one of the group's fields (a field
// read-only there, from a verified account, has nothing to correct), then Review again.
import type { Profile } from '../../../shared/profile';
import { useT } from '../../i18n/i18n';

export interface EditButtonProps {
  readonly profile: Profile;
  readonly fields: readonly string[];
  readonly title: string;
  readonly onEdit: (step: string) => void;
  readonly disabled: boolean;
}

export function EditButton({ profile, fields, title, onEdit, disabled }: EditButtonProps) {
  const t = useT();
  const editable = new Set(profile.fields.filter((f) => f.kind !== 'readonly' && fields.includes(f.name)).map((f) => f.name));
  const page = profile.steps.find((s) => s.type === 'form' && s.fields.some((f) => editable.has(f)));
  if (!page) return null;
  return (
    <button type="button" className="button button--quiet" aria-label={t('review.editGroup', { group: title })} onClick={() => onEdit(page.id)} disabled={disabled}>
      {t('review.edit')}
    </button>
  );
}
