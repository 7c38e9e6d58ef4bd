import type Database from 'better-sqlite3';

interface Queued {
  readonly work: () => unknown;
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: Error) => void;
}

/**
 * Runs the writes asked for during one turn of the event loop in ONE `BEGIN IMMEDIATE …
 * COMMIT`, after the turn: the API answers the requests of a group commit in the same
 * turn, so their records (and the claims of the requests that arrived together) cost one
 * commit instead of one each. Each piece of work runs alone as far as its caller can tell:
 * one that throws rejects only its own promise (SQLite undoes only the failed statement),
 * and each promise settles after the COMMIT, so an answer is recorded when its caller
 * hears so. A COMMIT that fails rejects every piece of the turn: nothing of it was written.
 */
export class TurnTransaction {
  private queue: Queued[] = [];
  private scheduled = false;
  private readonly runAll: Database.Transaction<(queue: readonly Queued[]) => Outcome[]>;

  constructor(private readonly db: Database.Database) {
    this.runAll = db.transaction((queue: readonly Queued[]) => queue.map((q) => this.runOne(q)));
  }

  run<T>(work: () => T): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ work, resolve: resolve as (value: unknown) => void, reject });
      if (this.scheduled) return;
      this.scheduled = true;
      setImmediate(() => this.flush());
    });
  }

  /** Runs what is queued now (the store calls it before closing its connection). */
  flush(): void {
    this.scheduled = false;
    const queue = this.queue;
    this.queue = [];
    if (queue.length === 0) return;
    let outcomes: Outcome[];
    try {
      outcomes = this.runAll.immediate(queue);
    } catch (error) {
      for (const q of queue) q.reject(asError(error));
      return;
    }
    queue.forEach((q, i) => {
      const outcome = outcomes[i];
      if (outcome && 'error' in outcome) q.reject(outcome.error);
      else q.resolve(outcome?.value);
    });
  }

  private runOne(q: Queued): Outcome {
    try {
      return { value: q.work() };
    } catch (error) {
      // SQLite ends the whole transaction on some errors (disk full, I/O): then what ran
      // before this piece is gone too, and every caller of the turn must hear it.
      if (!this.db.inTransaction) throw error;
      return { error: asError(error) };
    }
  }
}

type Outcome = { readonly value: unknown } | { readonly error: Error };

function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}
