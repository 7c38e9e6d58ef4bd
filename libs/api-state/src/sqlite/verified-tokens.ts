import type { AuthenticatedUser } from '../credentials/users';

interface Verified {
  readonly user: AuthenticatedUser;
  /** When the token stops working (ms since the epoch), or null for never. */
  readonly expiresAt: number | null;
}

/** Enough for every token in use at once on a district's API; past it, start over. */
const CAPACITY = 1024;

/**
 * The users of the tokens this process has verified, by token hash, kept only while
 * `auth.sqlite` is unchanged since they were read: every API request checks its bearer
 * token, and the join of tokens and users it costs is the same answer until something in
 * the file changes.
 *
 * Never stale, so never a revoked token let through: each lookup first asks SQLite for the
 * file's `data_version`, which changes whenever another connection (the CLI revoking a
 * token, another replica, the dashboard's session store) commits to it, and a change
 * forgets everything. Writes on the store's own connection (which `data_version` does not
 * count) call `forget()`. A token's expiry is checked against the request's time on every
 * hit, as the query would. Keyed by the SHA-256 of the token, as the file is: no token in
 * plain text is kept past its request.
 */
export class VerifiedTokens {
  private readonly users = new Map<string, Verified>();
  private version: unknown = undefined;

  /** `dataVersion`: `PRAGMA data_version` on the store's connection. */
  constructor(private readonly dataVersion: () => unknown) {}

  /** The cached user of a live token; undefined when it must be looked up. */
  get(tokenHash: string, now: Date): AuthenticatedUser | undefined {
    const version = this.dataVersion();
    if (version !== this.version) {
      this.users.clear();
      this.version = version;
      return undefined;
    }
    const verified = this.users.get(tokenHash);
    if (!verified) return undefined;
    if (verified.expiresAt !== null && verified.expiresAt <= now.getTime()) {
      this.users.delete(tokenHash);
      return undefined;
    }
    return verified.user;
  }

  /** After a lookup that found the token live (as of the version `get` just saw). */
  remember(tokenHash: string, user: AuthenticatedUser, expiresAt: string | null): void {
    if (this.users.size >= CAPACITY) this.users.clear();
    this.users.set(tokenHash, {
      user,
      expiresAt: expiresAt === null ? null : Date.parse(expiresAt),
    });
  }

  /** The store wrote on its own connection (a user changed, a token revoked). */
  forget(): void {
    this.users.clear();
  }
}
