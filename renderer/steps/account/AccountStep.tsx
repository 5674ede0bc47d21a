// Data Akun: password and confirmation under the profile's policy (or, for a verified directory
// account, the choice to keep its existing password), the security questions when the profile asks
// them, and the anti-robot check, then "Lanjutkan". The password and answers are hashed here
// (scrypt, PHC) and only the hashes leave this step; the plaintext lives in this component's state.
import { useEffect, useMemo, useRef, useState } from 'react';
import { brokenRules, personalWords, type PasswordRule } from '../../../shared/account/password-policy';
import { hashSecret, normaliseAnswer } from '../../../shared/account/secret-hash';
import type { AccountRecord } from '../../../shared/account/account-record';
import { StepHeading } from '../../components/StepHeading';
import { useAntiRobot } from '../../components/anti-robot/use-anti-robot';
import { useT, type Translate } from '../../i18n/i18n';
import type { StepProps } from '../registry';
import { loadPasswordDictionary, type PasswordDictionary } from './password-dictionary';
import { PasswordFields } from './PasswordFields';
import { KeepPasswordChoice } from './KeepPasswordChoice';
import { SecurityQuestions, type SecurityAnswer } from './SecurityQuestions';

type QuestionErrors = [{ question?: string; answer?: string }, { question?: string; answer?: string }];
interface Errors {
  password?: string;
  confirm?: string;
  questions: QuestionErrors;
}

const MIN_ANSWER = 3;
const MAX_ANSWER = 100;
const EMPTY: readonly [SecurityAnswer, SecurityAnswer] = [{ questionId: '', answer: '' }, { questionId: '', answer: '' }];

function brokenText(t: Translate, broken: readonly PasswordRule[]): string {
  return t('account.passwordBroken', { rules: broken.map((r) => t(`account.rules.${r}`)).join('; ') });
}

export function AccountStep({ step: settings, flow, complete, back }: StepProps<'account'>) {
  const t = useT();
  const existing = flow.account;
  const asksQuestions = settings.securityQuestions.length > 0;
  const [keep, setKeep] = useState(settings.password === 'keep-or-new' && (existing?.keepsExistingPassword ?? true));
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [answers, setAnswers] = useState<readonly [SecurityAnswer, SecurityAnswer]>(EMPTY);
  const [errors, setErrors] = useState<Errors>({ questions: [{}, {}] });
  const [progress, setProgress] = useState<number | null>(null);
  const [failed, setFailed] = useState(false);
  const [dictionary, setDictionary] = useState<PasswordDictionary | null>(null);
  const robot = useAntiRobot(settings.antiRobot, flow.robotCleared.includes(settings.id));
  const passwordRef = useRef<HTMLInputElement>(null);
  const confirmRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    let live = true;
    loadPasswordDictionary().then((d) => { if (live) setDictionary(d); }, () => { if (live) setFailed(true); });
    return () => { live = false; };
  }, []);

  const personal = useMemo(() => personalWords(flow.draft), [flow.draft]);
  const broken = dictionary ? brokenRules(password, settings.passwordPolicy, { isCommon: dictionary.isCommon, personal }) : null;
  const score = dictionary && password ? dictionary.score(password, personal) : null;
  const untouched = password === '' && confirm === '' && answers.every((a) => a.questionId === '' && a.answer === '');
  const reuse = existing !== null && untouched && keep === (existing.keepsExistingPassword === true);

  const validate = (): Errors => {
    const e: Errors = { questions: [{}, {}] };
    if (!keep) {
      if (password === '') e.password = t('account.passwordRequired');
      else if (broken && broken.length > 0) e.password = brokenText(t, broken);
      if (confirm === '') e.confirm = t('account.confirmRequired');
      else if (confirm !== password) e.confirm = t('account.mismatch');
    }
    if (asksQuestions) {
      answers.forEach((a, i) => {
        const q = e.questions[i as 0 | 1];
        if (a.questionId === '') q.question = t('account.questionRequired');
        else if (i === 1 && a.questionId === answers[0].questionId) q.question = t('account.sameQuestion');
        const normal = normaliseAnswer(a.answer);
        if (normal.length < MIN_ANSWER) q.answer = t('account.answerRequired');
        else if (normal.length > MAX_ANSWER) q.answer = t('account.answerTooLong');
        else if (password !== '' && normal === normaliseAnswer(password)) q.answer = t('account.answerIsPassword');
      });
    }
    return e;
  };

  const focusFirst = (e: Errors): boolean => {
    const firstQuestion = e.questions.findIndex((q) => q.question ?? q.answer);
    if (e.password) passwordRef.current?.focus();
    else if (e.confirm) confirmRef.current?.focus();
    else if (firstQuestion >= 0) document.getElementById(e.questions[firstQuestion as 0 | 1].question ? `question-${firstQuestion + 1}` : `answer-${firstQuestion + 1}`)?.focus();
    else return false;
    return true;
  };

  const submit = async (): Promise<void> => {
    if (progress !== null) return;
    setFailed(false);
    const e = reuse ? { questions: [{}, {}] as QuestionErrors } : validate();
    setErrors(e);
    const robotProblem = robot.validate();
    if (focusFirst(e) || robotProblem) return;
    const result = await robot.earn();
    if (!result.ok) return;
    const earned = result.pass ? { antiRobotPass: result.pass, robotCleared: [...flow.robotCleared, settings.id] } : {};
    if (reuse) { complete({ account: existing, ...earned }); return; }
    try {
      setProgress(0);
      const secrets = (keep ? 0 : 1) + (asksQuestions ? 2 : 0);
      let done = 0;
      const passwordPart = keep
        ? { keepsExistingPassword: true as const }
        : { passwordHash: await hashSecret(password, undefined, (f) => setProgress(f / secrets)), passwordPolicy: settings.passwordPolicy };
      if (!keep) done = 1;
      const securityAnswers: AccountRecord['securityAnswers'] = [];
      if (asksQuestions) {
        for (const a of answers) {
          const base = done;
          securityAnswers.push({ questionId: a.questionId, answerHash: await hashSecret(normaliseAnswer(a.answer), undefined, (f) => setProgress((base + f) / secrets)) });
          done += 1;
        }
      }
      complete({ account: { ...passwordPart, securityAnswers }, ...earned });
    } catch {
      setFailed(true);
      setProgress(null);
    }
  };

  const busy = progress !== null;
  return (
    <section className="step" aria-labelledby="account-intro">
      <StepHeading step={settings.id} />
      <p className="step__intro" id="account-intro">{t(asksQuestions ? 'account.intro' : 'account.introPasswordOnly')}</p>
      {existing ? <p className="note" role="status">{t('account.kept')}</p> : null}
      <form noValidate onSubmit={(ev) => { ev.preventDefault(); void submit(); }}>
        {settings.password === 'keep-or-new' ? <KeepPasswordChoice keep={keep} onKeep={setKeep} /> : null}
        {keep ? null : (
          <PasswordFields
            ref={passwordRef}
            confirmRef={confirmRef}
            policy={settings.passwordPolicy}
            password={password}
            confirm={confirm}
            onPassword={setPassword}
            onConfirm={setConfirm}
            broken={broken}
            score={score}
            passwordError={errors.password}
            confirmError={errors.confirm}
          />
        )}
        {asksQuestions ? (
          <SecurityQuestions
            questions={settings.securityQuestions}
            value={answers}
            errors={errors.questions}
            onChange={(i, next) => setAnswers((prev) => (i === 0 ? [next, prev[1]] : [prev[0], next]))}
          />
        ) : null}
        {robot.element}
        {failed ? <p className="submit-error" role="alert">{t('account.failed')}</p> : null}
        {busy ? (
          <div className="reading" role="status">
            <progress aria-label={t('account.securing')} value={progress} max={1} />
            <span>{t('account.securing')}</span>
          </div>
        ) : null}
        <div className="actions">
          {back ? <button type="button" className="button" onClick={back} disabled={busy}>{t('account.back')}</button> : null}
          <button type="submit" className="button button--primary" disabled={busy}>{t('account.next')}</button>
        </div>
      </form>
    </section>
  );
}
