import type { Collection, Db } from 'mongodb';
import {
  windowCount,
  type RateLimitStorage,
  type WindowCount,
} from '../rate-limits/rate-limit-storage';

interface WindowDoc {
  _id: string;
  hits: number;
  windowEnds: Date;
}

/**
 * Rate-limit windows in `api_rate_limits`, shared by every API replica: one document per
 * key, counted by one atomic update (a pipeline that starts a new window once the old one
 * has ended), removed by a TTL index after its window.
 */
export class MongoRateLimits implements RateLimitStorage {
  private constructor(private readonly windows: Collection<WindowDoc>) {}

  static async open(db: Db): Promise<MongoRateLimits> {
    const windows = db.collection<WindowDoc>('api_rate_limits');
    await windows.createIndex({ windowEnds: 1 }, { expireAfterSeconds: 0 });
    return new MongoRateLimits(windows);
  }

  async increment(
    key: string,
    ttl: number,
    limit: number,
    _block: number,
    name: string,
  ): Promise<WindowCount> {
    const now = new Date();
    const ended = {
      $or: [{ $eq: [{ $type: '$windowEnds' }, 'missing'] }, { $lte: ['$windowEnds', now] }],
    };
    const doc = await this.windows.findOneAndUpdate(
      { _id: `${name}:${key}` },
      [
        {
          $set: {
            hits: { $cond: [ended, 1, { $add: ['$hits', 1] }] },
            windowEnds: { $cond: [ended, new Date(now.getTime() + ttl), '$windowEnds'] },
          },
        },
      ],
      { upsert: true, returnDocument: 'after' },
    );
    if (!doc) throw new Error('rate limit: no document returned');
    return windowCount(doc.hits, doc.windowEnds.getTime(), limit, now.getTime());
  }

  async close(): Promise<void> {
    // The client belongs to the API's state (MongoState), closed with it.
  }
}
