// The transport-independent half of every host: parse the input with the contract's schema, run
// the handler, and answer with the envelope. Both IPC and HTTP call this, so validation cannot be
// forgotten by either.
import { contract, type Channel, type Handlers } from '../../shared/contract';
import { KioskError, issuesOf, type Envelope } from '../../shared/result';
import { log } from '../../node/log';

export type DispatchResult = { status: 'ok'; envelope: Envelope<unknown> } | { status: 'invalid-input' | 'failed'; envelope: Envelope<never> };

export async function dispatch(handlers: Handlers, channel: Channel, rawInput: unknown): Promise<DispatchResult> {
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
