// The applicant's session: one reducer, so "wipe" is a single transition back to the initial state
// and nothing typed survives in a component that was not re-rendered.
import type { Identity, IdentityField } from '../../shared/identity/schema';
import type { KtpRecord } from '../../shared/ktp/ktp-record';
import type { NikWarning } from '../../shared/identity/warnings';
import type { Receipt } from '../../shared/submission';
import type { Profile } from '../../shared/profile';
import type { SelfieRecord } from '../../shared/face/selfie-record';
import type { AccountRecord } from '../../shared/account/account-record';
import type { Locale } from '../i18n/i18n';

export const STEPS = ['welcome', 'ktp', 'identity', 'selfie', 'account', 'review', 'done'] as const;
export type Step = (typeof STEPS)[number];
export type NumberedStep = Exclude<Step, 'welcome'>;

/** The steps a profile uses, in order: the selfie and account steps only when it configures them. */
export function stepsOf(profile: Pick<Profile, 'selfie' | 'account'>): readonly Step[] {
  return STEPS.filter((s) => (s !== 'selfie' || profile.selfie) && (s !== 'account' || profile.account));
}

/** Steps the applicant sees numbered (Langkah 1…n), as SSCASN numbers its pages. */
export function numberedSteps(steps: readonly Step[]): NumberedStep[] {
  return steps.filter((s): s is NumberedStep => s !== 'welcome');
}

/** What the applicant typed, kept as typed so "Kembali" shows it unchanged. */
export type IdentityDraft = Record<string, string>;

export interface FlowState {
  /** The profile's steps (stepsOf), fixed for the kiosk's lifetime. */
  readonly steps: readonly Step[];
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
  readonly selfie: SelfieRecord | null;
  /** The advisory KTP comparison, still running in the background after the selfie was saved. */
  readonly selfieMatch: Promise<SelfieRecord['match']> | null;
  /** Hashes only: the plaintext password and answers never leave the account step. */
  readonly account: AccountRecord | null;
  /** The anti-robot pass earned in the account step, spent by the submission. */
  readonly antiRobotPass: string | null;
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
  | { type: 'selfie-done'; selfie: SelfieRecord; match: Promise<SelfieRecord['match']> }
  | { type: 'account-done'; account: AccountRecord; antiRobotPass: string | null }
  /** The anti-robot pass was refused at submission (expired): the account step asks again. */
  | { type: 'pass-refused' }
  | { type: 'back' }
  | { type: 'submitted'; receipt: Receipt }
  | { type: 'wipe' };

export function initialFlow(steps: readonly Step[] = STEPS, session = 0): FlowState {
  return {
    steps, step: 'welcome', locale: 'id', consent: false, draft: {}, uncertain: [], ktp: null, identity: null,
    acknowledgedWarnings: [], selfie: null, selfieMatch: null, account: null, antiRobotPass: null, submissionId: null, receipt: null, session,
  };
}

function after(state: FlowState, step: Step): Step {
  return state.steps[state.steps.indexOf(step) + 1] ?? 'review';
}

/** Going back never leaves the steps with data entry (identity → review); KTP and Welcome are behind. */
function before(state: FlowState): Step {
  const previous = state.steps[state.steps.indexOf(state.step) - 1];
  return previous === undefined || previous === 'ktp' || previous === 'welcome' ? state.step : previous;
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
        ...state, step: after(state, 'identity'), draft: action.draft, identity: action.identity, uncertain: [],
        acknowledgedWarnings: action.acknowledgedWarnings,
        // Editing after Review is a new submission only if nothing was queued yet: same id is fine.
        submissionId: state.submissionId ?? action.submissionId,
      };
    case 'selfie-done':
      return state.step === 'selfie' ? { ...state, step: after(state, 'selfie'), selfie: action.selfie, selfieMatch: action.match } : state;
    case 'account-done':
      return state.step === 'account' ? { ...state, step: 'review', account: action.account, antiRobotPass: action.antiRobotPass } : state;
    case 'pass-refused':
      return state.steps.includes('account') ? { ...state, step: 'account', antiRobotPass: null } : state;
    case 'back':
      return { ...state, step: before(state) };
    case 'submitted':
      // The queued data is no longer needed on screen: only the receipt stays.
      return { ...initialFlow(state.steps, state.session), locale: state.locale, consent: true, step: 'done', receipt: action.receipt };
    case 'wipe':
      return initialFlow(state.steps, state.session + 1);
  }
}

export function hasApplicantData(state: FlowState): boolean {
  return state.step !== 'welcome' || state.consent;
}
