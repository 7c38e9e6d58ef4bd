import type Database from 'better-sqlite3';
import type { CheckpointStore } from '../event-store.port';

/** Checkpoints kept in the log's own file, written with the same durability. */
export class SqliteCheckpointStore implements CheckpointStore {
  private readonly select: Database.Statement<[string], { position: bigint }>;
  private readonly upsert: Database.Statement<[string, bigint, string]>;

  constructor(
    db: Database.Database,
    private readonly clock: () => Date,
  ) {
    this.select = db.prepare('SELECT position FROM checkpoints WHERE consumer = ?');
    this.upsert = db.prepare(
      `INSERT INTO checkpoints (consumer, position, updated_at) VALUES (?, ?, ?)
       ON CONFLICT (consumer) DO UPDATE SET position = excluded.position, updated_at = excluded.updated_at`,
    );
  }

  load(consumer: string): Promise<bigint | null> {
    return Promise.resolve(this.select.get(consumer)?.position ?? null);
  }

  store(consumer: string, position: bigint): Promise<void> {
    this.upsert.run(consumer, position, this.clock().toISOString());
    return Promise.resolve();
  }
}
