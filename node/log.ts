// The only logger. Lines carry event names, record ids and error codes — never field values:
// personal data must not reach logs (callers pass ids, not payloads).
export type LogFields = Record<string, string | number | boolean | undefined>;

function line(level: string, event: string, fields: LogFields): string {
  const parts = Object.entries(fields)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${k}=${JSON.stringify(v)}`);
  return `${new Date().toISOString()} ${level} ${event}${parts.length ? ' ' + parts.join(' ') : ''}`;
}

export const log = {
  info: (event: string, fields: LogFields = {}): void => { console.error(line('INFO', event, fields)); },
  warn: (event: string, fields: LogFields = {}): void => { console.error(line('WARN', event, fields)); },
  error: (event: string, fields: LogFields = {}): void => { console.error(line('ERROR', event, fields)); },
};
