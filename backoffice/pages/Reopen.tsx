// An admin reopens a rejection so that it can be decided again (the new decision sends its own
// e-mail). Why is chosen from a short list — the audit trail never holds free text about an
// applicant — and the reopening asks once more, like every decision.
import { useState } from 'react';
import { REOPEN_REASONS, type OpenedRecord } from '../../shared/review';
import { call } from '../api';
import { useAction } from '../use-action';
import { useT } from '../i18n/use-t';

type After = OpenedRecord['registration'];

export function Reopen({ path, revision, onReopened, onApiError }: {
  path: string; revision: number; onReopened: (after: Partial<After>) => void; onApiError: (e: unknown) => void;
}) {
  const t = useT();
  const [why, setWhy] = useState<(typeof REOPEN_REASONS)[number]>(REOPEN_REASONS[0]);
  const [confirming, setConfirming] = useState(false);
  const { busy, error, run } = useAction(onApiError);

  const reopen = async (): Promise<void> => {
    await run(async () => onReopened(await call<Partial<After>>('POST', `${path}/reopen`, { seenRevision: revision, why })));
    setConfirming(false);
  };

  return (
    <section className="bo-card" aria-labelledby="reopen-title">
      <h2 id="reopen-title">{t('reopen.title')}</h2>
      {confirming ? (
        <div role="group" aria-labelledby="reopen-confirm">
          <p id="reopen-confirm"><strong>{t('reopen.confirmText')}</strong></p>
          <div className="bo-inline">
            <button type="button" className="bo-button bo-button--primary" disabled={busy} onClick={() => void reopen()}>{t('reopen.yes')}</button>
            <button type="button" className="bo-button" onClick={() => setConfirming(false)}>{t('record.cancel')}</button>
          </div>
        </div>
      ) : (
        <div className="bo-form">
          <label className="bo-field">
            <span>{t('reopen.why')}</span>
            <select value={why} onChange={(e) => setWhy(e.target.value as typeof why)}>
              {REOPEN_REASONS.map((r) => <option key={r} value={r}>{t(`reopen.${r}`)}</option>)}
            </select>
          </label>
          <button type="button" className="bo-button" onClick={() => setConfirming(true)}>{t('reopen.submit')}</button>
        </div>
      )}
      {error ? <p className="bo-error" role="alert">{error}</p> : null}
    </section>
  );
}
