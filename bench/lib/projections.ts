import type { EventStore } from '@app/event-store';
import {
  ALL_PROJECTIONS,
  projectRange,
  servingGeneration,
  type DocumentStore,
} from '@app/read-models';

export interface ProjectedCounts {
  readonly projection: string;
  readonly events: number;
  readonly ms: number;
}

/**
 * Replays the whole log into every projection's serving generation, one projection after
 * another, as a rebuild's replay step does (and as the runner does on a fresh read
 * store). Returns per projection the events read and the time taken.
 */
export async function projectAll(
  events: EventStore,
  docs: DocumentStore,
  options: { readonly batchSize?: number } = {},
): Promise<ProjectedCounts[]> {
  const out: ProjectedCounts[] = [];
  for (const projection of ALL_PROJECTIONS) {
    const started = performance.now();
    const generation = await servingGeneration(docs, projection);
    const n = await projectRange(events, docs, generation, {
      ...(options.batchSize ? { batchSize: options.batchSize } : {}),
    });
    out.push({ projection: projection.name, events: n, ms: performance.now() - started });
  }
  return out;
}
