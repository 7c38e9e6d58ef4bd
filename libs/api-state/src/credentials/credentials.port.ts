import type { AuthenticatedUser, StoredUser, UserInput } from './users';

/**
 * Users and their bearer tokens, wherever the deployment keeps them: `auth.sqlite` on one
 * machine (SqliteCredentials), MongoDB when API replicas run on several (MongoCredentials).
 * Asynchronous because a shared store is across the network; tokens are kept only as
 * SHA-256 hashes in both (see hashToken).
 */
export abstract class Credentials {
  /** Creates or updates a user (its creation time is kept). */
  abstract upsertUser(user: UserInput, now?: Date): Promise<void>;
  abstract getUser(id: string): Promise<StoredUser | null>;
  abstract listUsers(): Promise<StoredUser[]>;
  /** A new token in plain text (the only time it exists outside its holder's hands). */
  abstract issueToken(userId: string, expiresAt?: Date | null, now?: Date): Promise<string>;
  /** The user of a live token of an active user, or null. */
  abstract authenticate(token: string, now?: Date): Promise<AuthenticatedUser | null>;
  /**
   * The same check by the token's hash: dashboard sessions keep only the hash of the token
   * they were opened with, so a revoked token or a deactivated user ends them too.
   */
  abstract authenticateHash(tokenHash: string, now?: Date): Promise<AuthenticatedUser | null>;
  /** Revokes one token by its hash; whether a live token was revoked. */
  abstract revokeToken(tokenHash: string, now?: Date): Promise<boolean>;
  /** Revokes every live token of a user; how many. */
  abstract revokeUserTokens(userId: string, now?: Date): Promise<number>;
  abstract close(): Promise<void>;
}
