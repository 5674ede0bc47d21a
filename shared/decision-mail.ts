// The e-mail an applicant gets when staff decide their registration: the profile's templates (its
// optional `emails` block, or the defaults here), in the language the applicant used at the kiosk,
// filled with their name, the Nomor Registrasi or the reason and the reviewer's note. Placeholders
// are checked when the profile loads, so a typo stops the server instead of reaching an applicant.
import { z } from 'zod';
import type { LocalisedText } from './fields/definitions';

type Locale = keyof LocalisedText;

/** What each kind of mail may say about the decision, besides {nama} (the applicant) and {profil} / {situs} (the profile's title, its login site). */
const PLACEHOLDERS = {
  approved: ['nama', 'profil', 'situs', 'nomor'],
  rejected: ['nama', 'profil', 'situs', 'alasan', 'catatan'],
} as const;
export type MailKind = keyof typeof PLACEHOLDERS;

const Text = (kind: MailKind) => z.string().min(1).max(4000).superRefine((text, ctx) => {
  for (const [, name] of text.matchAll(/\{([^{}]*)\}/g)) {
    if (!(PLACEHOLDERS[kind] as readonly string[]).includes(name ?? '')) {
      ctx.addIssue({ code: 'custom', message: `{${name ?? ''}} is not a placeholder of this mail (${PLACEHOLDERS[kind].map((p) => `{${p}}`).join(' ')})` });
    }
  }
});
const Localised = (kind: MailKind) => z.object({ id: Text(kind), en: Text(kind) }).strict();
const Template = (kind: MailKind) => z.object({ subject: Localised(kind), body: Localised(kind) }).strict()
  .refine((t) => !/[\r\n]/.test(t.subject.id + t.subject.en), { message: 'a subject is one line' });

export const ProfileEmailsSchema = z.object({ approved: Template('approved').optional(), rejected: Template('rejected').optional() }).strict();
export type ProfileEmails = z.infer<typeof ProfileEmailsSchema>;
type MailTemplate = { subject: LocalisedText; body: LocalisedText };

export const DEFAULT_EMAILS: Record<MailKind, MailTemplate> = {
  approved: {
    subject: { id: '{profil}: Nomor Registrasi Anda {nomor}', en: '{profil}: your registration number {nomor}' },
    body: {
      id: 'Yth. {nama},\n\nPendaftaran Anda telah diverifikasi dan diterima.\n\nNomor Registrasi: {nomor}\n\nSimpan email ini; sebutkan nomor tersebut setiap kali menghubungi kami.',
      en: 'Dear {nama},\n\nYour registration has been verified and accepted.\n\nRegistration number: {nomor}\n\nKeep this e-mail and quote the number whenever you contact us.',
    },
  },
  rejected: {
    subject: { id: '{profil}: pendaftaran Anda belum dapat diterima', en: '{profil}: your registration could not be accepted' },
    body: {
      id: 'Yth. {nama},\n\nMohon maaf, pendaftaran Anda belum dapat kami terima.\n\nAlasan: {alasan}\nCatatan petugas: {catatan}\n\nSilakan perbaiki data atau dokumen tersebut, lalu daftar kembali di kiosk.',
      en: 'Dear {nama},\n\nWe are sorry: your registration could not be accepted.\n\nReason: {alasan}\nNote from our staff: {catatan}\n\nPlease correct the data or documents concerned, then register again at a kiosk.',
    },
  },
};

export type Decision =
  | { readonly kind: 'approved'; readonly registrationNumber: string }
  | { readonly kind: 'rejected'; readonly reason: LocalisedText; readonly note: string | null };

export interface MailContext {
  readonly emails?: ProfileEmails | undefined;
  readonly title: LocalisedText;
  readonly loginUrl?: string | undefined;
  readonly locale: Locale;
  readonly name: string;
}

export interface ComposedMail {
  readonly subject: string;
  readonly text: string;
}

/** Replaces each placeholder once, from the values given; a value is never scanned for placeholders again. */
function fill(text: string, values: Readonly<Record<string, string>>): string {
  return text.replace(/\{([a-z]+)\}/g, (whole, name: string) => values[name] ?? whole);
}

export function composeDecisionMail(ctx: MailContext, decision: Decision): ComposedMail {
  const template = ctx.emails?.[decision.kind] ?? DEFAULT_EMAILS[decision.kind];
  const common = { nama: ctx.name, profil: ctx.title[ctx.locale], situs: ctx.loginUrl ?? '' };
  const values: Record<string, string> = decision.kind === 'approved'
    ? { ...common, nomor: decision.registrationNumber }
    : { ...common, alasan: decision.reason[ctx.locale], catatan: decision.note?.trim() || '-' };
  return {
    // One line whatever a value holds: a header cannot be split by a name or a title.
    subject: fill(template.subject[ctx.locale], values).replace(/[\r\n]+/g, ' '),
    text: fill(template.body[ctx.locale], values),
  };
}
