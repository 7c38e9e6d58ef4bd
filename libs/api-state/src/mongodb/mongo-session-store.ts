import type { Collection, Db } from 'mongodb';
import { SessionStore, type StoredSession } from '../sessions/session-store';

interface SessionDoc {
  /** SHA-256 of the cookie value. */
  _id: string;
  tokenHash: string;
  expiresAt: Date;
}

export const SESSIONS = 'api_sessions';

/**
 * Sessions in `api_sessions`. A TTL index removes them once expired (MongoDB's monitor
 * runs about once a minute, so `find` also checks the expiry itself).
 */
export class MongoSessionStore extends SessionStore {
  private readonly sessions: Collection<SessionDoc>;

  private constructor(db: Db) {
    super();
    this.sessions = db.collection<SessionDoc>(SESSIONS);
  }

  static async open(db: Db): Promise<MongoSessionStore> {
    const store = new MongoSessionStore(db);
    await store.sessions.createIndex({ expiresAt: 1 }, { name: 'expire', expireAfterSeconds: 0 });
    return store;
  }

  async create(idHash: string, session: StoredSession): Promise<void> {
    await this.sessions.insertOne({
      _id: idHash,
      tokenHash: session.tokenHash,
      expiresAt: session.expiresAt,
    });
  }

  async find(idHash: string, now: Date): Promise<StoredSession | null> {
    const doc = await this.sessions.findOne({ _id: idHash, expiresAt: { $gt: now } });
    return doc ? { tokenHash: doc.tokenHash, expiresAt: doc.expiresAt } : null;
  }

  async delete(idHash: string): Promise<void> {
    await this.sessions.deleteOne({ _id: idHash });
  }

  async close(): Promise<void> {}
}
