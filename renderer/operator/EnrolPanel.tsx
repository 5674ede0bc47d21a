// Enrolling this kiosk with the central server from the operator screen (issue 14). Two ways:
// scanning the back office's enrolment QR (server, code and the fingerprint of the server's keys:
// the kiosk refuses a server with other keys), or typing the address and the code, after which the
// operator compares the fingerprint the server's keys give with the back office's screen before the
// kiosk keeps the link. Every refusal is told in words; nothing is saved unless enrolment succeeds.
import { useCallback, useState, type FormEvent } from 'react';
import type { EnrolState } from '../../shared/operator';
import { formatFingerprint, type EnrolmentQr } from '../../shared/enrolment-qr';
import { KioskError } from '../../shared/result';
import { api } from '../app/api';
import { hasMessage, useT } from '../i18n/i18n';
import { QrScanner } from './QrScanner';
import { codeProblem, serverUrlProblem } from './enrol-input';

type Mode = 'choose' | 'scan' | 'type';
type Pending = Extract<EnrolState, { state: 'confirm' }>;

interface Props {
  readonly session: string;
  /** Whether the kiosk is enrolled already: the panel then shows only what just happened, if anything. */
  readonly enrolled: boolean;
  readonly onEnrolled: () => void;
  readonly onSessionEnded: (error: unknown) => void;
}

export function EnrolPanel({ session, enrolled, onEnrolled, onSessionEnded }: Props) {
  const t = useT();
  const [mode, setMode] = useState<Mode>('choose');
  const [serverUrl, setServerUrl] = useState('');
  const [code, setCode] = useState('');
  const [pending, setPending] = useState<Pending | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const refused = useCallback((err: unknown): void => {
    if (err instanceof KioskError && err.code === 'operator-session') { onSessionEnded(err); return; }
    const key = `operator.enrol.error.${err instanceof KioskError ? err.code : 'enrol-failed'}`;
    setError(t(hasMessage(key) ? key : 'operator.enrol.error.enrol-failed'));
  }, [onSessionEnded, t]);

  const settle = useCallback((answer: EnrolState): void => {
    if (answer.state === 'confirm') { setPending(answer); return; }
    setPending(null);
    setMode('choose');
    setCode('');
    if (answer.state === 'enrolled') {
      setNotice(t('operator.enrol.enrolled', { server: answer.serverUrl }));
      onEnrolled();
    } else {
      setNotice(t('operator.enrol.discarded'));
    }
  }, [onEnrolled, t]);

  const enrol = useCallback(async (input: { serverUrl: string; code: string; fingerprint?: string }): Promise<void> => {
    setBusy(true);
    setError(null);
    setNotice(null);
    try {
      settle(await api.operator.enrol({ session, ...input }));
    } catch (err) {
      // A refused scan goes back to the choice: the operator scans again or types.
      setMode((m) => (m === 'scan' ? 'choose' : m));
      refused(err);
    } finally {
      setBusy(false);
    }
  }, [session, settle, refused]);

  const onScanned = useCallback((qr: EnrolmentQr) => { void enrol(qr); }, [enrol]);

  const submitTyped = (e: FormEvent): void => {
    e.preventDefault();
    const problem = serverUrlProblem(serverUrl) ?? codeProblem(code);
    if (problem) { setError(t(problem)); return; }
    void enrol({ serverUrl: serverUrl.trim(), code: code.trim().toUpperCase() });
  };

  const answer = async (accept: boolean): Promise<void> => {
    if (!pending) return;
    setBusy(true);
    setError(null);
    try {
      settle(await api.operator.confirmEnrol({ session, pendingId: pending.pendingId, accept }));
    } catch (err) {
      setPending(null);
      refused(err);
    } finally {
      setBusy(false);
    }
  };

  const status = notice ? <p className="note" role="status">{notice}</p> : null;
  if (enrolled) return status;
  return (
    <section className="enrol" aria-labelledby="enrol-title">
      <h2 id="enrol-title" className="section-title">{t('operator.enrol.title')}</h2>
      {status}
      {error ? <p className="field__error" role="alert">{error}</p> : null}
      {busy ? <p role="status">{t('operator.enrol.working')}</p> : null}
      {pending ? (
        <div className="enrol__confirm">
          <h3 id="enrol-confirm-title">{t('operator.enrol.confirmTitle')}</h3>
          <p>{t('operator.enrol.confirmHint', { server: pending.serverUrl })}</p>
          <p className="enrol__fingerprint operator__mono" aria-label={t('operator.enrol.fingerprint')}>{formatFingerprint(pending.fingerprint)}</p>
          <div className="actions actions--inline">
            {/* The safe answer has the focus: Enter alone never enrols. */}
            <button type="button" className="button" disabled={busy} autoFocus onClick={() => void answer(false)}>{t('operator.enrol.reject')}</button>
            <button type="button" className="button button--primary" disabled={busy} onClick={() => void answer(true)}>{t('operator.enrol.accept')}</button>
          </div>
        </div>
      ) : mode === 'scan' ? (
        <QrScanner onScanned={onScanned} onCancel={() => setMode('choose')} />
      ) : mode === 'type' ? (
        <form className="enrol__form" onSubmit={submitTyped} noValidate>
          <label className="field">
            <span className="field__label">{t('operator.enrol.serverUrl')}</span>
            <input className="field__input" type="url" inputMode="url" value={serverUrl} autoComplete="off" autoCapitalize="none" spellCheck={false}
              aria-describedby="enrol-url-hint" onChange={(e) => setServerUrl(e.target.value)} />
            <span id="enrol-url-hint" className="field__hint">{t('operator.enrol.serverUrlHint')}</span>
          </label>
          <label className="field">
            <span className="field__label">{t('operator.enrol.code')}</span>
            <input className="field__input operator__mono" value={code} autoComplete="off" autoCapitalize="characters" spellCheck={false}
              aria-describedby="enrol-code-hint" onChange={(e) => setCode(e.target.value)} />
            <span id="enrol-code-hint" className="field__hint">{t('operator.enrol.codeHint')}</span>
          </label>
          <div className="actions actions--inline">
            <button type="button" className="button" onClick={() => { setMode('choose'); setError(null); }}>{t('operator.enrol.cancel')}</button>
            <button type="submit" className="button button--primary" disabled={busy}>{t('operator.enrol.submit')}</button>
          </div>
        </form>
      ) : (
        <>
          <p>{t('operator.enrol.intro')}</p>
          <div className="actions actions--inline">
            <button type="button" className="button button--primary" disabled={busy} onClick={() => { setError(null); setMode('scan'); }}>{t('operator.enrol.scan')}</button>
            <button type="button" className="button" disabled={busy} onClick={() => { setError(null); setMode('type'); }}>{t('operator.enrol.type')}</button>
          </div>
        </>
      )}
    </section>
  );
}
