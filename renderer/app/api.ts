// The renderer's only way out: api.<domain>.<verb>(input). It does not know which host runs it —
// Electron's preload (window.kiosk) or the browser host over loopback HTTP — and parses every
// answer with the contract's output schema.
import { camelVerb } from '../../shared/channels';
import { buildApi, contract, type Api, type ApiFunctions, type Channel, type EnvelopeApi } from '../../shared/contract';
import { KioskError, KioskErrorSchema } from '../../shared/result';
import { hostPost, hostSession } from './host-session';

declare global {
  interface Window {
    kiosk?: EnvelopeApi;
  }
}

const REQUEST_TIMEOUT_MS = 15_000;

async function httpInvoke(channel: Channel, input: unknown): Promise<unknown> {
  await hostSession();
  let response: Response;
  try {
    response = await hostPost(`/api/${channel}`, { input }, REQUEST_TIMEOUT_MS);
  } catch {
    throw new KioskError('host-unreachable', `no answer from the kiosk host for ${channel}`);
  }
  try {
    return await response.json();
  } catch {
    throw new KioskError('host-unreachable', `the kiosk host answered ${response.status} without JSON`);
  }
}

function electronInvoke(kiosk: EnvelopeApi, channel: Channel): (input: unknown) => Promise<unknown> {
  const [, domain, verb] = channel.split(':') as [string, string, string];
  const fn = (kiosk as unknown as Record<string, Record<string, (input: unknown) => Promise<unknown>>>)[domain]?.[camelVerb(verb)];
  if (!fn) throw new KioskError('internal', `preload does not expose ${channel}`);
  return fn;
}

async function invoke(channel: Channel, input: unknown): Promise<unknown> {
  const raw = window.kiosk ? await electronInvoke(window.kiosk, channel)(input) : await httpInvoke(channel, input);
  if (typeof raw === 'object' && raw !== null && 'ok' in raw) {
    if (raw.ok === true && 'value' in raw) return contract[channel].output.parse(raw.value);
    if (raw.ok === false && 'error' in raw) {
      const error = KioskErrorSchema.safeParse(raw.error);
      if (error.success) throw new KioskError(error.data.code, error.data.message, error.data.issues);
    }
  }
  throw new KioskError('internal', `malformed answer on ${channel}`);
}

/** invoke() parses every answer with the channel's own output schema, so the types hold. */
export const api: Api = buildApi<ApiFunctions>(invoke);
