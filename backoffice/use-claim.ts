// While a record awaiting review is on screen, this page claims it: renewed every 30 s (the server
// lets a claim lapse after 90 s), released when the page closes. What comes back is who else has it
// open, so two reviewers see each other before either decides.
import { useEffect, useState } from 'react';
import type { z } from 'zod';
import { ClaimsSchema } from '../shared/review';
import { call } from './api';

type Claim = z.infer<typeof ClaimsSchema>['claims'][number];
const RENEW_MS = 30_000;

/** `first`: the claims the record came with; a renewal's answer replaces them until the record is loaded anew. */
export function useClaim(path: string, active: boolean, first: readonly Claim[]): readonly Claim[] {
  const [renewed, setRenewed] = useState<{ since: readonly Claim[]; claims: readonly Claim[] } | null>(null);
  useEffect(() => {
    if (!active) return undefined;
    const renew = (): void => {
      call<unknown>('POST', `${path}/claim`).then((body) => setRenewed({ since: first, claims: ClaimsSchema.parse(body).claims }), () => undefined);
    };
    const timer = setInterval(renew, RENEW_MS);
    return () => {
      clearInterval(timer);
      void call('POST', `${path}/release`).catch(() => undefined);
    };
  }, [path, active, first]);
  return renewed?.since === first ? renewed.claims : first;
}
