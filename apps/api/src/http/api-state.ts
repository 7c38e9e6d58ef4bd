import { join } from 'node:path';
import type { CredentialStore } from '../auth/credential-store';
import { Credentials } from '../auth/credentials.port';
import { MongoCredentials } from '../auth/mongo-credentials';
import { AggregatingSecurityLog } from '../auth/aggregating-security-log';
import { MongoSecurityLog } from '../auth/mongo-security-log';
import type { SecurityLog } from '../auth/security-log';
import { SqliteCredentials } from '../auth/sqlite-credentials';
import { SqliteSecurityLog } from '../auth/sqlite-security-log';
import { MongoSessionStore } from '../dashboard/mongo-session-store';
import type { SessionStore } from '../dashboard/session-store';
import { SqliteSessionStore } from '../dashboard/sqlite-session-store';
import type { IdempotencyStore } from '../idempotency/idempotency-store';
import { MongoIdempotencyStore } from '../idempotency/mongo-idempotency-store';
import { SqliteIdempotencyStore } from '../idempotency/sqlite-idempotency-store';
import { MongoState } from './mongo-state';
import { MongoRateLimits } from '../rate-limit/mongo-rate-limits';
import type { RateLimitStorage } from '../rate-limit/rate-limit-storage';
import { SqliteRateLimits } from '../rate-limit/sqlite-rate-limits';

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
