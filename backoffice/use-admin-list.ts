// An admin page's list (kiosks, operators …): loaded from `path` and parsed with `schema`, the row an
// action is open on, and the message the last action or load left — reloaded after each action.
import { useCallback, useEffect, useState } from 'react';
import { z } from 'zod';
import { call } from './api';

export interface AdminList<Row, Action> {
  readonly rows: Row[] | null;
  readonly action: Action | null;
  readonly message: { error: boolean; text: string } | null;
  setAction(action: Action | null): void;
  setMessage(message: { error: boolean; text: string } | null): void;
  /** Opens an action on a row, clearing the last message. */
  open(action: Action): void;
  /** An action finished: closed, its words shown, the list read again. */
  done(text: string): void;
}

export function useAdminList<Row, Action>(path: string, schema: z.ZodType<Row>, onApiError: (e: unknown) => void): AdminList<Row, Action> {
  const [rows, setRows] = useState<Row[] | null>(null);
  const [action, setAction] = useState<Action | null>(null);
  const [message, setMessage] = useState<{ error: boolean; text: string } | null>(null);
  const load = useCallback(() => {
    call<unknown>('GET', path).then((body) => setRows(z.array(schema).parse(body)), (err: unknown) => {
      setMessage({ error: true, text: (err as Error).message });
      onApiError(err);
    });
  }, [path, schema, onApiError]);
  useEffect(load, [load]);
  const done = (text: string): void => {
    setAction(null);
    setMessage({ error: false, text });
    load();
  };
  const open = (next: Action): void => {
    setMessage(null);
    setAction(next);
  };
  return { rows, action, message, setAction, setMessage, open, done };
}
