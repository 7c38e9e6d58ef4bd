import type { EventMetadataInput, EventStore, RecordedEvent } from '@app/event-store';
import { decodeEvent, type DomainEvent } from './event-codec';

/** How a stream's state is folded. The cache keys on the store, the stream and `name`. */
export interface StreamView<E extends DomainEvent, S> {
  readonly streamId: string;
  /**
   * Names the fold (`budget-line-view@1`): two views with one name on one stream share a
   * cached state, so give each fold its own and bump the version when its state changes.
   */
  readonly name: string;
  readonly initialState: S;
  /** Pure. Gets each event's metadata too, for views that keep its business date. */
  readonly evolve: (state: S, event: E, metadata: EventMetadataInput) => S;
}

/** A stream folded up to a revision. Never changed once made: catching up makes a new one. */
export interface FoldedStream<S> {
  readonly state: S;
  /** Revision of the last event folded in; null while the stream is empty. */
  readonly revision: bigint | null;
  /**
   * Id → revision of the stream's events, so a retried command is recognised without
   * reading the stream. Shared by the versions of one cached stream and only ever grown
   * with committed facts, so it may know ids past `revision` (still true ones).
   */
  readonly ids: ReadonlyMap<string, number>;
}

interface Entry extends FoldedStream<unknown> {
  readonly ids: Map<string, number>;
}

/**
 * Streams kept folded, per store, least recently used evicted first. ~1k lines of a few
 * hundred events each (their states and ids) stay in the tens of MB.
 */
const CAPACITY = 1024;

/**
 * The folded state of the streams a process writes to, so that a command reads only the
 * events appended since (by this process or any other sharing the log: the catch-up read
 * sees them all) instead of loading and folding the whole stream each time. Keyed by
 * stream and by the fold's name, so two deciders on one stream never share a state. States are immutable: a decide that throws leaves nothing to undo.
 */
export class StreamStateCache {
  private readonly entries = new Map<string, Entry>();
  /** Per stream, the end of the queue of commands taking turns on it. */
  private readonly queues = new Map<string, Promise<void>>();

  constructor(private readonly capacity = CAPACITY) {}

  get size(): number {
    return this.entries.size;
  }

  /** The stream folded to its end as the store has it now. */
  async catchUp<E extends DomainEvent, S>(
    store: EventStore,
    view: StreamView<E, S>,
  ): Promise<FoldedStream<S>> {
    const key = keyOf(view);
    const base: Entry = this.entries.get(key) ?? {
      state: view.initialState,
      revision: null,
      ids: new Map(),
    };
    const newer = await store.readStream(
      view.streamId,
      base.revision === null ? {} : { fromRevision: base.revision + 1n },
    );
    if (newer.length === 0) {
      this.keep(key, base);
      return base as FoldedStream<S>;
    }
    if (!contiguous(base.revision, newer)) {
      // Not expected of any adapter; refold from the start rather than trust the cache.
      this.entries.delete(key);
      if (base.revision === null) throw new Error(`stream ${view.streamId} has a revision gap`);
      return this.catchUp(store, view);
    }
    let state = base.state as S;
    for (const recorded of newer) {
      state = view.evolve(state, decodeEvent<E>(recorded), recorded.metadata);
      base.ids.set(recorded.id, Number(recorded.revision));
    }
    const last = newer[newer.length - 1] as RecordedEvent;
    const next: Entry = { ...base, state, revision: last.revision };
    this.keep(key, next);
    return next as FoldedStream<S>;
  }

  /**
   * After an append at `from`'s revision was acknowledged: fold the events written (as
   * they will read back) so the next command starts from them without a read.
   */
  advance<E extends DomainEvent, S>(
    view: StreamView<E, S>,
    from: FoldedStream<S>,
    written: readonly { readonly id: string; readonly event: E }[],
    metadata: EventMetadataInput,
    revision: bigint,
  ): void {
    const first = (from.revision ?? -1n) + 1n;
    // A re-append answered with an earlier result wrote nothing now: leave the cache be.
    if (revision !== first + BigInt(written.length) - 1n) return;
    const key = keyOf(view);
    const ids = from.ids as Map<string, number>;
    let state = from.state;
    try {
      written.forEach(({ id, event }, i) => {
        state = view.evolve(state, event, metadata);
        ids.set(id, Number(first) + i);
      });
    } catch {
      // The events are written: forget the stream, so the next command refolds it from
      // the log (and meets the same error there, where it can be answered).
      this.entries.delete(key);
      return;
    }
    this.keep(key, { state, revision, ids });
  }

  /**
   * Waits until the commands on the stream queued before this one are done; `release`
   * lets the next one go. `waited` tells whether any was ahead.
   */
  async turn(
    streamId: string,
  ): Promise<{ readonly release: () => void; readonly waited: boolean }> {
    const ahead = this.queues.get(streamId);
    let release!: () => void;
    const done = new Promise<void>((resolve) => (release = resolve));
    const end = ahead ? ahead.then(() => done) : done;
    this.queues.set(streamId, end);
    if (ahead) await ahead;
    return {
      waited: ahead !== undefined,
      release: () => {
        release();
        if (this.queues.get(streamId) === end) this.queues.delete(streamId);
      },
    };
  }

  /** Stores a version unless a newer one is already there (commands interleave). */
  private keep(key: string, entry: Entry): void {
    const current = this.entries.get(key);
    if (
      current &&
      current.revision !== null &&
      (entry.revision === null || current.revision > entry.revision)
    ) {
      this.touch(key, current);
      return;
    }
    this.touch(key, entry);
  }

  private touch(key: string, entry: Entry): void {
    this.entries.delete(key);
    this.entries.set(key, entry);
    if (this.entries.size > this.capacity) {
      const oldest = this.entries.keys().next();
      if (!oldest.done) this.entries.delete(oldest.value);
    }
  }
}

function keyOf(view: { readonly name: string; readonly streamId: string }): string {
  return `${view.name}\u0000${view.streamId}`;
}

function contiguous(revision: bigint | null, events: readonly RecordedEvent[]): boolean {
  let expected = (revision ?? -1n) + 1n;
  for (const event of events) {
    if (event.revision !== expected) return false;
    expected++;
  }
  return true;
}

const caches = new WeakMap<EventStore, StreamStateCache>();

/** The cache of one store instance (one connection to one log). */
export function streamStateCache(store: EventStore): StreamStateCache {
  let cache = caches.get(store);
  if (!cache) {
    cache = new StreamStateCache();
    caches.set(store, cache);
  }
  return cache;
}
