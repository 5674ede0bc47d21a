// Channel names alone, without schemas, so the preload stays a few lines of code instead of
// bundling zod and the region tables. contract.ts must define exactly these (checked by tsc).

const APPLICANT_CHANNELS = [
  'kiosk:profile:get', 'kiosk:queue:submit', 'kiosk:queue:stats', 'kiosk:settings:get',
  'kiosk:challenge:create', 'kiosk:challenge:answer', 'kiosk:sync:status', 'kiosk:sync:record', 'kiosk:directory:verify',
  'kiosk:receipt:print', 'kiosk:intake:status',
] as const;

/**
 * The operator's channels. All but login are gated: their input names a live operator session, and
 * the hosts refuse them without one before any handler runs.
 */
export const OPERATOR_CHANNELS = [
  'kiosk:operator:login', 'kiosk:operator:logout', 'kiosk:operator:dashboard', 'kiosk:operator:records', 'kiosk:operator:sync-now',
  'kiosk:operator:requeue', 'kiosk:operator:export', 'kiosk:operator:set-camera', 'kiosk:operator:assist', 'kiosk:operator:enrol', 'kiosk:operator:confirm-enrol',
] as const;
export type OperatorChannel = (typeof OPERATOR_CHANNELS)[number];
/** Enrolment from the screen: gated like the others, handled apart (operators/enrol-handlers.ts). */
export type OperatorEnrolChannel = 'kiosk:operator:enrol' | 'kiosk:operator:confirm-enrol';
export const OPERATOR_LOGIN: OperatorChannel = 'kiosk:operator:login';

export const CHANNELS = [...APPLICANT_CHANNELS, ...OPERATOR_CHANNELS] as const;
export type Channel = (typeof CHANNELS)[number];

export function isChannel(name: string): name is Channel {
  return (CHANNELS as readonly string[]).includes(name);
}

/** A channel only a logged-in operator may call (every operator channel but login). */
export function isGatedChannel(channel: Channel): boolean {
  return (OPERATOR_CHANNELS as readonly string[]).includes(channel) && channel !== OPERATOR_LOGIN;
}

type DomainOf<C> = C extends `kiosk:${infer D}:${string}` ? D : never;
type VerbOf<C, D extends string> = C extends `kiosk:${D}:${infer V}` ? V : never;
type Camel<S extends string> = S extends `${infer H}-${infer T}` ? `${H}${Capitalize<Camel<T>>}` : S;

/** Channel verbs are kebab-case; api methods are their camelCase ('set-camera' → setCamera). */
export function camelVerb(verb: string): string {
  return verb.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
}

/** api.queue.submit(input) for 'kiosk:queue:submit'; `Fn<C>` gives each channel's signature. */
export type NestedApi<Fn extends { [C in Channel]: unknown }> = {
  [D in DomainOf<Channel>]: {
    [V in VerbOf<Channel, D> as Camel<V>]: `kiosk:${D}:${V}` extends infer C extends Channel ? Fn[C] : never;
  };
};

/** Builds the nested api object from the channel names over one invoke function. */
export function buildApi<Fn extends { [C in Channel]: unknown }>(invoke: (channel: Channel, input: unknown) => Promise<unknown>): NestedApi<Fn> {
  const api: Record<string, Record<string, (input: unknown) => Promise<unknown>>> = {};
  for (const channel of CHANNELS) {
    const [, domain = '', verb = ''] = channel.split(':');
    (api[domain] ??= {})[camelVerb(verb)] = (input: unknown) => invoke(channel, input);
  }
  return api as NestedApi<Fn>;
}
