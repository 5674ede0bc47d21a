// Verifikasi Akun (campus SSO): the existing internet / e-learning account's username and password,
// checked by the central server against the institution's directory. The password lives only in this
// component's state and the one sealed request; a failure keeps the username typed and says why.
import { useRef, useState, type FormEvent } from 'react';
import { DirectoryUsernameSchema } from '../../../shared/sync/directory';
import { KioskError } from '../../../shared/result';
import { api } from '../../app/api';
import { StepHeading } from '../../components/StepHeading';
import { TextField } from '../../components/TextField';
import { hasMessage, useLocale, useT } from '../../i18n/i18n';
import type { StepProps } from '../registry';

export function VerifyAccountStep({ step, flow, complete }: StepProps<'verify-account'>) {
  const t = useT();
  const locale = useLocale();
  // Sent back here because the verification expired: the username is kept, the password asked again.
  const again = flow.verification === null && (flow.draft[step.usernameField] ?? '') !== '';
  const [username, setUsername] = useState(flow.draft[step.usernameField] ?? '');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<{ username?: string; password?: string }>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const usernameRef = useRef<HTMLInputElement>(null);
  const passwordRef = useRef<HTMLInputElement>(null);

  const submit = async (event: FormEvent<HTMLFormElement>): Promise<void> => {
    event.preventDefault();
    if (busy) return;
    const e: { username?: string; password?: string } = {};
    if (!DirectoryUsernameSchema.safeParse(username).success) e.username = t(username.trim() === '' ? 'verify.usernameRequired' : 'verify.usernameFormat');
    if (password === '') e.password = t('verify.passwordRequired');
    setErrors(e);
    setFailure(null);
    if (e.username) { usernameRef.current?.focus(); return; }
    if (e.password) { passwordRef.current?.focus(); return; }
    setBusy(true);
    try {
      const verdict = await api.directory.verify({ username: username.trim(), password });
      setPassword('');
      const { person, assertion } = verdict;
      complete({ verification: { person, assertion }, draft: { [step.usernameField]: person.username } });
    } catch (error) {
      const code = error instanceof KioskError ? error.code : 'generic';
      const key = `verify.errors.${code}`;
      setFailure(t(hasMessage(key) ? key : 'verify.errors.generic'));
      // A refused password is typed again; when the link or the directory failed, nothing typed is lost.
      if (code !== 'offline' && code !== 'directory-unavailable') {
        setPassword('');
        passwordRef.current?.focus();
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="step" aria-labelledby="verify-intro">
      <StepHeading step={step.id} />
      <p className="step__intro" id="verify-intro">{step.intro[locale]}</p>
      {again ? <p className="note" role="status">{t('verify.again')}</p> : null}
      <form noValidate className="form" onSubmit={(e) => void submit(e)}>
        <TextField ref={usernameRef} id="verify-username" label={step.usernameLabel[locale]} required requiredText={t('form.required')}
          value={username} maxLength={64} autoCapitalize="none" error={errors.username} onChange={(e) => setUsername(e.target.value)} />
        <TextField ref={passwordRef} id="verify-password" label={t('verify.password')} type="password" required requiredText={t('form.required')}
          value={password} maxLength={256} error={errors.password} onChange={(e) => setPassword(e.target.value)} />
        {failure ? <p className="submit-error" role="alert">{failure}</p> : null}
        {busy ? <p role="status">{t('verify.checking')}</p> : null}
        <div className="actions">
          <button type="submit" className="button button--primary" disabled={busy} aria-busy={busy}>{t('verify.submit')}</button>
        </div>
      </form>
    </section>
  );
}
