import { runTransferCommand, type CommandContext } from '@app/application';
import type { Actor, Authority } from '@app/budgeting';
import { SqliteEventStore, type EventStore, type RecordedEvent } from '@app/event-store';
import {
  ALL_PROJECTIONS,
  SqliteDocumentStore,
  checkpointName,
  physical,
  projectRange,
  servingGeneration,
  type Doc,
  type DocumentStore,
} from '@app/read-models';
import { generateBudgetHistory, ManualClock } from '@app/testing';
import { join } from 'node:path';

const OFFICER: Actor = { userId: 'so-officer', name: 'Cán bộ', role: 'officer', unit: null };
const APPROVER: Actor = {
  userId: 'so-approver',
  name: 'Phó Chủ tịch',
  role: 'approver',
  unit: null,
};
const AUTHORITY: Authority = {
  capacity: 'KT. Chủ tịch',
  title: 'Phó Chủ tịch',
  programParts: [],
  units: [],
  validFrom: null,
  validTo: null,
};

/** The embedded log of a data folder, written as the API would (real deciders, executor). */
export class Ledger {
  readonly clock = new ManualClock(new Date('2024-03-19T01:00:00.000Z'));
  readonly events: SqliteEventStore;
  lines: string[] = [];

  constructor(readonly dataDir: string) {
    this.events = new SqliteEventStore({
      file: join(dataDir, 'events.sqlite'),
      clock: this.clock.now,
    });
  }

  /** A seeded slice of budget history: allocations, spending, transfers, cancellations. */
  async history(seed: number, operations: number): Promise<void> {
    const generated = await generateBudgetHistory(this.events, this.clock, { seed, operations });
    this.lines.push(...generated.lines);
  }

  /** A transfer requested and approved: the process manager (in a projector) moves the money. */
  async approvedTransfer(id: string, amount: bigint): Promise<void> {
    const current = this.lines.filter((l) => !l.includes('.2023.'));
    const [fromLine, toLine] = [current[0], current[1]];
    if (!fromLine || !toLine) throw new Error('no lines to transfer between');
    const context = (actor: Actor, step: string): CommandContext => ({
      actor,
      commandId: `${id}:${step}`,
      correlationId: `corr-${id}`,
      causationId: null,
      effectiveDate: '2024-08-01',
      recordedOn: '2024-08-01',
    });
    await runTransferCommand(this.events, id, context(OFFICER, 'request'), {
      type: 'RequestTransfer',
      data: {
        transferId: id,
        kind: 'reallocation',
        fromLine,
        toLine,
        amount,
        decision: `${id}/QĐ-UBND`,
        legalBasis: [],
      },
    });
    await runTransferCommand(this.events, id, context(APPROVER, 'approve'), {
      type: 'ApproveTransfer',
      data: { authority: AUTHORITY },
    });
  }

  async head(): Promise<bigint> {
    return (await this.events.headPosition()) ?? 0n;
  }

  async all(): Promise<RecordedEvent[]> {
    return this.events.readAll({ maxCount: 10_000_000 });
  }

  async close(): Promise<void> {
    await this.events.close();
  }
}

/** Every serving document of every projection, by projection and logical collection. */
export async function readModels(docs: DocumentStore): Promise<Record<string, Doc[]>> {
  const out: Record<string, Doc[]> = {};
  for (const projection of ALL_PROJECTIONS) {
    const tag = (await docs.resolveAlias(projection.name)) || '1';
    for (const collection of Object.keys(projection.collections)) {
      out[`${projection.name}/${collection}`] = await docs.scan(
        physical(collection, tag),
        null,
        1_000_000,
      );
    }
  }
  return out;
}

/** Where each projection's serving documents stand. */
export async function servingCheckpoints(
  docs: DocumentStore,
): Promise<Record<string, bigint | null>> {
  const out: Record<string, bigint | null> = {};
  for (const projection of ALL_PROJECTIONS) {
    const tag = (await docs.resolveAlias(projection.name)) || '1';
    out[projection.name] =
      (await docs.checkpoint(checkpointName({ projection, tag })))?.position ?? null;
  }
  return out;
}

/** The read models a clean rebuild of the whole log gives, in a fresh file. */
export async function cleanRebuild(
  events: EventStore,
  file: string,
): Promise<Record<string, Doc[]>> {
  const fresh = new SqliteDocumentStore({ file });
  try {
    for (const projection of ALL_PROJECTIONS) {
      await projectRange(events, fresh, await servingGeneration(fresh, projection));
    }
    return await readModels(fresh);
  } finally {
    await fresh.close();
  }
}
