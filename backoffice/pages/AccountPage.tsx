// "Akun saya" (every role): the signed-in member's own second factor. Turning it on shows a new
// secret once (a QR code and the key in groups of four for typing) and takes effect only when a code
// from the app confirms it; turning it off asks for a code too. The secret is kept in this page's
// memory only while it is shown.
import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import { TOTP_PATHS, TotpBeginSchema, TotpStatusSchema, type TotpBegin, type TotpStatus } from '../../shared/staff-totp';
import { call } from '../api';
import { useT } from '../i18n/use-t';
import { CodeField } from './CodeField';

/** "ABCD EFGH …": easier to read off the screen and type into a phone. */
const inFours = (secret: string): string => secret.replace(/(.{4})(?=.)/g, '$1 ');

export function AccountPage({ username, onApiError }: { username: string; onApiError: (e: unknown) => void }) {
  const t = useT();
  const [status, setStatus] = useState<TotpStatus | null>(null);
  const [setup, setSetup] = useState<TotpBegin | null>(null);
  const [code, setCode] = useState('');
  const [message, setMessage] = useState<{ error: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  // The button pressed goes away with each step: the focus moves to what replaced it.
  const totpHeading = useRef<HTMLHeadingElement>(null);
  const setupHeading = useRef<HTMLHeadingElement>(null);
  useEffect(() => { if (setup) setupHeading.current?.focus(); }, [setup]);

  const load = useCallback(() => {
    call<unknown>('GET', TOTP_PATHS.status).then((body) => setStatus(TotpStatusSchema.parse(body)), onApiError);
  }, [onApiError]);
  useEffect(load, [load]);

  /** Runs one request; its refusal is said in the server's words (a 401 also signs out). */
  const act = async (request: () => Promise<void>): Promise<void> => {
    setMessage(null);
    setBusy(true);
    try {
      await request();
    } catch (err) {
      setMessage({ error: true, text: (err as Error).message });
      onApiError(err);
    } finally {
      setBusy(false);
      setCode('');
    }
  };

  const begin = () => act(async () => {
    setSetup(TotpBeginSchema.parse(await call<unknown>('POST', TOTP_PATHS.begin)));
  });

  const submitCode = (path: string, done: string) => (e: FormEvent): void => {
    e.preventDefault();
    if (!/^\d{6}$/.test(code)) { setMessage({ error: true, text: t('account.codeFormat') }); return; }
    void act(async () => {
      await call('POST', path, { code });
      setSetup(null);
      setMessage({ error: false, text: done });
      load();
      totpHeading.current?.focus();
    });
  };

  return (
    <section aria-labelledby="account-title">
      <h1 id="account-title">{t('account.title')}</h1>
      <h2 ref={totpHeading} tabIndex={-1}>{t('account.totpTitle')}</h2>
      {message ? <p className={message.error ? 'bo-error' : 'bo-notice'} role={message.error ? 'alert' : 'status'}>{message.text}</p> : null}
      {status === null ? null : status.enabled ? (
        <>
          <p>{t('account.totpIsOn')}</p>
          <form className="bo-card bo-form" onSubmit={submitCode(TOTP_PATHS.disable, t('account.disabled'))} noValidate aria-labelledby="account-disable">
            <h3 id="account-disable">{t('account.disableTitle')}</h3>
            <CodeField id="account-disable-code" label={t('account.code')} hint={t('account.disableHint')} value={code} onChange={setCode} />
            <button type="submit" className="bo-button bo-button--danger" disabled={busy}>{t('account.disable')}</button>
          </form>
        </>
      ) : setup ? (
        <form className="bo-card bo-form" onSubmit={submitCode(TOTP_PATHS.confirm, t('account.enabled'))} noValidate aria-labelledby="account-setup">
          <h3 id="account-setup" ref={setupHeading} tabIndex={-1}>{t('account.begin')}</h3>
          <p>{t('account.scan')}</p>
          <img src={setup.qr} alt={t('account.qrAlt', { username })} width={240} height={240} />
          <p>{t('account.manual')}</p>
          <dl><dt>{t('account.secretLabel')}</dt><dd><code>{inFours(setup.secret)}</code></dd></dl>
          <p className="bo-muted">{t('account.keepSecret')}</p>
          <p>{t('account.typeCode')}</p>
          <CodeField id="account-confirm-code" label={t('account.code')} hint={t('account.codeHint')} value={code} onChange={setCode} />
          <div className="bo-inline">
            <button type="submit" className="bo-button bo-button--primary" disabled={busy}>{t('account.confirm')}</button>
            <button type="button" className="bo-button" onClick={() => { setSetup(null); setMessage(null); totpHeading.current?.focus(); }}>{t('account.cancel')}</button>
          </div>
        </form>
      ) : (
        <>
          <p>{t('account.totpIsOff')}</p>
          <button type="button" className="bo-button bo-button--primary" disabled={busy} onClick={() => void begin()}>{t('account.begin')}</button>
        </>
      )}
    </section>
  );
}
