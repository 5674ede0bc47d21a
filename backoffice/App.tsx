// The back office shell: login, then the queue or one record. The session lives in an HttpOnly
// cookie; this page keeps only the CSRF token and who is signed in. Nothing of a record is kept
// after leaving it, and the whole page forgets everything on logout or after the session's idle time.
import { useCallback, useEffect, useState } from 'react';
import type { StaffSession } from '../shared/staff';
import { ApiError, call, setCsrf } from './api';
import { LocaleContext } from './i18n/use-t';
import { translate, type Locale } from './i18n/i18n';
import { LoginPage } from './pages/LoginPage';
import { QueuePage } from './pages/QueuePage';
import { RecordPage } from './pages/RecordPage';
import { useIdleLogout } from './use-idle-logout';
import { focusHeading } from './focus-heading';
import { StaffPage } from './pages/StaffPage';
import { AuditPage } from './pages/AuditPage';
import { OutboxPage } from './pages/OutboxPage';
import { AccountPage } from './pages/AccountPage';
import { KiosksPage } from './pages/KiosksPage';
import { OperatorsPage } from './pages/OperatorsPage';

type Place = { page: 'queue' | 'staff' | 'audit' | 'account' | 'kiosks' | 'operators' | 'outbox' } | { page: 'record'; deviceId: string; recordId: string };

/** The pages each role may open (the server checks the same on every request). */
const PAGES: Readonly<Record<StaffSession['role'], readonly ('queue' | 'staff' | 'audit' | 'account' | 'kiosks' | 'operators' | 'outbox')[]>> = {
  reviewer: ['queue', 'account'], auditor: ['audit', 'account'], admin: ['queue', 'staff', 'kiosks', 'operators', 'outbox', 'audit', 'account'],
};

export function App() {
  const [locale, setLocale] = useState<Locale>('id');
  const [session, setSession] = useState<StaffSession | null | 'checking'>('checking');
  const [place, setPlace] = useState<Place>({ page: 'queue' });
  const [notice, setNotice] = useState<string | null>(null);
  const t = (key: Parameters<typeof translate>[1], vars?: Record<string, string | number>) => translate(locale, key, vars);

  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);
  // A new page starts at its heading, for keyboard and screen-reader users (a record's page, whose
  // heading comes with its data, does the same when it has loaded).
  const signedIn = session !== null && session !== 'checking';
  useEffect(() => { focusHeading(); }, [place, signedIn]);

  useEffect(() => {
    call<StaffSession>('GET', '/session').then((s) => { setCsrf(s.csrfToken); setSession(s); setPlace({ page: PAGES[s.role][0] ?? 'queue' }); }, () => setSession(null));
  }, []);

  const signOut = useCallback((message: string | null) => {
    setCsrf('');
    setSession(null);
    setPlace({ page: 'queue' });
    setNotice(message);
  }, []);
  const onApiError = useCallback((error: unknown) => {
    if (error instanceof ApiError && error.status === 401) signOut(error.message);
  }, [signOut]);

  useIdleLogout(session !== null && session !== 'checking' ? session.idleSeconds : null, () => {
    void call('POST', '/logout').catch(() => undefined);
    signOut(translate(locale, 'app.idle'));
  });

  if (session === 'checking') return null;
  return (
    <LocaleContext.Provider value={locale}>
      <header className="bo-header">
        <span className="bo-header__title">{t('app.title')}</span>
        {session ? <span>{t('app.signedInAs', { username: session.username, role: session.role })}</span> : null}
        <button type="button" className="bo-button" lang={locale === 'id' ? 'en' : 'id'} onClick={() => setLocale(locale === 'id' ? 'en' : 'id')}>
          {locale === 'id' ? 'English' : 'Bahasa Indonesia'}
        </button>
        {session ? (
          <>
            <button type="button" className="bo-button" onClick={() => void call('POST', '/logout').finally(() => signOut(null))}>{t('app.logout')}</button>
            <button type="button" className="bo-button" onClick={() => void call('POST', '/logout-everywhere').finally(() => signOut(null))}>{t('app.logoutEverywhere')}</button>
          </>
        ) : null}
      </header>
      {session && PAGES[session.role].length > 1 ? (
        <nav className="bo-nav" aria-label={t('app.title')}>
          {PAGES[session.role].map((p) => (
            <button key={p} type="button" className="bo-button" aria-current={place.page === p ? 'page' : undefined} onClick={() => setPlace({ page: p })}>{t(`nav.${p}`)}</button>
          ))}
        </nav>
      ) : null}
      <main className="bo-main">
        {notice ? <p className="bo-notice" role="status">{notice}</p> : null}
        {!session ? (
          <LoginPage onLoggedIn={(s) => { setCsrf(s.csrfToken); setNotice(null); setSession(s); setPlace({ page: PAGES[s.role][0] ?? 'queue' }); }} />
        ) : place.page === 'record' ? (
          <RecordPage key={place.recordId} deviceId={place.deviceId} recordId={place.recordId} canReopen={session.role === 'admin'} onBack={() => setPlace({ page: 'queue' })} onApiError={onApiError} />
        ) : place.page === 'account' ? (
          <AccountPage username={session.username} onApiError={onApiError} />
        ) : place.page === 'kiosks' ? (
          <KiosksPage onApiError={onApiError} />
        ) : place.page === 'operators' ? (
          <OperatorsPage onApiError={onApiError} />
        ) : place.page === 'outbox' ? (
          <OutboxPage onApiError={onApiError} />
        ) : place.page === 'staff' ? (
          <StaffPage onApiError={onApiError} />
        ) : place.page === 'audit' || session.role === 'auditor' ? (
          <AuditPage onApiError={onApiError} />
        ) : (
          <QueuePage onOpen={(deviceId, recordId) => setPlace({ page: 'record', deviceId, recordId })} onApiError={onApiError} />
        )}
      </main>
    </LocaleContext.Provider>
  );
}
