// Data Akun: password and confirmation under the profile's policy, two security questions, and the
// anti-robot check, then "Lanjutkan". The password and answers are hashed here (scrypt, PHC) and
// only the hashes leave this step; the plaintext lives in this component's state and goes with it.
import { useEffect, useMemo, useRef, useState } from 'react';
import { brokenRules, personalWords, type PasswordRule } from '../../../shared/account/password-policy';
import { hashSecret, normaliseAnswer } from '../../../shared/account/secret-hash';
import type { AccountRecord } from '../../../shared/account/account-record';
import type { Challenge } from '../../../shared/anti-robot';
import type { Identity } from '../../../shared/identity/schema';
import type { AccountProfile } from '../../../shared/profile';
import { api } from '../../app/api';
import { StepHeading } from '../../components/StepHeading';
import { useT, type Translate } from '../../i18n/i18n';
import { AntiRobotCheck } from './AntiRobotCheck';
import { loadPasswordDictionary, type PasswordDictionary } from './password-dictionary';
import { PasswordFields } from './PasswordFields';
import { SecurityQuestions, type SecurityAnswer } from './SecurityQuestions';

export interface AccountStepProps {
  readonly settings: AccountProfile;
  readonly identity: Identity;
  /** What an earlier visit produced (hashes only); kept unless the applicant fills the form again. */
  readonly existing: AccountRecord | null;
  readonly existingPass: string | null;
  readonly onDone: (account: AccountRecord, antiRobotPass: string | null) => void;
  readonly onBack: () => void;
}

interface Errors {
  password?: string;
  confirm?: string;
  questions: [{ question?: string; answer?: string }, { question?: string; answer?: string }];
  robot?: string;
}

const MIN_ANSWER = 3;
const MAX_ANSWER = 100;
const EMPTY: readonly [SecurityAnswer, SecurityAnswer] = [{ questionId: '', answer: '' }, { questionId: '', answer: '' }];

function brokenText(t: Translate, broken: readonly PasswordRule[]): string {
  return t('account.passwordBroken', { rules: broken.map((r) => t(`account.rules.${r}`)).join('; ') });
}

export function AccountStep({ settings, identity, existing, existingPass, onDone, onBack }: AccountStepProps) {
  const t = useT();
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [answers, setAnswers] = useState<readonly [SecurityAnswer, SecurityAnswer]>(EMPTY);
  const [challenge, setChallenge] = useState<Challenge | null>(null);
  const [robotAnswer, setRobotAnswer] = useState('');
  const [generation, setGeneration] = useState(0);
  const [pass, setPass] = useState<string | null>(existingPass);
  const [errors, setErrors] = useState<Errors>({ questions: [{}, {}] });
  const [progress, setProgress] = useState<number | null>(null);
  const [failed, setFailed] = useState(false);
  const [dictionary, setDictionary] = useState<PasswordDictionary | null>(null);
  const passwordRef = useRef<HTMLInputElement>(null);
  const confirmRef = useRef<HTMLInputElement>(null);
  const robotRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    let live = true;
    loadPasswordDictionary().then((d) => { if (live) setDictionary(d); }, () => { if (live) setFailed(true); });
    return () => { live = false; };
  }, []);

  const personal = useMemo(() => personalWords(identity), [identity]);
  const broken = dictionary ? brokenRules(password, settings.passwordPolicy, { isCommon: dictionary.isCommon, personal }) : null;
  const score = dictionary && password ? dictionary.score(password, personal) : null;
  const needsRobot = settings.antiRobot !== 'none' && pass === null;
  const untouched = password === '' && confirm === '' && answers.every((a) => a.questionId === '' && a.answer === '');

  const validate = (): Errors => {
    const e: Errors = { questions: [{}, {}] };
    if (password === '') e.password = t('account.passwordRequired');
    else if (broken && broken.length > 0) e.password = brokenText(t, broken);
    if (confirm === '') e.confirm = t('account.confirmRequired');
    else if (confirm !== password) e.confirm = t('account.mismatch');
    answers.forEach((a, i) => {
      const q = e.questions[i as 0 | 1];
      if (a.questionId === '') q.question = t('account.questionRequired');
      else if (i === 1 && a.questionId === answers[0].questionId) q.question = t('account.sameQuestion');
      const normal = normaliseAnswer(a.answer);
      if (normal.length < MIN_ANSWER) q.answer = t('account.answerRequired');
      else if (normal.length > MAX_ANSWER) q.answer = t('account.answerTooLong');
      else if (password !== '' && normal === normaliseAnswer(password)) q.answer = t('account.answerIsPassword');
    });
    if (needsRobot && robotAnswer.trim() === '') e.robot = t('robot.required');
    return e;
  };

  const focusFirst = (e: Errors): void => {
    const firstQuestion = e.questions.findIndex((q) => q.question ?? q.answer);
    if (e.password) passwordRef.current?.focus();
    else if (e.confirm) confirmRef.current?.focus();
    else if (firstQuestion >= 0) document.getElementById(e.questions[firstQuestion as 0 | 1].question ? `question-${firstQuestion + 1}` : `answer-${firstQuestion + 1}`)?.focus();
    else if (e.robot) robotRef.current?.focus();
  };

  /** Answers the challenge once; a failure brings a new challenge and keeps everything typed. */
  const earnPass = async (): Promise<string | null> => {
    if (!needsRobot) return pass;
    if (!challenge) {
      setErrors((e) => ({ ...e, robot: t('robot.failed') }));
      return null;
    }
    const verdict = await api.challenge.answer({ id: challenge.id, answer: robotAnswer });
    setRobotAnswer('');
    if (!verdict.ok) {
      setErrors((e) => ({ ...e, robot: t(verdict.reason === 'expired' ? 'robot.expired' : 'robot.wrong') }));
      setGeneration((g) => g + 1);
      robotRef.current?.focus();
      return null;
    }
    setPass(verdict.pass);
    return verdict.pass;
  };

  const submit = async (): Promise<void> => {
    if (progress !== null) return;
    setFailed(false);
    if (existing && untouched) {
      const e: Errors = { questions: [{}, {}], ...(needsRobot && robotAnswer.trim() === '' ? { robot: t('robot.required') } : {}) };
      setErrors(e);
      if (e.robot) { robotRef.current?.focus(); return; }
      const earned = await earnPass();
      if (earned !== null || settings.antiRobot === 'none') onDone(existing, earned);
      return;
    }
    const e = validate();
    setErrors(e);
    if (e.password || e.confirm || e.robot || e.questions.some((q) => q.question ?? q.answer)) { focusFirst(e); return; }
    const earned = await earnPass();
    if (earned === null && settings.antiRobot !== 'none') return;
    try {
      setProgress(0);
      const passwordHash = await hashSecret(password, undefined, (f) => setProgress(f / 3));
      const securityAnswers: AccountRecord['securityAnswers'] = [];
      for (const [i, a] of answers.entries()) {
        securityAnswers.push({ questionId: a.questionId, answerHash: await hashSecret(normaliseAnswer(a.answer), undefined, (f) => setProgress((i + 1 + f) / 3)) });
      }
      onDone({ passwordHash, passwordPolicy: settings.passwordPolicy, securityAnswers }, earned);
    } catch {
      setFailed(true);
      setProgress(null);
    }
  };

  const busy = progress !== null;
  return (
    <section className="step" aria-labelledby="account-intro">
      <StepHeading step="account" />
      <p className="step__intro" id="account-intro">{t('account.intro')}</p>
      {existing ? <p className="note" role="status">{t('account.kept')}</p> : null}
      <form noValidate onSubmit={(ev) => { ev.preventDefault(); void submit(); }}>
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
        <SecurityQuestions
          questions={settings.securityQuestions}
          value={answers}
          errors={errors.questions}
          onChange={(i, next) => setAnswers((prev) => (i === 0 ? [next, prev[1]] : [prev[0], next]))}
        />
        {needsRobot ? (
          <AntiRobotCheck
            ref={robotRef}
            allowImage={settings.antiRobot === 'image'}
            challenge={challenge}
            onChallenge={setChallenge}
            answer={robotAnswer}
            onAnswer={setRobotAnswer}
            error={errors.robot}
            generation={generation}
          />
        ) : null}
        {failed ? <p className="submit-error" role="alert">{t('account.failed')}</p> : null}
        {busy ? (
          <div className="reading" role="status">
            <progress aria-label={t('account.securing')} value={progress} max={1} />
            <span>{t('account.securing')}</span>
          </div>
        ) : null}
        <div className="actions">
          <button type="button" className="button" onClick={onBack} disabled={busy}>{t('account.back')}</button>
          <button type="submit" className="button button--primary" disabled={busy}>{t('account.next')}</button>
        </div>
      </form>
    </section>
  );
}
