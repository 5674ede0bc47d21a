// The operator's screen, over the applicant flow (opened from Welcome only: use-operator-entry.ts).
// The session token lives in this component's state alone; logging out, closing, the session's idle
// time or a refused call end it and forget everything this screen showed.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { OperatorSession } from '../../shared/operator';
import { KioskError } from '../../shared/result';
import { api } from '../app/api';
import { useIdleTimer } from '../app/use-idle-timer';
import { IdleWarning } from '../app/IdleWarning';
import { useT } from '../i18n/i18n';
import { OperatorLogin } from './OperatorLogin';
import { Dashboard } from './Dashboard';
import type { Assist } from './AssistButton';

/** The screen logs out a little before the kiosk would, so the operator is never refused mid-click. */
const MARGIN_MS = 15_000;
const WARNING_MS = 30_000;

export function OperatorScreen({ onClose, onAssist }: { onClose: () => void; onAssist: (assist: Assist) => void }) {
  const t = useT();
  const [session, setSession] = useState<OperatorSession | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  /** The token to end, read outside React's updates (ending a session is a call to the host). */
  const live = useRef<OperatorSession | null>(null);

  const end = useCallback((message: string | null) => {
    const ending = live.current;
    live.current = null;
    if (ending) void api.operator.logout({ session: ending.session }).catch(() => undefined);
    setSession(null);
    setNotice(message);
  }, []);
  // Leaving the screen any way at all ends the session.
  useEffect(() => () => end(null), [end]);
  const close = (): void => {
    end(null);
    onClose();
  };
  const onSessionEnded = useCallback((error: unknown) => {
    end(error instanceof KioskError && error.code === 'operator-session' ? t('operator.sessionEnded') : t('operator.failed'));
  }, [end, t]);
  const idle = useIdleTimer(session !== null, (session?.idleSeconds ?? 300) * 1000 - MARGIN_MS, WARNING_MS, () => end(t('operator.sessionEnded')));

  return (
    <>
      <header className="header">
        <span className="header__title">{t('operator.header')}</span>
        {session ? <span>{t('operator.signedInAs', { name: session.displayName ?? session.username })}</span> : null}
        {session ? <button type="button" className="button" onClick={() => end(null)}>{t('operator.logout')}</button> : null}
        <button type="button" className="button" onClick={close}>{t('operator.backToKiosk')}</button>
      </header>
      <main className="main">
        {notice ? <p className="note" role="status">{notice}</p> : null}
        {session ? <Dashboard key={session.session} session={session} onSessionEnded={onSessionEnded} onAssist={(a) => { end(null); onAssist(a); }} /> : <OperatorLogin onLoggedIn={(s) => { live.current = s; setNotice(null); setSession(s); }} onClose={close} />}
      </main>
      <IdleWarning secondsLeft={idle.secondsLeft} onStay={idle.stillHere} />
    </>
  );
}
