import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { withStatementCache } from '../../src-main/db/statement-cache';

describe('the prepared statement cache under Kysely', () => {
  const open = () => {
    const sqlite = new BetterSqlite3(':memory:');
    sqlite.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT); INSERT INTO t (v) VALUES (\'a\'), (\'b\'), (\'c\')');
    return sqlite;
  };

  it('reuses a statement for the same SQL, and keeps only the most recently used', () => {
    const sqlite = open();
    const db = withStatementCache(sqlite, 2);
    const a = db.prepare('SELECT v FROM t WHERE id = ?');
    expect(db.prepare('SELECT v FROM t WHERE id = ?')).toBe(a);
    const b = db.prepare('SELECT count(*) FROM t');
    db.prepare('SELECT v FROM t WHERE id = ?'); // a is now the most recent
    db.prepare('SELECT max(id) FROM t'); // evicts b
    expect(db.prepare('SELECT v FROM t WHERE id = ?')).toBe(a);
    expect(db.prepare('SELECT count(*) FROM t')).not.toBe(b);
    db.close();
    expect(sqlite.open).toBe(false);
  });

  it('a statement still iterating is not handed out again', () => {
    const db = withStatementCache(open());
    const first = db.prepare('SELECT v FROM t ORDER BY id');
    const rows = first.iterate([]);
    expect(rows.next().value).toEqual({ v: 'a' });
    const second = db.prepare('SELECT v FROM t ORDER BY id');
    expect(second).not.toBe(first);
    expect(second.all([])).toEqual([{ v: 'a' }, { v: 'b' }, { v: 'c' }]);
    expect([...rows]).toEqual([{ v: 'b' }, { v: 'c' }]);
    db.close();
  });

  it('a cached statement sees schema changes', () => {
    const sqlite = open();
    const db = withStatementCache(sqlite);
    expect(db.prepare('SELECT * FROM t WHERE id = 1').all([])).toEqual([{ id: 1, v: 'a' }]);
    sqlite.exec("ALTER TABLE t ADD COLUMN w TEXT DEFAULT 'z'");
    expect(db.prepare('SELECT * FROM t WHERE id = 1').all([])).toEqual([{ id: 1, v: 'a', w: 'z' }]);
    db.close();
  });
});
