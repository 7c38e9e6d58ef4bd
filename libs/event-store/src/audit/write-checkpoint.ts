import type { ExpectedRevision, JsonObject, RecordedEvent } from '../event';
import type { EventStore } from '../event-store.port';
import { ConcurrencyError } from '../errors';
import { hashMatches } from '../hashing';
import { AuditError } from './audit-error';
import type { AuditSigningKey } from './audit-key';
import {
  AUDIT_STREAM,
  checkSignature,
  checkpointEvent,
  readStoredCheckpoint,
  signCheckpoint,
  type StoredCheckpoint,
} from './checkpoint';
import { leafHash, MerkleFrontier } from './merkle';

export const DEFAULT_CHECKPOINT_EVERY = 1000;
const PAGE = 1000;
const MAX_ATTEMPTS = 8;

export interface WriteCheckpointOptions {
  readonly key: AuditSigningKey;
  /** Cover the events up to this position; by default the head when called. */
  readonly upTo?: bigint;
  /**
   * Events per stored checkpoint (default 1000). A longer stretch is covered by several
   * checkpoints, so a stored one never holds more than this many leaf hashes.
   */
  readonly segmentSize?: number;
  /** Leave a last, incomplete segment for later (the periodic writer). */
  readonly fullSegmentsOnly?: boolean;
  readonly now?: () => Date;
  /** Keys the previous checkpoint may be signed with; by default the signing key only. */
  readonly trusted?: readonly string[];
  /** Who asked for it (the stored event's actor; `system:audit` by default) and why. */
  readonly actor?: string;
  readonly extra?: JsonObject;
}

/** The newest stored checkpoint, as stored (not checked). */
export async function latestCheckpointEvent(
  store: Pick<EventStore, 'readStream'>,
): Promise<RecordedEvent | null> {
  const [last] = await store.readStream(AUDIT_STREAM, {
    direction: 'backwards',
    maxCount: 1,
    upcast: false,
  });
  return last ?? null;
}

interface Continuation {
  readonly frontier: MerkleFrontier;
  readonly after: bigint | undefined;
  readonly previousRoot: string | null;
  readonly expected: ExpectedRevision;
}

/**
 * Where the next checkpoint starts: the previous one's frontier, after checking that
 * it is ours and that its segment folds to its signed root. Extending a forged
 * checkpoint would sign a lie; refusing is the only safe answer.
 */
function continueFrom(last: RecordedEvent | null, trusted: readonly string[]): Continuation {
  if (!last) {
    return {
      frontier: MerkleFrontier.empty(),
      after: undefined,
      previousRoot: null,
      expected: 'no_stream',
    };
  }
  const stored = readStoredCheckpoint(last);
  const refuse = (why: { vi: string; en: string }): never => {
    throw new AuditError('AUDIT.CHECKPOINT_INVALID', {
      vi: `điểm kiểm tra lưu ở vị trí ${last.position} không dùng được để nối tiếp: ${why.vi}`,
      en: `the checkpoint stored at position ${last.position} cannot be continued: ${why.en}`,
    });
  };
  if (typeof stored === 'string') return refuse({ vi: stored, en: stored });
  if (checkSignature(stored, trusted) !== 'valid') {
    return refuse({
      vi: 'chữ ký không hợp lệ hoặc khóa không được tin cậy',
      en: 'its signature is invalid or its key is not trusted',
    });
  }
  const frontier = afterSegment(stored);
  if (!frontier) {
    return refuse({
      vi: 'các lá của đoạn không cho ra gốc đã ký',
      en: 'its segment does not fold to its signed root',
    });
  }
  return {
    frontier,
    after: stored.position,
    previousRoot: stored.root,
    expected: stored.revision,
  };
}

/** The frontier after a stored checkpoint's segment, or null when it does not give its root. */
export function afterSegment(stored: StoredCheckpoint): MerkleFrontier | null {
  const before = stored.eventCount - BigInt(stored.leaves.length);
  let frontier: MerkleFrontier;
  try {
    frontier = MerkleFrontier.restore(before, stored.frontier);
  } catch {
    return null;
  }
  for (const leaf of stored.leaves) frontier.pushLeafHash(leaf);
  return frontier.root().toString('hex') === stored.root ? frontier : null;
}

/**
 * Writes checkpoints covering the log up to `upTo` into the `audit-checkpoints` stream,
 * continuing from the last one: reads only the events since, streaming (the tree's
 * frontier and one segment of leaf hashes in memory, never the log). Refuses to sign an
 * event whose content no longer matches its hash. Appends with the expected revision;
 * when another process checkpointed meanwhile, starts again from its checkpoint.
 * @returns the checkpoints written, oldest first (empty when nothing new was due)
 */
export async function writeCheckpoints(
  store: EventStore,
  options: WriteCheckpointOptions,
): Promise<StoredCheckpoint[]> {
  const segmentSize = Math.max(1, options.segmentSize ?? DEFAULT_CHECKPOINT_EVERY);
  const now = options.now ?? (() => new Date());
  const trusted = options.trusted ?? [options.key.fingerprint];
  const written: StoredCheckpoint[] = [];
  for (let attempt = 1; ; attempt++) {
    const start = continueFrom(await latestCheckpointEvent(store), trusted);
    const upTo = options.upTo ?? (await store.headPosition());
    if (upTo === null || (start.after !== undefined && upTo <= start.after)) return written;

    let { after, previousRoot, expected } = start;
    const frontier = start.frontier;
    let segmentStart = { after: after ?? null, frontier: frontier.peakHashes };
    let leaves: Buffer[] = [];
    const emit = async (position: bigint): Promise<void> => {
      const signed = signCheckpoint(
        {
          position,
          eventCount: frontier.count,
          root: frontier.root().toString('hex'),
          createdAt: now().toISOString(),
          previousRoot,
        },
        options.key,
      );
      const segment = { after: segmentStart.after, frontier: segmentStart.frontier, leaves };
      const event = checkpointEvent(signed, segment, {
        ...(options.actor ? { actor: options.actor } : {}),
        ...(options.extra ? { extra: options.extra } : {}),
      });
      const result = await store.append(AUDIT_STREAM, [event], { expectedRevision: expected });
      written.push({
        ...signed,
        storedAt: result.position,
        revision: result.nextExpectedRevision,
        segmentAfter: segment.after,
        frontier: segment.frontier,
        leaves,
      });
      expected = result.nextExpectedRevision;
      previousRoot = signed.root;
      segmentStart = { after: position, frontier: frontier.peakHashes };
      leaves = [];
    };

    try {
      let last: bigint | undefined;
      for (;;) {
        const page = await store.readAll({
          ...(after === undefined ? {} : { after }),
          maxCount: PAGE,
          upcast: false,
        });
        const inRange = page.filter((e) => e.position <= upTo);
        for (const event of inRange) {
          if (!hashMatches(event)) {
            throw new AuditError('AUDIT.LOG_NOT_INTACT', {
              vi: `không ký điểm kiểm tra: sự kiện ở vị trí ${event.position} không khớp mã băm của nó`,
              en: `refusing to sign a checkpoint: the event at position ${event.position} does not match its hash`,
            });
          }
          const leaf = leafHash(event.hash);
          frontier.pushLeafHash(leaf);
          leaves.push(leaf);
          last = event.position;
          if (leaves.length === segmentSize) await emit(event.position);
        }
        const tail = page.at(-1);
        if (!tail || page.length < PAGE || tail.position >= upTo) break;
        after = tail.position;
      }
      if (leaves.length > 0 && !options.fullSegmentsOnly && last !== undefined) await emit(last);
      return written;
    } catch (error) {
      // Another writer checkpointed meanwhile: continue from its checkpoint instead.
      if (!(error instanceof ConcurrencyError) || attempt >= MAX_ATTEMPTS) throw error;
    }
  }
}

/**
 * True when at least `every` events follow the last checkpoint. Reads at most `every`
 * events (none when the positions alone show too few could have been appended).
 */
export async function checkpointDue(store: EventStore, every: number): Promise<boolean> {
  const last = await latestCheckpointEvent(store);
  const stored = last ? readStoredCheckpoint(last) : null;
  const after = stored && typeof stored !== 'string' ? stored.position : undefined;
  const head = await store.headPosition();
  if (head === null) return false;
  // Positions strictly increase, so fewer than `every` of them fit in a shorter span.
  if (after !== undefined && head - after < BigInt(every)) return false;
  const page = await store.readAll({ ...(after === undefined ? {} : { after }), maxCount: every });
  return page.length >= every;
}
