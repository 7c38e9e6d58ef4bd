import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkConservation } from '@app/application';
import { SqliteEventStore, verifyLog } from '@app/event-store';
import { LINES, ReadModels, SqliteDocumentStore } from '@app/read-models';
import { projectAll } from './projections';

export interface HistoryCheck {
  readonly conservationOk: boolean;
  readonly problems: readonly string[];
  readonly chainOk: boolean;
  readonly eventsChecked: number;
  readonly projectedLines: number;
  /** What the balances projection says the lines hold, against the conservation replay. */
  readonly projectedHeld: string;
  readonly conservationHeld: string;
  /** Events recorded before the event preceding them in the log (must be 0). */
  readonly recordedBackwards: number;
}

/** Recorded times must rise with positions, as the store's write lock makes them. */
async function countRecordedBackwards(store: SqliteEventStore): Promise<number> {
  let backwards = 0;
  let previous = '';
  let after: bigint | undefined;
  for (;;) {
    const page = await store.readAll({ ...(after === undefined ? {} : { after }), maxCount: 5000 });
    for (const event of page) {
      if (event.metadata.recordedAt < previous) backwards++;
      previous = event.metadata.recordedAt;
    }
    const last = page.at(-1);
    if (!last) return backwards;
    after = last.position;
  }
}

/**
 * Proves a generated history sane: money is conserved (the application's own audit),
 * the hash chain verifies, every projection accepts the log, and the balances the
 * projection computed add up to what the conservation replay found, and recorded times
 * rise with positions.
 */
export async function checkHistory(file: string): Promise<HistoryCheck> {
  const store = new SqliteEventStore({ file });
  const dir = mkdtempSync(join(tmpdir(), 'bench-check-'));
  const docs = new SqliteDocumentStore({ file: join(dir, 'read-models.sqlite') });
  try {
    const conservation = await checkConservation(store);
    const verify = await verifyLog(store);
    const recordedBackwards = await countRecordedBackwards(store);
    await projectAll(store, docs);
    const lines = await new ReadModels(docs).find('balances', LINES, {});
    let held = 0n;
    for (const line of lines) {
      held += BigInt(line.available as string) + BigInt(line.committed as string);
    }
    return {
      conservationOk: conservation.ok,
      problems: conservation.problems.slice(0, 10),
      chainOk: verify.ok,
      eventsChecked: verify.eventsChecked,
      projectedLines: lines.length,
      projectedHeld: held.toString(),
      conservationHeld: conservation.held.toString(),
      recordedBackwards,
    };
  } finally {
    await docs.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
