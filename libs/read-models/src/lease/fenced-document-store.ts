import {
  applyBatchesOf,
  type BatchRequest,
  type Doc,
  type DocumentStore,
  type Fence,
  type Filter,
  type FindOptions,
  type Lease,
  type ProjectionCheckpoint,
  type SumQuery,
  type SumRow,
  type Write,
} from '../document-store.port';
import { FencedOffError } from './lease-rules';

/**
 * The read store as a lease holder sees it: every batch it applies carries the fence
 * (lease and token) it was started with, so the runner, projectRange and rebuilds need no
 * change to be fenced. Once revoked (the task was stopped) it refuses batches itself, so
 * that work still in flight stops at its next batch. It shares, and never closes, the store
 * it wraps.
 */
export class FencedDocumentStore implements DocumentStore {
  private revoked = false;

  constructor(
    private readonly inner: DocumentStore,
    readonly fence: Fence,
  ) {}

  revoke(): void {
    this.revoked = true;
  }

  applyBatch(
    projection: string,
    writes: readonly Write[],
    position: bigint,
    version: number,
    expectedPrevious?: bigint | null,
  ): Promise<boolean> {
    if (this.revoked) return Promise.reject(new FencedOffError(this.fence, null));
    return this.inner.applyBatch(
      projection,
      writes,
      position,
      version,
      expectedPrevious,
      this.fence,
    );
  }

  /** The batches together where the store can, each carrying the fence as applyBatch's do. */
  applyBatches(requests: readonly BatchRequest[]): Promise<boolean[]> {
    if (this.revoked) return Promise.reject(new FencedOffError(this.fence, null));
    return applyBatchesOf(this.inner, requests, this.fence);
  }

  readLease(name: string): Promise<Lease | null> {
    return this.inner.readLease(name);
  }
  swapLease(next: Lease, expected: Lease | null): Promise<boolean> {
    return this.inner.swapLease(next, expected);
  }
  checkpoint(projection: string): Promise<ProjectionCheckpoint | null> {
    return this.inner.checkpoint(projection);
  }
  get(collection: string, id: string): Promise<Doc | null> {
    return this.inner.get(collection, id);
  }
  getMany(collection: string, ids: readonly string[]): Promise<Doc[]> {
    return this.inner.getMany(collection, ids);
  }
  find(collection: string, filter: Filter, options?: FindOptions): Promise<Doc[]> {
    return this.inner.find(collection, filter, options);
  }
  sum(collection: string, query: SumQuery): Promise<SumRow[]> {
    return this.inner.sum(collection, query);
  }
  scan(collection: string, afterId: string | null, limit: number): Promise<Doc[]> {
    return this.inner.scan(collection, afterId, limit);
  }
  drop(collections: readonly string[], projection?: string): Promise<void> {
    return this.inner.drop(collections, projection);
  }
  /**
   * Not fenced: a rebuild stopped by a revocation must still lift its freeze (in its
   * `finally`), and its batches are what carry the risk; those are refused.
   */
  setAlias(alias: string, target: string): Promise<void> {
    return this.inner.setAlias(alias, target);
  }
  resolveAlias(alias: string): Promise<string | null> {
    return this.inner.resolveAlias(alias);
  }
  ensureIndexes(collection: string, indexes: readonly (readonly string[])[]): Promise<void> {
    return this.inner.ensureIndexes(collection, indexes);
  }
  async close(): Promise<void> {
    this.revoke();
  }
}
