import type { RecordedEvent } from './event';
import type { EventStore } from './event-store.port';
import { CorruptEventError } from './errors';
import { hashMatches } from './hashing';

export interface BrokenEvent {
  readonly position: bigint;
  readonly streamId?: string;
  readonly revision?: bigint;
  readonly eventId?: string;
  readonly reason: string;
}

export interface VerifyResult {
  readonly ok: boolean;
  readonly eventsChecked: number;
  /** Position of the last event checked (the whole log when ok). */
  readonly lastPosition: bigint | null;
  readonly firstBroken?: BrokenEvent;
}

interface StreamTip {
  readonly revision: bigint;
  readonly hash: string;
}

function checkEvent(event: RecordedEvent, tip: StreamTip | undefined): string | null {
  const expectedRevision = tip ? tip.revision + 1n : 0n;
  if (event.revision !== expectedRevision) {
    return `revision ${event.revision} where ${expectedRevision} was expected (event missing, inserted or reordered)`;
  }
  const expectedPrevious = tip ? tip.hash : null;
  if (event.previousHash !== expectedPrevious) {
    return 'does not link to the previous event of its stream (previous hash differs)';
  }
  if (!hashMatches(event)) return 'content does not match its hash (changed after it was written)';
  return null;
}

/**
 * Walks the whole log in position order, as stored (no upcasting), and names the first
 * event whose content, link to its predecessor or place in its stream does not check out.
 */
export async function verifyLog(store: EventStore, pageSize = 1000): Promise<VerifyResult> {
  const tips = new Map<string, StreamTip>();
  let after: bigint | undefined;
  let checked = 0;
  for (;;) {
    let page: RecordedEvent[];
    let corrupt: CorruptEventError | undefined;
    try {
      page = await store.readAll({
        ...(after === undefined ? {} : { after }),
        maxCount: pageSize,
        upcast: false,
      });
    } catch (error) {
      if (!(error instanceof CorruptEventError)) throw error;
      // Check the good events before the undecodable one, one at a time, then stop there.
      page = await readUpTo(store, after, error.position);
      corrupt = error;
    }
    for (const event of page) {
      const broken =
        after !== undefined && event.position <= after
          ? `position ${event.position} does not follow ${after}`
          : checkEvent(event, tips.get(event.streamId));
      if (broken) {
        return {
          ok: false,
          eventsChecked: checked,
          lastPosition: after ?? null,
          firstBroken: {
            position: event.position,
            streamId: event.streamId,
            revision: event.revision,
            eventId: event.id,
            reason: broken,
          },
        };
      }
      tips.set(event.streamId, { revision: event.revision, hash: event.hash });
      after = event.position;
      checked++;
    }
    if (corrupt) {
      return {
        ok: false,
        eventsChecked: checked,
        lastPosition: after ?? null,
        firstBroken: { position: corrupt.position, reason: corrupt.message },
      };
    }
    if (page.length < pageSize)
      return { ok: true, eventsChecked: checked, lastPosition: after ?? null };
  }
}

async function readUpTo(
  store: EventStore,
  after: bigint | undefined,
  corrupt: bigint,
): Promise<RecordedEvent[]> {
  const events: RecordedEvent[] = [];
  let from = after;
  for (;;) {
    let event: RecordedEvent | undefined;
    try {
      [event] = await store.readAll({
        ...(from === undefined ? {} : { after: from }),
        maxCount: 1,
        upcast: false,
      });
    } catch (error) {
      if (error instanceof CorruptEventError) return events;
      throw error;
    }
    if (!event || event.position >= corrupt) return events;
    events.push(event);
    from = event.position;
  }
}
