import { join } from 'node:path';
import type { CredentialStore } from './sqlite/credential-store';
import { Credentials } from './credentials/credentials.port';
import { MongoCredentials } from './mongodb/mongo-credentials';
import { AggregatingSecurityLog } from './security-log/aggregating-security-log';
import { MongoSecurityLog } from './mongodb/mongo-security-log';
import type { SecurityLog } from './security-log/security-log';
import { SqliteCredentials } from './sqlite/sqlite-credentials';
import { SqliteSecurityLog } from './sqlite/sqlite-security-log';
import { MongoSessionStore } from './mongodb/mongo-session-store';
import type { SessionStore } from './sessions/session-store';
import { SqliteSessionStore } from './sqlite/sqlite-session-store';
import type { IdempotencyStore } from './idempotency/idempotency-store';
import { MongoIdempotencyStore } from './mongodb/mongo-idempotency-store';
import { SqliteIdempotencyStore } from './sqlite/sqlite-idempotency-store';
import { MongoState } from './mongodb/mongo-state';
import { MongoRateLimits } from './mongodb/mongo-rate-limits';
import type { RateLimitStorage } from './rate-limits/rate-limit-storage';
import { SqliteRateLimits } from './sqlite/sqlite-rate-limits';

/**
 * Where the API keeps its own state (credentials, dashboard sessions, idempotency records,
 * the security log): with the read store, chosen by the same READ_STORE / MONGODB_URL.
 * On SQLite, files in BUDGET_DATA_DIR, which replicas can share on one host only; on
 * MongoDB, `api_*` collections of the read store's database, which replicas on any
 * number of machines share, so that no replica keeps state of its own.
 */
export type ApiStateConfig =
  | { readonly kind: 'sqlite'; readonly dataDir: string }
  | { readonly kind: 'mongodb'; readonly url: string; readonly database?: string };

export interface ApiState {
  readonly credentials: Credentials;
  /**
   * The synchronous store behind `credentials` on SQLite, for the tools and tests that run
   * on the embedded deployment; null on MongoDB.
   */
  readonly embeddedCredentials: CredentialStore | null;
  readonly sessions: SessionStore;
  readonly idempotency: IdempotencyStore;
  readonly securityLog: SecurityLog;
  /** Rate-limit windows (writes per user, failed sign-ins per address), shared by replicas. */
  readonly rateLimits: RateLimitStorage;
  close(): Promise<void>;
}

export async function openApiState(config: ApiStateConfig): Promise<ApiState> {
  if (config.kind === 'sqlite') {
    const credentials = SqliteCredentials.open(join(config.dataDir, 'auth.sqlite'));
    const parts = {
      credentials,
      embeddedCredentials: credentials.store,
      sessions: new SqliteSessionStore(join(config.dataDir, 'auth.sqlite')),
      idempotency: new SqliteIdempotencyStore(join(config.dataDir, 'idempotency.sqlite')),
      securityLog: new AggregatingSecurityLog(
        new SqliteSecurityLog(join(config.dataDir, 'security.sqlite')),
      ),
      rateLimits: new SqliteRateLimits(join(config.dataDir, 'rate-limits.sqlite')),
    };
    return { ...parts, close: () => closeAll(parts) };
  }
  const mongo = await MongoState.connect(config.url, config.database);
  try {
    const parts = {
      credentials: await MongoCredentials.open(mongo.db),
      embeddedCredentials: null,
      sessions: await MongoSessionStore.open(mongo.db),
      idempotency: await MongoIdempotencyStore.open(mongo.db),
      securityLog: new AggregatingSecurityLog(await MongoSecurityLog.open(mongo.db)),
      rateLimits: await MongoRateLimits.open(mongo.db),
    };
    return {
      ...parts,
      close: async () => {
        try {
          await closeAll(parts);
        } finally {
          await mongo.close();
        }
      },
    };
  } catch (error) {
    await mongo.close();
    throw error;
  }
}

/** Only the credentials, for `budget users …` and `budget import`. */
export async function openCredentials(
  config: ApiStateConfig,
): Promise<{ credentials: Credentials; close: () => Promise<void> }> {
  if (config.kind === 'sqlite') {
    const credentials = SqliteCredentials.open(join(config.dataDir, 'auth.sqlite'));
    return { credentials, close: () => credentials.close() };
  }
  const mongo = await MongoState.connect(config.url, config.database);
  try {
    const credentials = await MongoCredentials.open(mongo.db);
    return { credentials, close: () => mongo.close() };
  } catch (error) {
    await mongo.close();
    throw error;
  }
}

async function closeAll(parts: Omit<ApiState, 'close' | 'embeddedCredentials'>): Promise<void> {
  await parts.credentials.close();
  await parts.sessions.close();
  await parts.idempotency.close();
  await parts.securityLog.close();
  await parts.rateLimits.close();
}
