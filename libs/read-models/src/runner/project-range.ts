import type { EventStore, RecordedEvent } from '@app/event-store';
import type { BatchRequest, Doc, DocumentStore } from '../document-store.port';
import type { DocRef, Projection, ProjectionWrite } from '../projection';
import { DeclaredLookup, DocTable, pageReads } from './declared-lookup';
import { checkpointName, physical, toPhysical, type Generation } from './generations';
import { held, heldAfter, idOf, toStoreWrite, type Held } from './states';

export interface RangeOptions {
  /** Stop once this position has been applied (inclusive); omit to run to the log's head. */
  readonly until?: bigint;
  readonly batchSize?: number;
  readonly onBatch?: (applied: { readonly events: number; readonly position: bigint }) => void;
  /** Checked between batches: stop early when it returns true. */
  readonly shouldStop?: () => boolean;
}

/** Loads the documents a page of events will read, in one query per collection. */
async function preload(
  docs: DocumentStore,
  generation: Generation,
  reads: readonly (readonly DocRef[] | undefined)[],
): Promise<DocTable<Held>> {
  const projection: Projection = generation.projection;
  const wanted = new Map<string, Set<string>>();
  for (const refs of reads) {
    for (const ref of refs ?? []) {
      const ids = wanted.get(ref.collection) ?? new Set<string>();
      ids.add(ref.id);
      wanted.set(ref.collection, ids);
    }
  }
  const cache = new DocTable<Held>();
  for (const [collection, ids] of wanted) {
    const found = await docs.getMany(physical(collection, generation.tag), [...ids]);
    for (const id of ids) cache.set(collection, id, null);
    for (const doc of found) cache.set(collection, doc.id, held(projection, collection, doc));
  }
  return cache;
}

/**
 * Evolves one page into the batch that applies it: evolve sees the documents as the
 * earlier events of the same page left them, and the batch carries the page's writes with
 * its checkpoint, compare-and-set on the checkpoint the documents were read at. Null when
 * nothing in the page lies beyond the stored checkpoint (another writer applied it).
 */
export async function preparePage(
  docs: DocumentStore,
  generation: Generation,
  delivered: readonly RecordedEvent[],
): Promise<BatchRequest | null> {
  // A redelivery may overlap what is applied: only events beyond the checkpoint count.
  const applied = (await docs.checkpoint(checkpointName(generation)))?.position ?? null;
  // Keep each position once, in order: a page that repeats an event applies it once.
  const events: RecordedEvent[] = [];
  for (const e of delivered) {
    const last = events.at(-1)?.position ?? applied;
    if (last === null || e.position > last) events.push(e);
  }
  const last = events.at(-1);
  if (!last) return null;
  const { projection } = generation;
  const reads = pageReads(projection, events);
  const cache = await preload(docs, generation, reads);
  const lookup = new DeclaredLookup(
    projection,
    (c, id) => (cache.get(c, id) ?? null) as Doc | null,
  );
  const writes = new DocTable<ProjectionWrite>();
  for (let i = 0; i < events.length; i++) {
    const event = events[i]!;
    const declared = reads[i];
    if (!declared) continue; // not handled
    for (const write of projection.evolve(lookup.aim(event, declared), event)) {
      const id = idOf(write);
      cache.set(write.collection, id, heldAfter(projection, write));
      // Only the last write of a document in the page matters.
      writes.set(write.collection, id, write);
    }
  }
  return {
    projection: checkpointName(generation),
    // Typed values encoded once, at the commit of the page.
    writes: toPhysical(
      [...writes.values()].map((w) => toStoreWrite(projection, w)),
      generation.tag,
    ),
    position: last.position,
    version: projection.version,
    // Only if nobody moved the checkpoint since the documents were read (compare-and-set).
    expectedPrevious: applied,
  };
}

/** Projects one page (preparePage) and commits it with its checkpoint. */
export async function projectPage(
  docs: DocumentStore,
  generation: Generation,
  delivered: readonly RecordedEvent[],
): Promise<boolean> {
  const batch = await preparePage(docs, generation, delivered);
  if (batch === null) return false;
  return docs.applyBatch(
    batch.projection,
    batch.writes,
    batch.position,
    batch.version,
    batch.expectedPrevious,
  );
}

/** Applies events after the generation's checkpoint, page by page. Returns events read. */
export async function projectRange(
  events: EventStore,
  docs: DocumentStore,
  generation: Generation,
  options: RangeOptions = {},
): Promise<number> {
  const batchSize = options.batchSize ?? 1000;
  let after = (await docs.checkpoint(checkpointName(generation)))?.position ?? undefined;
  let total = 0;
  for (;;) {
    if (options.shouldStop?.()) return total;
    if (options.until !== undefined && after !== undefined && after >= options.until) return total;
    let page = await events.readAll({
      ...(after === undefined ? {} : { after }),
      maxCount: batchSize,
    });
    if (options.until !== undefined) page = page.filter((e) => e.position <= (options.until ?? 0n));
    const last = page.at(-1);
    if (!last) return total;
    if (await projectPage(docs, generation, page)) {
      total += page.length;
      after = last.position;
      options.onBatch?.({ events: page.length, position: last.position });
    } else {
      // Another writer got there first: continue from where it left the documents.
      after = (await docs.checkpoint(checkpointName(generation)))?.position ?? undefined;
    }
  }
}
