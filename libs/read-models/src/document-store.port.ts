/**
 * The read side's storage: named collections of JSON documents, written only by
 * projections, in batches that commit together with the projection's checkpoint.
 * Two adapters (embedded SQLite, MongoDB) pass one contract suite.
 *
 * Documents are plain JSON objects with a string `id`. Money is a decimal string of whole
 * đồng inside documents; `sum` adds such strings exactly (never as floats).
 */
export type DocumentValue =
  null | boolean | number | string | DocumentValue[] | { [key: string]: DocumentValue };
export type Doc = { readonly id: string } & { readonly [key: string]: DocumentValue };

/** Equality, or a range/set condition, on a top-level field. */
export type Condition =
  | string
  | number
  | boolean
  | null
  | {
      readonly $lt?: string | number;
      readonly $lte?: string | number;
      readonly $gt?: string | number;
      readonly $gte?: string | number;
      readonly $in?: readonly (string | number)[];
    };

/** All conditions must hold (AND). Fields are top-level. */
export type Filter = Readonly<Record<string, Condition>>;

export interface FindOptions {
  /** Sort keys in order; 1 ascending, -1 descending. */
  readonly sort?: readonly (readonly [field: string, direction: 1 | -1])[];
  readonly limit?: number;
}

export type Write =
  | { readonly op: 'put'; readonly collection: string; readonly doc: Doc }
  | { readonly op: 'delete'; readonly collection: string; readonly id: string };

/** Where a projection's documents stand: the log position applied and the code that built them. */
export interface ProjectionCheckpoint {
  readonly projection: string;
  /** Last log position whose effect is in the documents; null before the first event. */
  readonly position: bigint | null;
  /** The projection code version that built the documents (bumped when its evolve changes). */
  readonly version: number;
  readonly updatedAt: string;
}

export interface SumQuery {
  readonly filter: Filter;
  /** Top-level fields to group by (may be empty: one row of totals). */
  readonly groupBy: readonly string[];
  /** Top-level fields holding whole-đồng decimal strings (or integers) to add up exactly. */
  readonly sum: readonly string[];
}

/** One group: the groupBy fields' values and each summed field as a decimal string. */
export type SumRow = Readonly<Record<string, string | number | boolean | null>>;

/**
 * Who may write for a named task (a projection, the process managers) and until when.
 * Kept in the read store beside the documents it guards (see lease/lease.ts).
 */
export interface Lease {
  readonly name: string;
  /** The holding process instance: unique per process, never reused by a restart. */
  readonly holder: string;
  /** Fencing token: a positive integer, one higher each time the lease changes hands. */
  readonly token: number;
  /** ISO instant, by the holder's clock; after it, another process may take the lease over. */
  readonly expiresAt: string;
}

/** What a lease holder's batch carries: refused once the lease has a newer token. */
export interface Fence {
  readonly lease: string;
  readonly token: number;
}

/** See DocumentStore.openBulkWriter. */
export interface BulkWriter {
  /** As DocumentStore.applyBatch (no fence); the writes are encoded before this returns. */
  applyBatch(
    projection: string,
    writes: readonly Write[],
    position: bigint,
    version: number,
    expectedPrevious?: bigint | null,
  ): Promise<boolean>;
  /**
   * Waits for the batches handed over (the first error, if any, rejects it) and stops the
   * thread. After an error the batches still queued are skipped, not written.
   */
  close(): Promise<void>;
  /** Skips the batches still queued (the caller failed), then stops; never rejects. */
  abort(): Promise<void>;
}

/** One projection's batch, as applyBatch takes it (see DocumentStore.applyBatches). */
export interface BatchRequest {
  readonly projection: string;
  readonly writes: readonly Write[];
  readonly position: bigint;
  readonly version: number;
  readonly expectedPrevious?: bigint | null;
}

/**
 * The store's applyBatches, or the batches applied one by one where it has none (each
 * still all or nothing with its checkpoint; they then land apart, not together).
 */
export async function applyBatchesOf(
  docs: DocumentStore,
  requests: readonly BatchRequest[],
  fence?: Fence,
): Promise<boolean[]> {
  if (docs.applyBatches) return docs.applyBatches(requests, fence);
  const results: boolean[] = [];
  for (const r of requests) {
    results.push(
      await docs.applyBatch(
        r.projection,
        r.writes,
        r.position,
        r.version,
        r.expectedPrevious,
        fence,
      ),
    );
  }
  return results;
}

export interface DocumentStore {
  /**
   * Applies the writes and moves the projection's checkpoint to `position`, all or
   * nothing. A batch whose position is not beyond the stored checkpoint changes nothing
   * (a replayed or duplicated delivery), so effects land exactly once.
   *
   * `expectedPrevious`, when given, makes the batch a compare-and-set: it applies only if
   * the stored checkpoint is exactly that position (null: no checkpoint yet). A writer
   * that computed its batch from documents read at that checkpoint is then sure nobody
   * moved them meanwhile, so two processes projecting one generation stay exact.
   *
   * `fence`, when given, is checked first and atomically with the writes: if the named
   * lease is missing or has another token (it changed hands), nothing lands and the call
   * throws FencedOffError, so a holder that was paused past its lease learns it lost it.
   * @returns false when the batch was skipped (already applied, or the checkpoint moved)
   */
  applyBatch(
    projection: string,
    writes: readonly Write[],
    position: bigint,
    version: number,
    expectedPrevious?: bigint | null,
    fence?: Fence,
  ): Promise<boolean>;

  /**
   * Applies several projections' batches in one transaction, each exactly as applyBatch
   * would apply it on its own (its own checkpoint, compare-and-set and skip rules): a
   * skipped batch does not stop the others, and those applied land together. If any
   * batch throws (an invalid write, a fence lost, the store failing), none lands and the
   * call rejects. Optional: a store without it is given the batches one by one
   * (applyBatchesOf), which is what it means anyway.
   * @returns per request, as applyBatch's result
   */
  applyBatches?(requests: readonly BatchRequest[], fence?: Fence): Promise<boolean[]>;

  /** The stored lease of that name, or null if nobody ever took it. */
  readLease(name: string): Promise<Lease | null>;
  /**
   * Compare-and-set of a lease: stores `next` only if the stored lease is exactly
   * `expected` (same holder, token and expiry; null: none stored yet). Atomic: of two
   * processes swapping from the same lease, one wins.
   * @returns false when the stored lease was not `expected`
   */
  swapLease(next: Lease, expected: Lease | null): Promise<boolean>;

  checkpoint(projection: string): Promise<ProjectionCheckpoint | null>;

  get(collection: string, id: string): Promise<Doc | null>;
  /** Many ids at once, in no particular order; missing ids are absent from the result. */
  getMany(collection: string, ids: readonly string[]): Promise<Doc[]>;
  find(collection: string, filter: Filter, options?: FindOptions): Promise<Doc[]>;
  sum(collection: string, query: SumQuery): Promise<SumRow[]>;

  /** Every document of a collection in id order, page by page (for comparisons). */
  scan(collection: string, afterId: string | null, limit: number): Promise<Doc[]>;

  /** Removes a collection and (if given) a projection checkpoint: used to discard a rebuild. */
  drop(collections: readonly string[], projection?: string): Promise<void>;

  /**
   * Makes `target` the name that serves reads for `alias` (generation switch). Atomic:
   * readers see the old or the new generation, never a mix.
   */
  setAlias(alias: string, target: string): Promise<void>;
  /** The collection currently serving `alias`, or null when never set. */
  resolveAlias(alias: string): Promise<string | null>;

  /**
   * Optional. These collections serve nobody yet (a rebuild's new generation): until
   * `endBulkLoad`, the store may load them faster at the price of safety against an OS
   * crash or power cut (never against a process crash). Each batch still commits its
   * documents with its checkpoint, so an interrupted load resumes from the checkpoint.
   * Indexes are best created after the load (ensureIndexes).
   */
  beginBulkLoad?(collections: readonly string[]): Promise<void>;
  /** Optional. Ends a bulk load: what it wrote is durable when this resolves. */
  endBulkLoad?(collections: readonly string[]): Promise<void>;
  /**
   * Optional, during a bulk load: a writer for these collections' batches that writes
   * them on another thread, so the caller evolves the next batch while the last one is
   * inserted and committed (null when the store has none, or it is turned off). Batches
   * commit in the order they are handed over, each with its checkpoint in one transaction
   * (the same compare-and-set as applyBatch), so a caller may hand one over before the
   * previous one resolved; what a batch wrote is visible to this store's reads once its
   * promise resolved, not before. Closed before endBulkLoad.
   */
  openBulkWriter?(collections: readonly string[]): Promise<BulkWriter | null>;

  /** Creates the collection's indexes if missing (compound, ascending), e.g. [['lineId', 'effectiveDate']]. */
  ensureIndexes(collection: string, indexes: readonly (readonly string[])[]): Promise<void>;

  close(): Promise<void>;
}
