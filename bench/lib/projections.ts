// Deep imports, not '@app/read-models': the rebuild child measures its peak RSS, and the
// package index also loads the MongoDB driver and Nest, which a rebuild never uses.
import type { EventStore } from '@app/event-store';
import type { DocumentStore } from '@app/read-models';
import { ALL_PROJECTIONS } from '@app/read-models';
import { rebuildProjections } from '@app/read-models';

export interface ProjectedCounts {
  readonly projection: string;
  readonly events: number;
  readonly ms: number;
}

/**
 * Rebuilds every projection from the whole log, as `budget rebuild` does: one pass over
 * the log for all of them, into new generations in the store's bulk mode, indexes built
 * after the load, then the switch (on a fresh store there is nothing to compare). The
 * single pass has no per-projection time: one entry names them all.
 */
export async function projectAll(
  events: EventStore,
  docs: DocumentStore,
  options: { readonly batchSize?: number } = {},
): Promise<ProjectedCounts[]> {
  const started = performance.now();
  const reports = await rebuildProjections(events, docs, ALL_PROJECTIONS, undefined, options);
  const differing = reports.filter((r) => !r.equal).map((r) => r.projection);
  if (differing.length > 0) throw new Error(`rebuilt generations differ: ${differing.join(', ')}`);
  return [
    {
      projection: ALL_PROJECTIONS.map((p) => p.name).join('+'),
      events: reports[0]?.eventsReplayed ?? 0,
      ms: performance.now() - started,
    },
  ];
}
