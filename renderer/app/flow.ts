// The applicant's session: one reducer, so "wipe" is a single transition back to the initial state
// and nothing typed survives in a component that was not re-rendered. The steps come from the
// profile; every step finishes with one 'complete' action carrying what it collected.
import type { KtpRecord } from '../../shared/ktp/ktp-record';
import type { NikWarning } from '../../shared/identity/warnings';
import type { Receipt } from '../../shared/submission';
import { antiRobotSteps, type Profile, type ProfileStep } from '../../shared/profile';
import type { SelfieRecord } from '../../shared/face/selfie-record';
import type { AccountRecord } from '../../shared/account/account-record';
import type { DirectoryPerson } from '../../shared/sync/directory';
import type { Locale } from '../i18n/i18n';

/** The fixed steps around the profile's own. */
export type FixedStep = 'welcome' | 'review' | 'done';

/** What the applicant typed, kept as typed so "Kembali" shows it unchanged. */
export type Draft = Readonly<Record<string, string>>;

export interface Verification {
  readonly person: DirectoryPerson;
  readonly assertion: string;
}

/** Everything the steps collect; each step completes with a part of it. */
export interface Collected {
  readonly draft: Draft;
  /** Fields prefilled from the KTP scan that the applicant must confirm. */
  readonly uncertain: readonly string[];
  /** The scan (card image + reading) that goes into the queue with the record. */
  readonly ktp: KtpRecord | null;
  readonly acknowledgedWarnings: readonly NikWarning[];
  readonly selfie: SelfieRecord | null;
  /** The advisory KTP comparison, still running in the background after the selfie was saved. */
  readonly selfieMatch: Promise<SelfieRecord['match']> | null;
  /** Hashes only: the plaintext password and answers never leave the account step. */
  readonly account: AccountRecord | null;
  /** The pass of the latest anti-robot check, spent by the submission. */
  readonly antiRobotPass: string | null;
  /** Pages whose check was passed in this visit: coming back to them does not ask again. */
  readonly robotCleared: readonly string[];
  /** The directory account the central server verified (campus SSO). */
  readonly verification: Verification | null;
}

export interface FlowState extends Collected {
  /** welcome, the profile's step ids, review, done: fixed for the kiosk's lifetime. */
  readonly steps: readonly string[];
  readonly step: string;
  readonly locale: Locale;
  readonly consent: boolean;
  /** "Ubah" on Review: the step being corrected goes straight back to Review when done. */
  readonly returnToReview: boolean;
  /** Created on leaving the last data step: a double tap or a retry re-sends the same id and queues once. */
  readonly submissionId: string | null;
  readonly receipt: Receipt | null;
  /** Bumped on every wipe: the step tree is keyed on it, so every input remounts empty. */
  readonly session: number;
}

export type FlowAction =
  | { type: 'set-locale'; locale: Locale }
  | { type: 'set-consent'; consent: boolean }
  | { type: 'start' }
  /** The current step is done: merge what it collected (draft values merge key by key) and go on. */
  | { type: 'complete'; step: string; collected: Partial<Collected>; submissionId: string }
  /** The anti-robot pass was refused at submission (expired): the last page with a check asks again. */
  | { type: 'pass-refused' }
  /** The account verification expired before submission: verify again, everything else kept. */
  | { type: 'reverify' }
  /** "Ubah" on Review: correct one step, then back to Review. */
  | { type: 'edit'; step: string }
  /** Another step on purpose (rescan the KTP from Data Identitas): the flow goes on from there. */
  | { type: 'goto'; step: string }
  | { type: 'back' }
  | { type: 'submitted'; receipt: Receipt }
  | { type: 'wipe' };

/** Steps one cannot go back into: a gate already answered, a scan, a verification already done. */
const BEHIND: ReadonlySet<ProfileStep['type']> = new Set(['gate', 'ktp-scan', 'verify-account']);

export function stepsOf(profile: Pick<Profile, 'steps'>): string[] {
  return ['welcome', ...profile.steps.map((s) => s.id), 'review', 'done'];
}

export interface FlowRules {
  /** Step ids one may go back to (data-entry steps). */
  readonly revisit: ReadonlySet<string>;
  /** The last page with an anti-robot check: where an expired pass sends the applicant. */
  readonly robotStep: string | null;
  /** The account verification page, if any: where an expired verification sends the applicant. */
  readonly verifyStep: string | null;
}

export function flowRules(profile: Pick<Profile, 'steps'>): FlowRules {
  return {
    revisit: new Set(profile.steps.filter((s) => !BEHIND.has(s.type)).map((s) => s.id)),
    robotStep: antiRobotSteps(profile).at(-1) ?? null,
    verifyStep: profile.steps.find((s) => s.type === 'verify-account')?.id ?? null,
  };
}

const EMPTY: Collected = {
  draft: {}, uncertain: [], ktp: null, acknowledgedWarnings: [], selfie: null, selfieMatch: null,
  account: null, antiRobotPass: null, robotCleared: [], verification: null,
};

export function initialFlow(steps: readonly string[], session = 0): FlowState {
  return { ...EMPTY, steps, step: 'welcome', locale: 'id', consent: false, returnToReview: false, submissionId: null, receipt: null, session };
}

/** One of the profile's steps (not Welcome, Review or Done). */
const isOwn = (state: FlowState, step: string): boolean => state.steps.includes(step) && !['welcome', 'review', 'done'].includes(step);

function after(state: FlowState, step: string): string {
  return state.steps[state.steps.indexOf(step) + 1] ?? 'review';
}

export function flowReducer({ revisit, robotStep, verifyStep }: FlowRules) {
  /** Going back stops at the first step that is behind the applicant (scan, gate, verification). */
  const before = (state: FlowState): string => {
    const previous = state.steps[state.steps.indexOf(state.step) - 1];
    return previous !== undefined && revisit.has(previous) ? previous : state.step;
  };
  return (state: FlowState, action: FlowAction): FlowState => {
    switch (action.type) {
      case 'set-locale':
        return { ...state, locale: action.locale };
      case 'set-consent':
        return { ...state, consent: action.consent };
      case 'start':
        return state.consent ? { ...state, step: after(state, 'welcome') } : state;
      case 'complete': {
        if (action.step !== state.step) return state;
        const { draft, ...rest } = action.collected;
        const next = state.returnToReview ? 'review' : after(state, state.step);
        return {
          ...state, ...rest,
          draft: draft ? { ...state.draft, ...draft } : state.draft,
          step: next,
          returnToReview: state.returnToReview && next !== 'review',
          // Editing after Review is a new submission only if nothing was queued yet: same id is fine.
          submissionId: next === 'review' ? state.submissionId ?? action.submissionId : state.submissionId,
        };
      }
      case 'pass-refused':
        return robotStep ? { ...state, step: robotStep, antiRobotPass: null, robotCleared: state.robotCleared.filter((s) => s !== robotStep) } : state;
      case 'edit':
        return state.step === 'review' && isOwn(state, action.step) ? { ...state, step: action.step, returnToReview: true } : state;
      case 'goto':
        return isOwn(state, action.step) ? { ...state, step: action.step, returnToReview: false } : state;
      case 'reverify':
        return verifyStep ? { ...state, step: verifyStep, verification: null } : state;
      case 'back':
        return { ...state, step: before(state) };
      case 'submitted':
        // The queued data is no longer needed on screen: only the receipt stays.
        return { ...initialFlow(state.steps, state.session), locale: state.locale, consent: true, step: 'done', receipt: action.receipt };
      case 'wipe':
        return initialFlow(state.steps, state.session + 1);
    }
  };
}

export function hasApplicantData(state: FlowState): boolean {
  return state.step !== 'welcome' || state.consent;
}
