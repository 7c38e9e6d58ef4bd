import type { Collection, Db, ObjectId } from 'mongodb';
import { SecurityLog, boundedRefusal, type Refusal } from '../security-log/security-log';

type RefusalDoc = Refusal & { _id?: ObjectId };

export const SECURITY_LOG = 'api_security_log';

/**
 * The security log in `api_security_log`, one document per refusal from every replica.
 * Append-only by use: the API only inserts (give the API's database user no `remove` on
 * it where that matters). No TTL: how long refusals are kept is the operator's decision.
 * Ordered by `at` then `_id`: replicas' clocks agree to within the skew NTP leaves,
 * which is as fine as an access review needs.
 */
export class MongoSecurityLog extends SecurityLog {
  private readonly refusals: Collection<RefusalDoc>;

  private constructor(db: Db) {
    super();
    this.refusals = db.collection<RefusalDoc>(SECURITY_LOG);
  }

  static async open(db: Db): Promise<MongoSecurityLog> {
    const log = new MongoSecurityLog(db);
    await log.refusals.createIndex({ at: -1, _id: -1 }, { name: 'newest_first' });
    return log;
  }

  async record(refusal: Refusal): Promise<void> {
    // A copy: insertOne adds `_id` to the object it is given.
    await this.refusals.insertOne({ ...boundedRefusal(refusal) });
  }

  async recent(limit = 100): Promise<Refusal[]> {
    const docs = await this.refusals
      .find({}, { projection: { _id: 0 } })
      .sort({ at: -1, _id: -1 })
      .limit(limit)
      .toArray();
    return docs.map((d) => ({
      at: d.at,
      userId: d.userId,
      role: d.role,
      method: d.method,
      path: d.path,
      status: d.status,
      code: d.code,
      reason: d.reason,
      ip: d.ip,
      ...(d.repeated ? { repeated: d.repeated } : {}),
    }));
  }

  async close(): Promise<void> {}
}
