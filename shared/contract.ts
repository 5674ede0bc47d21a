// The one contract between the renderer and whichever host runs it (Electron IPC or the loopback
// HTTP browser host). Channel names are kiosk:<domain>:<verb>; inputs are parsed with `input`
// before any handler runs, outputs are parsed with `output` by the renderer's api.
import { z } from 'zod';
import { ProfileSchema } from './profile';
import { QueueStatsSchema, ReceiptSchema, SubmissionSchema } from './submission';

export const contract = {
  'kiosk:profile:get': { input: z.undefined(), output: ProfileSchema },
  'kiosk:queue:submit': { input: SubmissionSchema, output: z.object({ receipt: ReceiptSchema }) },
  'kiosk:queue:stats': { input: z.undefined(), output: QueueStatsSchema },
} as const;

export type Contract = typeof contract;
export type Channel = keyof Contract;
export type InputOf<C extends Channel> = z.input<Contract[C]['input']>;
export type ParsedInputOf<C extends Channel> = z.output<Contract[C]['input']>;
/** What a handler returns (defaults not yet applied)… */
export type OutputOf<C extends Channel> = z.input<Contract[C]['output']>;
/** …and what the renderer gets after parsing it with the output schema. */
export type ResultOf<C extends Channel> = z.output<Contract[C]['output']>;

/** Handlers a host must provide: one per channel, receiving already-parsed input. */
export type Handlers = { [C in Channel]: (input: ParsedInputOf<C>) => Promise<OutputOf<C>> | OutputOf<C> };

export const channels = Object.keys(contract) as Channel[];

export function isChannel(name: string): name is Channel {
  return Object.hasOwn(contract, name);
}

type DomainOf<C> = C extends `kiosk:${infer D}:${string}` ? D : never;
type VerbOf<C, D extends string> = C extends `kiosk:${D}:${infer V}` ? V : never;

/** The nested shape both hosts expose: api.queue.submit(input) for 'kiosk:queue:submit'. */
export type ApiShape<R> = {
  [D in DomainOf<Channel>]: {
    [V in VerbOf<Channel, D>]: `kiosk:${D}:${V}` extends infer C extends Channel
      ? (input: InputOf<C>) => Promise<R extends 'envelope' ? unknown : ResultOf<C>>
      : never;
  };
};

/** Builds the nested api object from the contract's channel names over one invoke function. */
export function buildApi<R>(invoke: (channel: Channel, input: unknown) => Promise<unknown>): ApiShape<R> {
  const api: Record<string, Record<string, (input: unknown) => Promise<unknown>>> = {};
  for (const channel of channels) {
    const [, domain = '', verb = ''] = channel.split(':');
    (api[domain] ??= {})[verb] = (input: unknown) => invoke(channel, input);
  }
  return api as ApiShape<R>;
}
