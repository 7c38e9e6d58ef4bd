import type { Collection, Db } from 'mongodb';
import type { Authority } from '@app/budgeting';
import {
  TOKEN_SHAPE,
  checkUserInput,
  hashToken,
  isRole,
  newToken,
  type AuthenticatedUser,
  type StoredUser,
  type UserInput,
} from '../credentials/users';
import { Credentials } from '../credentials/credentials.port';

interface UserDoc {
  _id: string;
  name: string;
  role: string;
  unit: string | null;
  /** Absent in documents written before persons were kept: the account is its own person. */
  personId?: string | null;
  authority: Authority | null;
  active: boolean;
  createdAt: string;
}

interface TokenDoc {
  /** SHA-256 hex of the token: the token itself is never stored. */
  _id: string;
  userId: string;
  createdAt: Date;
  expiresAt: Date | null;
  revokedAt: Date | null;
}

export const USERS = 'api_users';
export const TOKENS = 'api_tokens';

/**
 * The Credentials port on MongoDB, for API replicas on several machines: `api_users`
 * (`_id` = user id) and `api_tokens` (`_id` = the token's SHA-256, so a leaked collection
 * gives no usable token; indexed by user for revocation). Neither has a TTL: a revoked or
 * expired token stays as a record of what was issued, as in `auth.sqlite`.
 */
export class MongoCredentials extends Credentials {
  private readonly users: Collection<UserDoc>;
  private readonly tokens: Collection<TokenDoc>;

  private constructor(db: Db) {
    super();
    this.users = db.collection<UserDoc>(USERS);
    this.tokens = db.collection<TokenDoc>(TOKENS);
  }

  static async open(db: Db): Promise<MongoCredentials> {
    const store = new MongoCredentials(db);
    await store.tokens.createIndex({ userId: 1 }, { name: 'by_user' });
    await store.users.createIndex({ createdAt: 1, _id: 1 }, { name: 'by_creation' });
    return store;
  }

  async upsertUser(user: UserInput, now: Date = new Date()): Promise<void> {
    checkUserInput(user);
    await this.users.updateOne(
      { _id: user.id },
      {
        $set: {
          name: user.name,
          role: user.role,
          unit: user.unit ?? null,
          personId: user.personId ?? null,
          authority: user.authority ?? null,
          active: user.active !== false,
        },
        $setOnInsert: { createdAt: now.toISOString() },
      },
      { upsert: true },
    );
  }

  async getUser(id: string): Promise<StoredUser | null> {
    const doc = await this.users.findOne({ _id: id });
    return doc ? toStoredUser(doc) : null;
  }

  async listUsers(): Promise<StoredUser[]> {
    const docs = await this.users.find({}).sort({ createdAt: 1, _id: 1 }).toArray();
    return docs.map(toStoredUser);
  }

  async issueToken(
    userId: string,
    expiresAt: Date | null = null,
    now: Date = new Date(),
  ): Promise<string> {
    if (!(await this.users.findOne({ _id: userId }, { projection: { _id: 1 } }))) {
      throw new Error(`Unknown user "${userId}"`);
    }
    const token = newToken();
    await this.tokens.insertOne({
      _id: hashToken(token),
      userId,
      createdAt: now,
      expiresAt,
      revokedAt: null,
    });
    return token;
  }

  async authenticate(token: string, now: Date = new Date()): Promise<AuthenticatedUser | null> {
    if (!TOKEN_SHAPE.test(token)) return null;
    return this.authenticateHash(hashToken(token), now);
  }

  async authenticateHash(
    tokenHash: string,
    now: Date = new Date(),
  ): Promise<AuthenticatedUser | null> {
    const token = await this.tokens.findOne({
      _id: tokenHash,
      revokedAt: null,
      $or: [{ expiresAt: null }, { expiresAt: { $gt: now } }],
    });
    if (!token) return null;
    const user = await this.users.findOne({ _id: token.userId, active: true });
    return user && isRole(user.role) ? toAuthenticated(user) : null;
  }

  async revokeToken(tokenHash: string, now: Date = new Date()): Promise<boolean> {
    const result = await this.tokens.updateOne(
      { _id: tokenHash, revokedAt: null },
      { $set: { revokedAt: now } },
    );
    return result.modifiedCount > 0;
  }

  async revokeUserTokens(userId: string, now: Date = new Date()): Promise<number> {
    const result = await this.tokens.updateMany(
      { userId, revokedAt: null },
      { $set: { revokedAt: now } },
    );
    return result.modifiedCount;
  }

  /** The connection belongs to MongoState, shared by the API's other stores. */
  async close(): Promise<void> {}
}

function toAuthenticated(doc: UserDoc): AuthenticatedUser {
  if (!isRole(doc.role)) throw new Error(`User ${doc._id} has an unknown role "${doc.role}"`);
  return {
    actor: {
      userId: doc._id,
      name: doc.name,
      role: doc.role,
      unit: doc.unit,
      ...(doc.personId ? { personId: doc.personId } : {}),
    },
    authority: doc.authority
      ? {
          capacity: doc.authority.capacity,
          title: doc.authority.title,
          programParts: [...doc.authority.programParts],
          units: [...doc.authority.units],
          validFrom: doc.authority.validFrom,
          validTo: doc.authority.validTo,
        }
      : null,
  };
}

function toStoredUser(doc: UserDoc): StoredUser {
  return { ...toAuthenticated(doc), active: doc.active, createdAt: doc.createdAt };
}
