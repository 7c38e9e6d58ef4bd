import Database from 'better-sqlite3';
import { TurnTransaction } from './turn-transaction';

function memoryDb(): Database.Database {
  const db = new Database(':memory:');
  db.exec('CREATE TABLE t (k TEXT PRIMARY KEY)');
  return db;
}

describe('TurnTransaction', () => {
  it('runs the work of one turn in one transaction, after the turn', async () => {
    const db = memoryDb();
    const turn = new TurnTransaction(db);
    const insert = db.prepare('INSERT INTO t (k) VALUES (?)');
    const seen: boolean[] = [];
    const work = (k: string) => () => {
      seen.push(db.inTransaction);
      return insert.run(k).changes;
    };
    const answers = Promise.all([turn.run(work('a')), turn.run(work('b'))]);
    // Nothing ran yet: the turn is not over.
    expect(db.prepare('SELECT count(*) AS n FROM t').get()).toEqual({ n: 0 });
    expect(await answers).toEqual([1, 1]);
    expect(seen).toEqual([true, true]);
    expect(db.prepare('SELECT k FROM t ORDER BY k').pluck().all()).toEqual(['a', 'b']);
  });

  it('rejects only the piece that failed; the others are committed', async () => {
    const db = memoryDb();
    const turn = new TurnTransaction(db);
    const insert = db.prepare('INSERT INTO t (k) VALUES (?)');
    const outcomes = await Promise.allSettled([
      turn.run(() => insert.run('x').changes),
      turn.run(() => insert.run('x').changes),
      turn.run(() => insert.run('y').changes),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(db.prepare('SELECT k FROM t ORDER BY k').pluck().all()).toEqual(['x', 'y']);
  });

  it('runs what is queued when flushed (before its connection closes)', async () => {
    const db = memoryDb();
    const turn = new TurnTransaction(db);
    const answer = turn.run(() => db.prepare('INSERT INTO t (k) VALUES (?)').run('z').changes);
    turn.flush();
    db.close();
    expect(await answer).toBe(1);
  });
});
