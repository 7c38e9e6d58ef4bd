/** What a dashboard session keeps: never the token, only its hash. */
export interface StoredSession {
  /** SHA-256 of the bearer token signed in with: checked against the credentials on every page. */
  readonly tokenHash: string;
  readonly expiresAt: Date;
}

/**
 * Dashboard sessions by the SHA-256 of their cookie value (a copy of the store gives no
 * usable cookie): a table in `auth.sqlite` on one machine (SqliteSessionStore),
 * `api_sessions` in MongoDB for API replicas on several (MongoSessionStore), so a session
 * opened on one replica is known to all and ended for all at sign-out.
 */
export abstract class SessionStore {
  abstract create(idHash: string, session: StoredSession): Promise<void>;
  /** The session, or null when unknown or expired at `now`. */
  abstract find(idHash: string, now: Date): Promise<StoredSession | null>;
  abstract delete(idHash: string): Promise<void>;
  abstract close(): Promise<void>;
}
