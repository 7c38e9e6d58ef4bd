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

const PENDING = (name: string): string => `rebuild:${name}`;
const WAIT_STEP_MS = 50;
/** A live runner that has not moved for this long is taken to be absent. */
const STALL_MS = 2000;

/**
 * Rebuilds a projection into a new generation while the serving one keeps answering:
 * 1. replay the whole log into generation N+1 (resuming its checkpoint after a crash);
 * 2. freeze the serving generation at the head, and bring both to that same position;
 * 3. compare them document by document; 4. switch the alias in one write; 5. unfreeze.
 * The replaced generation stays until the next rebuild, so a bad switch can be undone.
 * Live runners (in this or another process) follow the alias on their next round.
 */
export async function rebuildProjection(
  events: EventStore,
  docs: DocumentStore,
  projection: Projection,
  onProgress?: (progress: RebuildProgress) => void,
  options: { readonly batchSize?: number } = {},
): Promise<RebuildReport> {
  const started = Date.now();
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
  await prepareGeneration(docs, next);

  let replayed = 0;
  const head = (await events.headPosition()) ?? 0n;
  const report = (position: bigint): void => {
    const seconds = (Date.now() - started) / 1000;
    const rate = seconds > 0 ? replayed / seconds : 0;
    const left = head > position ? Number(head - position) : 0;
    onProgress?.({
      projection: projection.name,
      events: replayed,
      position,
      head,
      rate,
      etaSeconds: rate > 0 && head < 1n << 53n ? left / rate : null,
    });
  };
  const count = ({ events: n, position }: { events: number; position: bigint }): void => {
    replayed += n;
    report(position);
  };
  await projectRange(events, docs, next, { until: head, onBatch: count, ...options });

  // Same position on both sides, then compare.
  const freezeAt = (await events.headPosition()) ?? 0n;
  await docs.setAlias(freezeAlias(projection.name), freezeAt.toString());
  try {
    await bringServingTo(events, docs, serving, freezeAt);
    await projectRange(events, docs, next, { until: freezeAt, onBatch: count });
    const servingCheckpoint = await docs.checkpoint(checkpointName(serving));
    const comparison = await compareGenerations(docs, serving, next);
    await docs.setAlias(projection.name, next.tag);
    return {
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
      resumed,
    };
  } finally {
    await docs.setAlias(freezeAlias(projection.name), '');
    await docs.setAlias(PENDING(projection.name), '');
  }
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
