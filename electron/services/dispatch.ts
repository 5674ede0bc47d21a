// The transport-independent half of every host: refuse an operator channel without a live operator
// session, parse the input with the contract's schema, run the handler, and answer with the
// envelope. Both IPC and HTTP call this, so neither the gate nor validation can be forgotten.
import { contract, isChannel, isGatedChannel, type Channel, type Handlers } from '../../shared/contract';
import { KioskError, issuesOf, type Envelope } from '../../shared/result';
import { log } from '../../node/log';

export type DispatchResult = { status: 'ok'; envelope: Envelope<unknown> } | { status: 'invalid-input' | 'failed' | 'unauthorized'; envelope: Envelope<never> };

/** What a host serves: the contract's handlers, and the check of an operator session's token. */
export interface KioskApi {
  readonly handlers: Handlers;
  /** Whether `token` names a live operator session (its idle time restarts when it does). */
  operatorSessionLive(token: string): boolean;
}

/** The token a gated channel's input names, read before the input is parsed (a non-operator learns nothing of its schema). */
const sessionOf = (input: unknown): unknown => (typeof input === 'object' && input !== null ? (input as { session?: unknown }).session : undefined);

export async function dispatch({ handlers, operatorSessionLive }: KioskApi, channel: Channel, rawInput: unknown): Promise<DispatchResult> {
  // The hosts only pass contract channels; checked here too, so a name like "__proto__" or
  // "constructor" can never index the contract or the handlers (test/unit/fuzz-ipc.test.ts).
  if (!isChannel(channel)) return { status: 'invalid-input', envelope: { ok: false, error: { code: 'invalid-input', message: 'no such channel' } } };
  if (isGatedChannel(channel)) {
    const token = sessionOf(rawInput);
    if (typeof token !== 'string' || !operatorSessionLive(token)) {
      log.warn('dispatch.operator-refused', { channel });
      return { status: 'unauthorized', envelope: { ok: false, error: { code: 'operator-session', message: 'an operator login is required' } } };
    }
  }
  const parsed = contract[channel].input.safeParse(rawInput);
  if (!parsed.success) {
    const error = new KioskError('invalid-input', `input for ${channel} does not match its schema`, issuesOf(parsed.error));
    return { status: 'invalid-input', envelope: { ok: false, error: error.toData() } };
  }
  try {
    // The cast is safe: parsed.data is the output of this channel's own input schema.
    const handler = handlers[channel] as (input: unknown) => unknown;
    const value = await handler(parsed.data);
    return { status: 'ok', envelope: { ok: true, value } };
  } catch (error) {
    if (error instanceof KioskError) return { status: 'failed', envelope: { ok: false, error: error.toData() } };
    log.error('dispatch.failed', { channel, error: error instanceof Error ? error.name : 'unknown' });
    return { status: 'failed', envelope: { ok: false, error: { code: 'internal', message: 'internal error' } } };
  }
}
