import type { AuthenticatedUser, StoredUser, UserInput } from '../credentials/users';
import { CredentialStore } from './credential-store';
import { Credentials } from '../credentials/credentials.port';

/** The Credentials port on `auth.sqlite`: the synchronous CredentialStore, unchanged. */
export class SqliteCredentials extends Credentials {
  constructor(readonly store: CredentialStore) {
    super();
  }

  static open(file: string): SqliteCredentials {
    return new SqliteCredentials(new CredentialStore(file));
  }

  async upsertUser(user: UserInput, now?: Date): Promise<void> {
    this.store.upsertUser(user, now);
  }

  async getUser(id: string): Promise<StoredUser | null> {
    return this.store.getUser(id);
  }

  async listUsers(): Promise<StoredUser[]> {
    return this.store.listUsers();
  }

  async issueToken(userId: string, expiresAt?: Date | null, now?: Date): Promise<string> {
    return this.store.issueToken(userId, expiresAt, now);
  }

  async authenticate(token: string, now?: Date): Promise<AuthenticatedUser | null> {
    return this.store.authenticate(token, now);
  }

  async authenticateHash(tokenHash: string, now?: Date): Promise<AuthenticatedUser | null> {
    return this.store.authenticateHash(tokenHash, now);
  }

  async revokeToken(tokenHash: string, now?: Date): Promise<boolean> {
    return this.store.revokeToken(tokenHash, now);
  }

  async revokeUserTokens(userId: string, now?: Date): Promise<number> {
    return this.store.revokeUserTokens(userId, now);
  }

  async close(): Promise<void> {
    this.store.close();
  }
}
