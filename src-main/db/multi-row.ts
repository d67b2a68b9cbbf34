// Many rows in few statements, for the sync's write path: `INSERT … VALUES (…), (…), …` with
// up to maxRows rows per statement. The SQL text is built once per (dialect, row count) and
// run as a compiled query, so a page costs no Kysely compile and SQLite reuses its prepared
// statements. Row counts are powers of two (100 rows: 64 + 32 + 4), which keeps the distinct
// texts to a handful per statement instead of one per page size.
import { CompiledQuery, type Kysely } from 'kysely';
import { dialectOf, type Dialect } from './dialect';

export class MultiRowStatement {
  private readonly texts = new Map<string, string>();
  private readonly width: number;

  /**
   * @param head the statement up to VALUES, e.g. `INSERT INTO t (a, b, c) VALUES`
   * @param row one row's values with `?` for each parameter, e.g. `(?, ?, 'fixed')`
   * @param tail what follows the rows, e.g. `ON CONFLICT DO NOTHING RETURNING id`
   * @param maxRows rows per statement at most (a power of two)
   */
  constructor(
    private readonly head: string,
    private readonly row: string,
    private readonly tail = '',
    private readonly maxRows = 256,
  ) {
    this.width = row.split('?').length - 1;
  }

  /** Runs the statement over every row (each an array of `width` values); returns the rows it returned. */
  async run<R = unknown>(db: Kysely<any>, rows: readonly (readonly unknown[])[]): Promise<R[]> {
    const dialect = dialectOf(db);
    const returned: R[] = [];
    let done = 0;
    while (done < rows.length) {
      let count = this.maxRows;
      while (count > rows.length - done) count >>= 1;
      const parameters: unknown[] = [];
      for (let i = done; i < done + count; i++) {
        const values = rows[i]!;
        if (values.length !== this.width) throw new Error(`A row of ${values.length} values for ${this.width} parameters`);
        for (const value of values) parameters.push(value);
      }
      const result = await db.executeQuery<R>(CompiledQuery.raw(this.text(dialect, count), parameters));
      for (const r of result.rows) returned.push(r);
      done += count;
    }
    return returned;
  }

  private text(dialect: Dialect, count: number): string {
    const key = `${dialect}:${count}`;
    let text = this.texts.get(key);
    if (text === undefined) {
      let n = 0;
      const rows = Array.from({ length: count }, () => (dialect === 'postgres' ? this.row.replace(/\?/g, () => `$${++n}`) : this.row));
      text = `${this.head} ${rows.join(', ')} ${this.tail}`.trim();
      this.texts.set(key, text);
    }
    return text;
  }
}
