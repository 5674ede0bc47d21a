// The applicant's session: one reducer, so "wipe" is a single transition back to the initial state
// and nothing typed survives in a component that was not re-rendered.
import type { Identity, IdentityField } from '../../shared/identity/schema';
import type { KtpRecord } from '../../shared/ktp/ktp-record';
import type { NikWarning } from '../../shared/identity/warnings';
import type { Receipt } from '../../shared/submission';
import type { Locale } from '../i18n/i18n';

export const STEPS = ['welcome', 'ktp', 'identity', 'review', 'done'] as const;
export type Step = (typeof STEPS)[number];
/** Steps the applicant sees numbered (Langkah 1…n), as SSCASN numbers its pages. */
export const NUMBERED_STEPS = STEPS.filter((s): s is Exclude<Step, 'welcome'> => s !== 'welcome');
export type NumberedStep = (typeof NUMBERED_STEPS)[number];

/** What the applicant typed, kept as typed so "Kembali" shows it unchanged. */
export type IdentityDraft = Record<string, string>;

export interface FlowState {
  readonly step: Step;
  readonly locale: Locale;
  readonly consent: boolean;
  readonly draft: IdentityDraft;
  /** Fields prefilled from the KTP scan that the applicant must confirm. */
  readonly uncertain: readonly IdentityField[];
  /** The scan (card image + reading) that goes into the queue with the record. */
  readonly ktp: KtpRecord | null;
  /** Normalised values (shared/ schema output), what Review shows and the queue receives. */
  readonly identity: Identity | null;
  readonly acknowledgedWarnings: readonly NikWarning[];
  /** Created on entering Review: a double tap or a retry re-sends the same id and queues once. */
  readonly submissionId: string | null;
  readonly receipt: Receipt | null;
  /** Bumped on every wipe: the step tree is keyed on it, so every input remounts empty. */
  readonly session: number;
}

export type FlowAction =
  | { type: 'set-locale'; locale: Locale }
  | { type: 'set-consent'; consent: boolean }
  | { type: 'start' }
  | { type: 'ktp-done'; prefill: IdentityDraft; uncertain: IdentityField[]; ktp: KtpRecord }
  | { type: 'ktp-skip' }
  | { type: 'identity-done'; draft: IdentityDraft; identity: Identity; acknowledgedWarnings: NikWarning[]; submissionId: string }
  | { type: 'back-to-identity' }
  | { type: 'submitted'; receipt: Receipt }
  | { type: 'wipe' };

export function initialFlow(session = 0): FlowState {
  return {
    step: 'welcome', locale: 'id', consent: false, draft: {}, uncertain: [], ktp: null, identity: null,
    acknowledgedWarnings: [], submissionId: null, receipt: null, session,
  };
}

export function flowReducer(state: FlowState, action: FlowAction): FlowState {
  switch (action.type) {
    case 'set-locale':
      return { ...state, locale: action.locale };
    case 'set-consent':
      return { ...state, consent: action.consent };
    case 'start':
      return state.consent ? { ...state, step: 'ktp' } : state;
    case 'ktp-done':
      return { ...state, step: 'identity', draft: { ...state.draft, ...action.prefill }, uncertain: action.uncertain, ktp: action.ktp };
    case 'ktp-skip':
      return { ...state, step: 'identity', uncertain: [], ktp: null };
    case 'identity-done':
      return {
        ...state, step: 'review', draft: action.draft, identity: action.identity, uncertain: [],
        acknowledgedWarnings: action.acknowledgedWarnings,
        // Editing after Review is a new submission only if nothing was queued yet: same id is fine.
        submissionId: state.submissionId ?? action.submissionId,
      };
    case 'back-to-identity':
      return state.step === 'review' ? { ...state, step: 'identity' } : state;
    case 'submitted':
      // The queued data is no longer needed on screen: only the receipt stays.
      return { ...initialFlow(state.session), locale: state.locale, consent: true, step: 'done', receipt: action.receipt };
    case 'wipe':
      return initialFlow(state.session + 1);
  }
}

export function hasApplicantData(state: FlowState): boolean {
  return state.step !== 'welcome' || state.consent;
}
