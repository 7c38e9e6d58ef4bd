import type { EventStore, RecordedEvent } from '@app/event-store';
import type { BulkWriter, Doc, DocumentStore, Write } from '../document-store.port';
import type { DocRef, Projection, ProjectionWrite } from '../projection';
import { DeclaredLookup, DocTable, pageReads } from './declared-lookup';
import { checkpointName, physical, toPhysical, type Generation } from './generations';
import { projectRange } from './project-range';
import { held, heldAfter, idOf, toStoreWrite, type Held } from './states';

export interface ReplayOptions {
  /** Stop once this position has been applied (inclusive); omit to run to the log's head. */
  readonly until?: bigint;
  /** Events read from the log per page. */
  readonly pageSize?: number;
  /** Events evolved per generation before its writes commit with its checkpoint. */
  readonly commitEvery?: number;
  /** Documents kept between commits per generation for lookups (oldest dropped first). */
  readonly maxCachedDocs?: number;
  readonly onBatch?: (applied: { readonly events: number; readonly position: bigint }) => void;
  /** Checked between pages: stop early (after committing) when it returns true. */
  readonly shouldStop?: () => boolean;
  /**
   * Where the batches go when not to `docs.applyBatch` (a rebuild's bulk writer, another
   * thread): handed over without waiting for the last one to commit.
   */
  readonly writer?: BulkWriter;
  /** Batches handed to `writer` and not yet committed, at most (default: 2 per generation). */
  readonly maxInFlight?: number;
}

/** One generation being replayed: what it applied, what waits to commit, what it remembers. */
interface Lane {
  readonly generation: Generation;
  readonly projection: Projection;
  readonly checkpoint: string;
  /** The stored checkpoint (what the store holds). */
  applied: bigint | null;
  /** The checkpoint once the batches handed over commit (`applied` when none waits). */
  submitted: bigint | null;
  /** Last position evolved, committed or not. */
  evolved: bigint | null;
  /** Last write of each document since the last commit (typed values encoded at commit). */
  pending: DocTable<ProjectionWrite>;
  pendingEvents: number;
  /**
   * Batches handed to a writer thread and not known committed, oldest first: until then
   * the store's reads may not see them, so lookups look here before the store.
   */
  inFlight: DocTable<ProjectionWrite>[];
  /**
   * Documents as this replay left them, for lookups: only collections some `reads` named
   * (history entries and the like are written, never read back). Bounded, and trimmed only
   * right after a commit, so a trimmed document is in the store.
   */
  cache: DocTable<Held>;
  readCollections: Set<string>;
  /** The lookup evolve is handed, aimed at each event in turn. */
  lookup: DeclaredLookup;
  /** Another writer moved the checkpoint: this lane is left to projectRange. */
  lost: boolean;
}

function laneFor(generation: Generation, applied: bigint | null): Lane {
  const cache = new DocTable<Held>();
  return {
    generation,
    projection: generation.projection,
    checkpoint: checkpointName(generation),
    applied,
    submitted: applied,
    evolved: applied,
    pending: new DocTable(),
    pendingEvents: 0,
    inFlight: [],
    cache,
    readCollections: new Set(),
    lookup: new DeclaredLookup(
      generation.projection,
      (c, id) => (cache.get(c, id) ?? null) as Doc | null,
    ),
    lost: false,
  };
}

/** The last write of a document in the batches handed over and not known committed. */
function handedOver(lane: Lane, collection: string, id: string): ProjectionWrite | undefined {
  for (let i = lane.inFlight.length - 1; i >= 0; i--) {
    const write = lane.inFlight[i]!.get(collection, id);
    if (write) return write;
  }
  return undefined;
}

/** Loads, in one query per collection, the documents these events will read that the lane does not know. */
async function preload(
  docs: DocumentStore,
  lane: Lane,
  reads: readonly (readonly DocRef[] | undefined)[],
): Promise<void> {
  const { cache, pending, readCollections, projection } = lane;
  const wanted = new Map<string, Set<string>>();
  for (const refs of reads) {
    if (!refs) continue;
    for (const { collection, id } of refs) {
      readCollections.add(collection);
      if (cache.has(collection, id)) continue;
      const written = pending.get(collection, id) ?? handedOver(lane, collection, id);
      if (written) {
        cache.set(collection, id, heldAfter(projection, written));
        continue;
      }
      let ids = wanted.get(collection);
      if (!ids) wanted.set(collection, (ids = new Set()));
      ids.add(id);
    }
  }
  for (const [collection, ids] of wanted) {
    const found = await docs.getMany(physical(collection, lane.generation.tag), [...ids]);
    for (const id of ids) cache.set(collection, id, null);
    for (const doc of found) cache.set(collection, doc.id, held(projection, collection, doc));
  }
}

function evolvePage(
  lane: Lane,
  events: readonly RecordedEvent[],
  reads: readonly (readonly DocRef[] | undefined)[],
): void {
  const { projection, cache, pending, readCollections, lookup } = lane;
  for (let i = 0; i < events.length; i++) {
    const event = events[i]!;
    const declared = reads[i];
    if (declared) {
      for (const write of projection.evolve(lookup.aim(event, declared), event)) {
        const { collection } = write;
        const id = idOf(write);
        // Only the last write of a document before a commit matters, and a batch's writes
        // land together whatever their order: an overwrite in place, no delete and re-add
        // (a hot document, a line's, is written by most events of its line).
        pending.replace(collection, id, write);
        if (readCollections.has(collection))
          cache.set(collection, id, heldAfter(projection, write));
      }
    }
    lane.evolved = event.position;
    lane.pendingEvents++;
  }
}

/** A lane whose checkpoint someone else moved: what it evolved is void. */
function lose(lane: Lane): void {
  lane.lost = true;
  lane.cache.clear();
  lane.pending.clear();
  lane.pendingEvents = 0;
  lane.inFlight = [];
}

/**
 * The batches handed to a writer thread, in order, across lanes (one thread writes them
 * all). At most `max` wait: handing over one more first waits for the oldest, which
 * bounds the memory they hold (their documents here, their JSON text in the thread's
 * queue). A batch that fails rejects here, at the latest when the replay drains.
 */
class HandOver {
  private readonly queue: { lane: Lane; position: bigint; done: Promise<boolean> }[] = [];

  constructor(
    readonly writer: BulkWriter,
    private readonly max: number,
  ) {}

  async add(lane: Lane, position: bigint, done: Promise<boolean>): Promise<void> {
    // Awaited in order below; this only keeps a later batch's rejection from being
    // reported as unhandled while an earlier one is awaited.
    done.catch(() => undefined);
    this.queue.push({ lane, position, done });
    while (this.queue.length > this.max) await this.settleOldest();
  }

  async drain(): Promise<void> {
    while (this.queue.length > 0) await this.settleOldest();
  }

  private async settleOldest(): Promise<void> {
    const oldest = this.queue.shift();
    if (!oldest) return;
    const { lane, position, done } = oldest;
    const ok = await done;
    if (lane.lost) return;
    lane.inFlight.shift();
    if (ok) lane.applied = position;
    else lose(lane);
  }
}

/**
 * Commits the lane's pending writes with its checkpoint (compare-and-set on the stored
 * one), or hands them to the writer thread and goes on (the same batch, committed there).
 */
async function commit(
  docs: DocumentStore,
  lane: Lane,
  maxCachedDocs: number,
  handOver: HandOver | null,
): Promise<void> {
  if (lane.pendingEvents === 0 || lane.evolved === null || lane.evolved === lane.submitted) return;
  const { projection } = lane;
  const encoded = [...lane.pending.values()].map((w) => toStoreWrite(projection, w));
  const writes: Write[] = toPhysical(encoded, lane.generation.tag);
  const position = lane.evolved;
  if (handOver) {
    // Encoded before this returns: later events may change the typed values in place.
    const done = handOver.writer.applyBatch(
      lane.checkpoint,
      writes,
      position,
      projection.version,
      lane.submitted,
    );
    lane.inFlight.push(lane.pending);
    lane.pending = new DocTable();
    lane.pendingEvents = 0;
    lane.submitted = position;
    // A document trimmed now is still found in `inFlight` until its batch committed.
    lane.cache.trim(maxCachedDocs);
    await handOver.add(lane, position, done);
    return;
  }
  const ok = await docs.applyBatch(
    lane.checkpoint,
    writes,
    position,
    projection.version,
    lane.applied,
  );
  lane.pending.clear();
  lane.pendingEvents = 0;
  if (!ok) {
    // Someone else projects this generation: what this lane evolved is void.
    lose(lane);
    return;
  }
  lane.applied = position;
  lane.submitted = position;
  // Insertion order is roughly least recently written first.
  lane.cache.trim(maxCachedDocs);
}

/**
 * Replays the log once for several generations (each projection's documents and
 * checkpoint are its own): every page is read and decoded once and handed to each
 * generation beyond whose checkpoint it lies. Each generation keeps what it wrote in a
 * bounded cache, so lookups rarely reach the store, and commits every `commitEvery`
 * events (documents and checkpoint in one batch, compare-and-set: a crash resumes from
 * the checkpoint, and a generation someone else moved is finished by `projectRange`).
 * Memory is bounded by a page, the pending writes and the caches: never the whole log.
 * With a `writer` (a rebuild on SQLite: another thread) the commits are handed over in
 * order and the replay goes on while they are written, at most `maxInFlight` waiting.
 * @returns events read from the log
 */
export async function replayGenerations(
  events: EventStore,
  docs: DocumentStore,
  generations: readonly Generation[],
  options: ReplayOptions = {},
): Promise<number> {
  // Measured at 100k events: small commits let the written documents die young
  // (cheaper GC, lower peak memory) and cost little more, the bulk load not syncing.
  const pageSize = options.pageSize ?? 1000;
  const commitEvery = options.commitEvery ?? 1000;
  const maxCachedDocs = options.maxCachedDocs ?? 5000;
  const lanes: Lane[] = [];
  for (const generation of generations) {
    const applied = (await docs.checkpoint(checkpointName(generation)))?.position ?? null;
    lanes.push(laneFor(generation, applied));
  }
  const handOver = options.writer
    ? new HandOver(options.writer, options.maxInFlight ?? 2 * lanes.length)
    : null;
  const live = (): Lane[] => lanes.filter((l) => !l.lost);
  const behind = (l: Lane): boolean =>
    options.until === undefined || l.evolved === null || l.evolved < options.until;
  // The slowest generation sets where the log is read from.
  let after: bigint | null = null;
  if (lanes.every((l) => l.applied !== null)) {
    for (const lane of lanes) if (after === null || lane.applied! < after) after = lane.applied;
  }
  const flush = async (force: boolean): Promise<void> => {
    for (const lane of live()) {
      if (force || lane.pendingEvents >= commitEvery)
        await commit(docs, lane, maxCachedDocs, handOver);
    }
    if (force) await handOver?.drain();
  };
  let read = 0;
  for (;;) {
    if (options.shouldStop?.()) break;
    const active = live().filter(behind);
    if (active.length === 0) break;
    let page = await events.readAll({ ...(after === null ? {} : { after }), maxCount: pageSize });
    if (options.until !== undefined) {
      const until = options.until;
      page = page.filter((e) => e.position <= until);
    }
    const last = page.at(-1);
    if (!last) break;
    read += page.length;
    after = last.position;
    for (const lane of active) {
      const from = lane.evolved;
      const mine = from === null ? page : page.filter((e) => e.position > from);
      if (mine.length === 0) continue;
      const reads = pageReads(lane.projection, mine);
      await preload(docs, lane, reads);
      evolvePage(lane, mine, reads);
    }
    await flush(false);
    options.onBatch?.({ events: page.length, position: last.position });
  }
  // On an error nothing more is committed: the checkpoints say where to resume.
  await flush(true);
  for (const lane of lanes) {
    if (lane.lost && !options.shouldStop?.()) {
      await projectRange(events, docs, lane.generation, {
        ...(options.until === undefined ? {} : { until: options.until }),
      });
    }
  }
  return read;
}
