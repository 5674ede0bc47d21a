// The decision on a record still awaiting review: approve (the number is issued by the profile's
// numbering) or reject with one of the profile's reasons and a note. Both name the revision the
// reviewer saw; if someone else decided (or an admin reopened) first, the server says so and refuses.
import { useContext, useState } from 'react';
import type { OpenedRecord } from '../../shared/review';
import { call } from '../api';
import { useAction } from '../use-action';
import { LocaleContext, useT } from '../i18n/use-t';

type After = Pick<OpenedRecord['registration'], 'state' | 'registrationNumber' | 'decisionReason' | 'decidedAt' | 'revision'>;

export function Decision({ path, revision, reasons, onDecided, onApiError }: {
  path: string; revision: number; reasons: OpenedRecord['rejectReasons']; onDecided: (after: After) => void; onApiError: (e: unknown) => void;
}) {
  const t = useT();
  const locale = useContext(LocaleContext);
  const [reason, setReason] = useState(reasons[0]?.code ?? '');
  const [note, setNote] = useState('');
  const { busy, error, run } = useAction(onApiError);
  /** Decisions are final: each asks once more before it is sent. */
  const [confirming, setConfirming] = useState<'approve' | 'reject' | null>(null);

  const decide = async (action: 'approve' | 'reject'): Promise<void> => {
    setConfirming(null);
    await run(async () => {
      const body = action === 'approve' ? { seenRevision: revision } : { seenRevision: revision, reason, ...(note.trim() ? { note: note.trim() } : {}) };
      onDecided(await call<After>('POST', `${path}/${action}`, body));
    });
  };

  if (confirming) {
    return (
      <section className="bo-card" role="group" aria-labelledby="confirm-text">
        <p id="confirm-text"><strong>{t(confirming === 'approve' ? 'record.confirmApproveText' : 'record.confirmRejectText')}</strong></p>
        <div className="bo-inline">
          <button type="button" className={`bo-button ${confirming === 'approve' ? 'bo-button--primary' : 'bo-button--danger'}`} disabled={busy}
            onClick={() => void decide(confirming)}>{t(confirming === 'approve' ? 'record.yesApprove' : 'record.yesReject')}</button>
          <button type="button" className="bo-button" onClick={() => setConfirming(null)}>{t('record.cancel')}</button>
        </div>
      </section>
    );
  }

  return (
    <section className="bo-card" aria-label={t('record.decision')}>
      <button type="button" className="bo-button bo-button--primary" disabled={busy} onClick={() => setConfirming('approve')}>{t('record.approve')}</button>
      <div className="bo-form">
        <label className="bo-field">
          <span>{t('record.reason')}</span>
          <select value={reason} onChange={(e) => setReason(e.target.value)}>
            {reasons.map((r) => <option key={r.code} value={r.code}>{r.label[locale]}</option>)}
          </select>
        </label>
        <label className="bo-field">
          <span>{t('record.note')}</span>
          <textarea value={note} maxLength={500} onChange={(e) => setNote(e.target.value)} />
        </label>
        <button type="button" className="bo-button bo-button--danger" disabled={busy} onClick={() => setConfirming('reject')}>{t('record.confirmReject')}</button>
      </div>
      {error ? <p className="bo-error" role="alert">{error}</p> : null}
    </section>
  );
}
