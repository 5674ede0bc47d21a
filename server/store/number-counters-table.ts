// number_counters (SQLite): the last registration number issued per number prefix and year. Taking a number is one
// upsert that returns the new value; its row lock holds other issuers until this transaction ends,
// so numbers never repeat and a rolled-back transaction leaves no gap.
import type { SqlRunner } from './sql';

export async function takeNumber(db: SqlRunner, prefix: string, year: number): Promise<number> {
  const r = await db.run<{ last: number }>(`INSERT INTO number_counters (prefix, year, last) VALUES (?, ?, 1)
                                            ON CONFLICT (prefix, year) DO UPDATE SET last = number_counters.last + 1
                                            RETURNING last`, [prefix, year]);
  const last = r.rows[0]?.last;
  if (last === undefined) throw new Error('number counter returned no value');
  return last;
}
