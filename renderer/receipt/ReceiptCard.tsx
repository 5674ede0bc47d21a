// The printed receipt (Kartu Informasi Akun / Bukti Pendaftaran). Rendered into <body> beside the
// app, laid out off screen (so an 80 mm roll's page can follow its height, roll-page.ts); the print
// stylesheet hides everything else and sizes the page for the kiosk's paper, so both hosts print
// exactly this: Electron silently, the browser by its dialog.
// Personal data on it: the name and the masked NIK (or masked unique value), nothing more.
import { useRef } from 'react';
import { createPortal } from 'react-dom';
import type { Profile } from '../../shared/profile';
import type { Receipt } from '../../shared/submission';
import type { ReceiptPaper } from '../../shared/settings';
import { useLocale, useT } from '../i18n/i18n';
import { QrCode } from './QrCode';
import { useRollPage } from './roll-page';
import './print.css';

export interface ReceiptCardProps {
  readonly profile: Profile;
  readonly receipt: Receipt;
  readonly paper: ReceiptPaper;
  /** The registration number once the server has issued it. */
  readonly registrationNumber: string | undefined;
  /** Otherwise what happens next, in the profile's or the kiosk's words. */
  readonly nextText: string | undefined;
  /** Refused or stuck: the profile's login address and next steps would mislead, so they are left out. */
  readonly problem: boolean;
}

export function ReceiptCard({ profile, receipt, paper, registrationNumber, nextText, problem }: ReceiptCardProps) {
  const t = useT();
  const locale = useLocale();
  const article = useRef<HTMLElement>(null);
  useRollPage(article, paper);
  const card = receipt.card;
  const maskedLabel = card?.masked ? profile.fields.find((f) => f.name === card.masked?.field)?.label[locale] : undefined;
  const issued = new Intl.DateTimeFormat(locale === 'id' ? 'id-ID' : 'en-GB', { dateStyle: 'long', timeStyle: 'short' }).format(new Date(receipt.createdAt));
  const rows: [string, string][] = [
    ...(card?.name ? [[t('receipt.name'), card.name] as [string, string]] : []),
    ...(card?.masked && maskedLabel ? [[maskedLabel, card.masked.value] as [string, string]] : []),
    [t('receipt.issuedAt'), issued],
    ...(card ? [[t('receipt.kioskId'), card.deviceId] as [string, string]] : []),
  ];
  const steps = problem ? [] : profile.receipt?.nextSteps ?? [];
  const loginUrl = problem ? undefined : profile.receipt?.loginUrl;
  return createPortal(
    <article ref={article} className={`print-card print-card--${paper}`}>
      <header className="print-card__head">
        <p className="print-card__profile">{profile.title[locale]}</p>
        {/* A refused or stuck registration is not an account card: the card says it is a receipt to show staff. */}
        <h2 className="print-card__title">{problem ? t('receipt.problemTitle') : profile.receipt?.title[locale] ?? t('receipt.defaultTitle')}</h2>
      </header>
      <section className="print-card__keep">
        <p className="print-card__label">{t('receipt.numberLabel')}</p>
        <p className="print-card__number">{receipt.receiptNumber}</p>
        <p className="print-card__keep-note">{t('receipt.keepNumber')}</p>
      </section>
      <dl className="print-card__facts">
        {rows.map(([term, value]) => (
          <div key={term} className="print-card__fact"><dt>{term}</dt><dd>{value}</dd></div>
        ))}
        {registrationNumber ? <div className="print-card__fact"><dt>{t('receipt.registrationNumber')}</dt><dd>{registrationNumber}</dd></div> : null}
      </dl>
      {nextText ? <p className="print-card__next">{nextText}</p> : null}
      {loginUrl ? <p className="print-card__login">{t('receipt.login')}: <strong>{loginUrl}</strong></p> : null}
      {steps.length > 0 ? (
        <section>
          <p className="print-card__label">{t('receipt.nextSteps')}</p>
          <ol className="print-card__steps">{steps.map((s) => <li key={s.id}>{s[locale]}</li>)}</ol>
        </section>
      ) : null}
      {card ? (
        <footer className="print-card__foot">
          <QrCode text={card.qr} label={t('receipt.qrLabel')} />
          <p className="print-card__qr-note">{t('receipt.qrNote')}</p>
        </footer>
      ) : null}
    </article>,
    document.body,
  );
}
