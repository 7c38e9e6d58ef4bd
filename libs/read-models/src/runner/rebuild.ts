import type { EventStore } from '@app/event-store';
import type { DocumentStore } from '../document-store.port';
import type { Projection } from '../projection';
import { compareGenerations, type Difference } from './compare-generations';
import {
  checkpointName,
  collectionsOf,
  prepareGeneration,
  servingGeneration,
  type Generation,
} from './generations';
import { projectRange } from './project-range';
import { replayGenerations, type ReplayOptions } from './replay';
import { freezeAlias } from './projection-runner';

export interface RebuildProgress {
  readonly projection: string;
  readonly events: number;
  readonly position: bigint;
  readonly head: bigint;
  /** Events per second so far. */
  readonly rate: number;
  /** Seconds left at that rate, when the log's positions are dense enough to tell. */
  readonly etaSeconds: number | null;
}

export interface RebuildReport {
  readonly projection: string;
  readonly version: number;
  readonly fromGeneration: string;
  readonly toGeneration: string;
  readonly eventsReplayed: number;
  readonly durationMs: number;
  /** Position both generations were compared at, and the new one now serves from. */
  readonly position: bigint | null;
  /** Whether the rebuilt documents equal the ones they replace. */
  readonly equal: boolean;
  readonly differenceCount: number;
  readonly differences: readonly Difference[];
  /** True when the serving generation was built by another code version (then differences are expected). */
  readonly versionChanged: boolean;
  readonly resumed: boolean;
}

/** Tuning of the replay (page, commit and cache sizes); defaults suit a million events. */
export interface RebuildOptions extends Pick<
  ReplayOptions,
  'pageSize' | 'commitEvery' | 'maxCachedDocs'
> {
  /** Events per page and per commit at once (small values make tests cross many commits). */
  readonly batchSize?: number;
}

const PENDING = (name: string): string => `rebuild:${name}`;
const WAIT_STEP_MS = 50;
/** A live runner that has not moved for this long is taken to be absent. */
const STALL_MS = 2000;

interface Plan {
  readonly projection: Projection;
  readonly serving: Generation;
  readonly next: Generation;
  readonly resumed: boolean;
}

/** Picks the generation to build (or the one a crashed rebuild left) and clears what it replaces. */
async function planRebuild(docs: DocumentStore, projection: Projection): Promise<Plan> {
  const serving = await servingGeneration(docs, projection);
  const pending = await docs.resolveAlias(PENDING(projection.name));
  const resumed = pending !== null && pending !== '' && pending !== serving.tag;
  const next: Generation = { projection, tag: resumed ? pending : String(Number(serving.tag) + 1) };
  if (!resumed) {
    // The generation before the serving one is kept until now, for a rollback.
    const old: Generation = { projection, tag: String(Number(serving.tag) - 1) };
    await docs.drop(collectionsOf(old), checkpointName(old));
    await docs.drop(collectionsOf(next), checkpointName(next));
    await docs.setAlias(PENDING(projection.name), next.tag);
  }
  return { projection, serving, next, resumed };
}

/**
 * Replays the log once into every new generation, in the store's bulk mode when it has
 * one (the generations serve nobody yet); their indexes are built after the load, which
 * is cheaper than keeping them up to date row by row.
 */
async function loadGenerations(
  events: EventStore,
  docs: DocumentStore,
  nexts: readonly Generation[],
  options: ReplayOptions,
): Promise<number> {
  const collections = nexts.flatMap(collectionsOf);
  await docs.beginBulkLoad?.(collections);
  let replayed: number;
  try {
    // SQLite writes on a second thread, overlapping the replay (BENCHMARKS.md, rebuild).
    const writer = (await docs.openBulkWriter?.(collections)) ?? null;
    try {
      replayed = await replayGenerations(events, docs, nexts, {
        ...options,
        ...(writer ? { writer } : {}),
      });
    } catch (error) {
      // What is still queued is not written; the checkpoints say where to resume.
      await writer?.abort();
      throw error;
    }
    await writer?.close();
  } finally {
    // Normal durability again before anything may serve from these generations.
    await docs.endBulkLoad?.(collections);
  }
  for (const next of nexts) await prepareGeneration(docs, next);
  return replayed;
}

/**
 * Rebuilds projections into new generations while the serving ones keep answering:
 * 1. replay the whole log once into every generation N+1 (resuming their checkpoints
 *    after a crash); 2. freeze the serving generations at the head, and bring both sides
 *    to that same position; 3. compare them document by document; 4. switch each alias in
 *    one write; 5. unfreeze. The replaced generations stay until the next rebuild, so a
 *    bad switch can be undone. Live runners (in this or another process) follow the
 *    aliases on their next round. A serving generation that never applied an event (a
 *    fresh store) has nothing to compare: the rebuilt one replaces it at once.
 */
export async function rebuildProjections(
  events: EventStore,
  docs: DocumentStore,
  projections: readonly Projection[],
  onProgress?: (progress: RebuildProgress) => void,
  options: RebuildOptions = {},
): Promise<RebuildReport[]> {
  const started = Date.now();
  const plans: Plan[] = [];
  for (const projection of projections) plans.push(await planRebuild(docs, projection));
  const label = projections.map((p) => p.name).join(', ');

  let replayed = 0;
  const head = (await events.headPosition()) ?? 0n;
  const count = ({ events: n, position }: { events: number; position: bigint }): void => {
    replayed += n;
    const seconds = (Date.now() - started) / 1000;
    const rate = seconds > 0 ? replayed / seconds : 0;
    const left = head > position ? Number(head - position) : 0;
    onProgress?.({
      projection: label,
      events: replayed,
      position,
      head,
      rate,
      etaSeconds: rate > 0 && head < 1n << 53n ? left / rate : null,
    });
  };
  const nexts = plans.map((p) => p.next);
  const { batchSize, ...tuning } = options;
  const sizes = batchSize === undefined ? {} : { pageSize: batchSize, commitEvery: batchSize };
  await loadGenerations(events, docs, nexts, { ...sizes, ...tuning, until: head, onBatch: count });

  // Same position on both sides, then compare.
  const freezeAt = (await events.headPosition()) ?? 0n;
  for (const plan of plans) {
    await docs.setAlias(freezeAlias(plan.projection.name), freezeAt.toString());
  }
  try {
    const fresh = new Set<Plan>();
    for (const plan of plans) {
      if ((await docs.checkpoint(checkpointName(plan.serving))) === null) fresh.add(plan);
      else await bringServingTo(events, docs, plan.serving, freezeAt);
    }
    await replayGenerations(events, docs, nexts, { until: freezeAt, onBatch: count });
    const reports: RebuildReport[] = [];
    for (const plan of plans) {
      const { projection, serving, next } = plan;
      const servingCheckpoint = await docs.checkpoint(checkpointName(serving));
      const comparison = fresh.has(plan)
        ? { equal: true, total: 0, differences: [] }
        : await compareGenerations(docs, serving, next);
      await docs.setAlias(projection.name, next.tag);
      reports.push({
        projection: projection.name,
        version: projection.version,
        fromGeneration: serving.tag,
        toGeneration: next.tag,
        eventsReplayed: replayed,
        durationMs: Date.now() - started,
        position: freezeAt === 0n ? null : freezeAt,
        equal: comparison.equal,
        differenceCount: comparison.total,
        differences: comparison.differences,
        versionChanged:
          servingCheckpoint !== null && servingCheckpoint.version !== projection.version,
        resumed: plan.resumed,
      });
    }
    return reports;
  } finally {
    for (const plan of plans) {
      await docs.setAlias(freezeAlias(plan.projection.name), '');
      await docs.setAlias(PENDING(plan.projection.name), '');
    }
  }
}

/** One projection: see rebuildProjections. */
export async function rebuildProjection(
  events: EventStore,
  docs: DocumentStore,
  projection: Projection,
  onProgress?: (progress: RebuildProgress) => void,
  options: RebuildOptions = {},
): Promise<RebuildReport> {
  const [report] = await rebuildProjections(events, docs, [projection], onProgress, options);
  if (!report) throw new Error(`rebuild of ${projection.name} reported nothing`);
  return report;
}

/**
 * Waits for a live runner to bring the serving generation to `position`; if none moves
 * it, applies the missing events itself (the checkpoint guard makes a race harmless).
 */
async function bringServingTo(
  events: EventStore,
  docs: DocumentStore,
  serving: Generation,
  position: bigint,
): Promise<void> {
  if ((await events.headPosition()) === null) return;
  let last = (await docs.checkpoint(checkpointName(serving)))?.position ?? null;
  let since = Date.now();
  while (last === null || last < position) {
    if (Date.now() - since > STALL_MS) {
      await projectRange(events, docs, serving, { until: position });
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, WAIT_STEP_MS));
    const now = (await docs.checkpoint(checkpointName(serving)))?.position ?? null;
    if (now !== last) since = Date.now();
    last = now;
  }
}
