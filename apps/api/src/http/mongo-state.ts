import { MongoClient, type Db } from 'mongodb';
import { maskUrl } from '@app/read-models';

/** The database named in the URL, as the read store picks it, then the read store's default. */
function databaseOf(url: string): string {
  const match = /^mongodb(?:\+srv)?:\/\/[^/]*\/([^?]+)/.exec(url);
  return match?.[1] ? decodeURIComponent(match[1]) : 'budget_read_models';
}

/**
 * One client per process for the API's own state (credentials, sessions, idempotency
 * records, the security log), in the read store's database under `api_*` collections.
 *
 * `w: majority` and `readConcern: majority`, as the read store: a token issued, a session
 * opened or an idempotency record written on one replica is acknowledged only once a
 * majority has it, so a failover cannot roll it back and another replica, reading from
 * the primary, sees it. The claims that must be exclusive (an idempotency key, a token)
 * rest on unique `_id`s, which the primary enforces whatever the read concern.
 */
export class MongoState {
  private constructor(
    private readonly client: MongoClient,
    readonly db: Db,
  ) {}

  static async connect(url: string, database?: string): Promise<MongoState> {
    let client: MongoClient;
    try {
      client = new MongoClient(url, {
        writeConcern: { w: 'majority' },
        readConcern: { level: 'majority' },
      });
    } catch (error) {
      // Not attached as the cause: the driver's message may quote the URL and its password.
      // eslint-disable-next-line preserve-caught-error
      throw new Error(
        `Invalid MongoDB URL ${maskUrl(url)}: ${String(error).replace(url, maskUrl(url))}`,
      );
    }
    try {
      await client.connect();
      const db = client.db(database ?? databaseOf(url));
      await db.command({ ping: 1 });
      return new MongoState(client, db);
    } catch (error) {
      await client.close();
      // eslint-disable-next-line preserve-caught-error
      throw new Error(
        `MongoDB at ${maskUrl(url)} did not answer: ${error instanceof Error ? error.message.replace(url, maskUrl(url)) : String(error)}`,
      );
    }
  }

  async close(): Promise<void> {
    await this.client.close();
  }
}
