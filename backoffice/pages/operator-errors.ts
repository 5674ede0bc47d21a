// The server's refusals about operator accounts, in the page's own words (the server's text is the
// fallback for what has none). Rethrown as an ApiError with the same status, so a 401 still returns
// the app to the login page.
import type { PasswordRule } from '../../shared/account/password-policy';
import { ApiError } from '../api';
import type { MessageKey } from '../i18n/i18n';

type T = (key: MessageKey, vars?: Record<string, string | number>) => string;

const RULES: Readonly<Record<string, MessageKey>> = {
  minLength: 'operators.rule.minLength', maxLength: 'operators.rule.maxLength', common: 'operators.rule.common', personal: 'operators.rule.personal',
} satisfies Partial<Record<PasswordRule, MessageKey>>;

/** The refusal explained: which password rules were broken, a taken name, an account gone. */
export function explainOperatorError(t: T, error: unknown, username: string): unknown {
  if (!(error instanceof ApiError)) return error;
  const e = error.error;
  let message: string | undefined;
  if (e.code === 'weak-password') {
    const broken = (e.rules ?? []).map((r) => RULES[r]).filter((k): k is MessageKey => k !== undefined).map((k) => t(k));
    message = `${t('operators.weakPassword')} ${broken.join(' ')}`.trim();
  } else if (e.code === 'taken') message = t('operators.taken', { username });
  else if (e.code === 'not-found') message = t('operators.notFound', { username });
  else if (e.code === 'invalid-request' && error.status === 400) message = t('operators.invalid');
  return message === undefined ? error : new ApiError(error.status, { ...e, message });
}
