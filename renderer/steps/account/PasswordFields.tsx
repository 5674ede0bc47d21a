// Password and Konfirmasi Password, with the policy's rules shown up front and ticked as the
// applicant types, a strength meter, and a show/hide toggle. Errors name the rule that failed.
import { forwardRef, useState } from 'react';
import { rulesOf, type PasswordPolicy, type PasswordRule } from '../../../shared/account/password-policy';
import { TextField } from '../../components/TextField';
import { useT } from '../../i18n/i18n';

export interface PasswordFieldsProps {
  readonly policy: PasswordPolicy;
  readonly password: string;
  readonly confirm: string;
  readonly onPassword: (value: string) => void;
  readonly onConfirm: (value: string) => void;
  /** Rules the current password breaks (null while the dictionary loads). */
  readonly broken: readonly PasswordRule[] | null;
  readonly score: 0 | 1 | 2 | 3 | 4 | null;
  readonly passwordError?: string | undefined;
  readonly confirmError?: string | undefined;
  readonly confirmRef?: React.Ref<HTMLInputElement>;
}

export const PasswordFields = forwardRef<HTMLInputElement, PasswordFieldsProps>(function PasswordFields(props, ref) {
  const { policy, password, confirm, onPassword, onConfirm, broken, score, passwordError, confirmError, confirmRef } = props;
  const t = useT();
  const [shown, setShown] = useState(false);
  const type = shown ? 'text' : 'password';
  return (
    <fieldset className="fieldset">
      <legend className="visually-hidden">{t('account.password')}</legend>
      <div className="password-rules" id="password-rules">
        <p className="password-rules__title">{t('account.rulesTitle')}</p>
        <ul>
          {rulesOf(policy).map((rule) => {
            const met = password !== '' && broken !== null && !broken.includes(rule);
            return (
              <li key={rule} className={met ? 'rule rule--met' : 'rule'}>
                <span aria-hidden="true">{met ? '✓' : '•'}</span> {t(`account.rules.${rule}`)}
                <span className="visually-hidden"> ({t(met ? 'account.ruleMet' : 'account.ruleNotMet')})</span>
              </li>
            );
          })}
        </ul>
      </div>
      <TextField
        ref={ref}
        id="password"
        type={type}
        label={t('account.password')}
        required
        requiredText={t('form.required')}
        value={password}
        maxLength={256}
        autoComplete="new-password"
        describedBy="password-rules"
        error={passwordError}
        onChange={(e) => onPassword(e.target.value)}
      />
      {password !== '' && score !== null ? (
        <div className="strength">
          <label htmlFor="password-strength">{t('account.strength')}: {t(`account.strength.${score}`)}</label>
          <meter id="password-strength" min={0} max={4} low={2} high={3} optimum={4} value={score} />
        </div>
      ) : null}
      <TextField
        ref={confirmRef}
        id="password-confirm"
        type={type}
        label={t('account.passwordConfirm')}
        required
        requiredText={t('form.required')}
        value={confirm}
        maxLength={256}
        autoComplete="new-password"
        error={confirmError}
        onChange={(e) => onConfirm(e.target.value)}
      />
      <label className="check">
        <input type="checkbox" checked={shown} onChange={(e) => setShown(e.target.checked)} />
        {t('account.showPassword')}
      </label>
    </fieldset>
  );
});
