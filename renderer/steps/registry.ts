// The step registry: each folder under renderer/steps/ registers its step type once (steps/all.ts
// imports them); a profile lists the steps. App, Review and the submission are driven by the list.
// A new step type is its settings schema in shared/profile-steps.ts (the server validates profiles
// too, without a renderer), its folder here and its line in all.ts; if it collects something new,
// that part of the record is declared in shared/submission.ts and shared/record-rules.ts. Using an
// existing type is one entry in a profile.
// A step's screen is its own chunk (lazyStep): the first chunk holds only the shell and Welcome, so
// Welcome is usable at once; while it shows, the app warms up the profile's steps (app/warm-up.ts).
import { lazy, type ComponentType, type LazyExoticComponent } from 'react';
import type { Profile, StepOf, StepType } from '../../shared/profile';
import type { Submission } from '../../shared/submission';
import type { Collected, FlowState } from '../app/flow';
import type { Locale, Translate } from '../i18n/i18n';

export interface StepProps<T extends StepType> {
  readonly step: StepOf<T>;
  readonly profile: Profile;
  readonly flow: FlowState;
  /** This step is done: what it collected, then the next step. */
  readonly complete: (collected: Partial<Collected>) => void;
  /** Back to the previous step; null when there is none to go back to. */
  readonly back: (() => void) | null;
  /** Ends the visit and wipes everything (the gate's "yes"). */
  readonly finish: () => void;
  /** Goes to another step of the profile on purpose (Data Identitas → rescan the KTP). */
  readonly goto: (step: string) => void;
}

export interface StepDefinition<T extends StepType> {
  readonly type: T;
  /** The step's name in "Langkah n: …" and in the progress bar. */
  readonly title: (step: StepOf<T>, locale: Locale, t: Translate) => string;
  readonly Component: ComponentType<StepProps<T>>;
  /** What Review shows of this step beyond its fields (images, account summary). */
  readonly Review?: ComponentType<{ step: StepOf<T>; profile: Profile; flow: FlowState }>;
  /** What this step adds to the submission beyond the field values (which Review takes from the draft). */
  readonly contribute?: (flow: FlowState) => Partial<Submission> | Promise<Partial<Submission>>;
  /**
   * Loads ahead, while Welcome shows, what the step needs before it can be used: its code and any
   * engine it starts (OCR, face models). May fail: the step then loads or starts it itself.
   */
  readonly warmUp?: () => Promise<unknown>;
  /**
   * Runs while Welcome still shows once every step's warmUp and the later screens have loaded:
   * work that only makes the step faster, not ready (the OCR reading a sample card so that V8
   * compiles the pipeline). Stops once `stopped` says Welcome was left, and rejects: it runs
   * again at the next Welcome.
   */
  readonly rehearse?: (stopped: () => boolean) => Promise<unknown>;
}

/** A component loaded from its own chunk on first render; `preload` fetches that chunk ahead. */
export type LazyStep<P> = LazyExoticComponent<ComponentType<P>> & { readonly preload: () => Promise<unknown> };

export function lazyStep<P>(load: () => Promise<ComponentType<P>>): LazyStep<P> {
  let loading: Promise<{ default: ComponentType<P> }> | null = null;
  const get = (): Promise<{ default: ComponentType<P> }> => (loading ??= load().then((Component) => ({ default: Component }), (error: unknown) => {
    loading = null; // a failed preload leaves the first render to try again
    throw error;
  }));
  return Object.assign(lazy(get), { preload: get });
}

type AnyDefinition = { [T in StepType]: StepDefinition<T> }[StepType];
const registry = new Map<StepType, AnyDefinition>();

export function registerStep<T extends StepType>(definition: StepDefinition<T>): void {
  if (registry.has(definition.type)) throw new Error(`step type ${definition.type} registered twice`);
  registry.set(definition.type, definition as unknown as AnyDefinition);
}

export function stepDefinition<T extends StepType>(type: T): StepDefinition<T> {
  const definition = registry.get(type);
  // A profile that passed its schema names only known types; a missing folder import is a build bug.
  if (!definition) throw new Error(`no step registered for type ${type}`);
  return definition as unknown as StepDefinition<T>;
}
