import type { EventStore } from '@app/event-store';
import type { DocumentStore } from '../document-store.port';
import type { Projection } from '../projection';
import { checkpointName } from './generations';

export interface ProjectionLag {
  readonly projection: string;
  /** Log position its serving documents reflect (null: nothing applied yet). */
  readonly appliedUpTo: bigint | null;
  /** Events appended after it, counted up to `limit + 1` (more is "more than limit"). */
  readonly behind: number;
}

/**
 * How far each projection's serving generation is behind the log, in events, read from
 * the read store (as a query would find it, whichever process projects) without writing
 * anything. Counting stops past `limit`, so a check costs at most one page per position.
 */
export async function projectionLag(
  events: EventStore,
  docs: DocumentStore,
  projections: readonly Projection[],
  limit: number,
): Promise<ProjectionLag[]> {
  const counted = new Map<string, number>();
  const lags: ProjectionLag[] = [];
  for (const projection of projections) {
    const tag = (await docs.resolveAlias(projection.name)) || '1';
    const applied = (await docs.checkpoint(checkpointName({ projection, tag })))?.position ?? null;
    const key = applied?.toString() ?? '';
    let behind = counted.get(key);
    if (behind === undefined) {
      const after = await events.readAll({
        ...(applied === null ? {} : { after: applied }),
        maxCount: limit + 1,
      });
      behind = after.length;
      counted.set(key, behind);
    }
    lags.push({ projection: projection.name, appliedUpTo: applied, behind });
  }
  return lags;
}
