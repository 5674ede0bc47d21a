// One request a page sends on a staff member's click: busy while it runs (its button disabled),
// the server's refusal shown in words, and the app told (a 401 returns to the login page).
import { useState } from 'react';

export interface Action {
  readonly busy: boolean;
  readonly error: string | null;
  setError(message: string | null): void;
  /** Runs `send`; true when it succeeded. `onFailure` runs before the error is shown. */
  run(send: () => Promise<void>, onFailure?: () => void): Promise<boolean>;
}

export function useAction(onApiError: (e: unknown) => void): Action {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = async (send: () => Promise<void>, onFailure?: () => void): Promise<boolean> => {
    setBusy(true);
    setError(null);
    try {
      await send();
      return true;
    } catch (err) {
      onFailure?.();
      setError((err as Error).message);
      onApiError(err);
      return false;
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, setError, run };
}
