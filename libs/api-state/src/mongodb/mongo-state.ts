import type { Db, MongoClient } from 'mongodb';
import { databaseOf, majorityClient, maskUrl, maskedMessage } from '@app/read-models/mongodb';

/**
 * One client per process for the API's own state (credentials, sessions, idempotency
 * records, the security log), in the read store's database under `api_*` collections.
 *
 * `w: majority` and `readConcern: majority`, as the read store (majorityClient): a token
 * issued, a session opened or an idempotency record written on one replica is acknowledged
 * only once a majority has it, so a failover cannot roll it back and another replica,
 * reading from the primary, sees it. The claims that must be exclusive (an idempotency
 * key, a token) rest on unique `_id`s, which the primary enforces whatever the read concern.
 */
export class MongoState {
  private constructor(
    private readonly client: MongoClient,
    readonly db: Db,
  ) {}

  static async connect(url: string, database?: string): Promise<MongoState> {
    const client = majorityClient(url);
    try {
      await client.connect();
      const db = client.db(databaseOf(url, database));
      await db.command({ ping: 1 });
      return new MongoState(client, db);
    } catch (error) {
      await client.close();
      // eslint-disable-next-line preserve-caught-error
      throw new Error(`MongoDB at ${maskUrl(url)} did not answer: ${maskedMessage(url, error)}`);
    }
  }

  async close(): Promise<void> {
    await this.client.close();
  }
}
