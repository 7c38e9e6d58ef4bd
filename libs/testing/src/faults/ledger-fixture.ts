import { LineCommands, runTransferCommand, type CommandContext } from '@app/application';
import type { Actor, Authority, BudgetLineKey } from '@app/budgeting';
import type { EventStore, RecordedEvent } from '@app/event-store';
import { registeredFacts } from '../history/registered-facts';
import type { SeededRandom } from '../history/seeded-random';

export const FIXTURE_ADMIN: Actor = {
  userId: 'fx-admin',
  name: 'Quản trị',
  role: 'admin',
  unit: null,
};
export const FIXTURE_OFFICER: Actor = {
  userId: 'fx-officer',
  name: 'Cán bộ',
  role: 'officer',
  unit: null,
};
export const FIXTURE_APPROVER: Actor = {
  userId: 'fx-approver',
  name: 'Phó Chủ tịch',
  role: 'approver',
  unit: null,
};
export const FIXTURE_AUTHORITY: Authority = {
  capacity: 'KT. Chủ tịch',
  title: 'Phó Chủ tịch',
  programParts: [],
  units: [],
  validFrom: '2024-01-01',
  validTo: '2025-06-30',
};

const UNITS = ['LDTBXH', 'YTE', 'TU-PHAP', 'VHTT', 'GDDT', 'NNPTNT'];

export function lineKey(unit: string): BudgetLineKey {
  return {
    fiscalYear: 2024,
    programPart: 'DA7.TDA1',
    fundSource: 'central',
    sourceYear: 2024,
    unit,
  };
}

export function lineIdOf(key: BudgetLineKey): string {
  return `${key.fiscalYear}.${key.programPart}.${key.fundSource}.${key.sourceYear}.${key.unit}`;
}

function context(actor: Actor, commandId: string, effectiveDate = '2024-06-01'): CommandContext {
  return {
    actor,
    commandId,
    correlationId: commandId,
    causationId: null,
    effectiveDate,
    recordedOn: effectiveDate,
  };
}

/** Opens `count` current-year lines with an allocation each; returns their ids. */
export async function openLines(
  store: EventStore,
  count: number,
  amount: bigint,
): Promise<string[]> {
  const lines = new LineCommands(store);
  const ids: string[] = [];
  for (const unit of UNITS.slice(0, count)) {
    const key = lineKey(unit);
    const id = lineIdOf(key);
    await lines.run(id, context(FIXTURE_ADMIN, `fx-allocate-${id}`, '2024-03-25'), {
      type: 'AllocateFunds',
      data: {
        key,
        amount,
        decision: '30/QĐ-UBND',
        legalBasis: ['30/QĐ-UBND'],
        ...registeredFacts(key, '30/QĐ-UBND', '2024-03-25'),
      },
    });
    ids.push(id);
  }
  return ids;
}

/**
 * Requests and approves `count` reallocations between random lines, some larger than the
 * source holds (their debit is refused and the transfer fails). The transfer process
 * has not run: the money has not moved yet.
 */
export async function approveTransfers(
  store: EventStore,
  random: SeededRandom,
  lines: readonly string[],
  count: number,
  tag: string,
): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const fromLine = random.pick(lines);
    const toLine = random.pick(lines.filter((l) => l !== fromLine));
    const transferId = `${tag}-${i}`;
    const amount = BigInt(random.int(1, random.chance(0.2) ? 400 : 40)) * 1_000_000n;
    await runTransferCommand(store, transferId, context(FIXTURE_OFFICER, `req-${transferId}`), {
      type: 'RequestTransfer',
      data: {
        transferId,
        kind: 'reallocation',
        fromLine,
        toLine,
        amount,
        decision: `${100 + i}/QĐ-UBND`,
        legalBasis: ['30/QĐ-UBND'],
      },
    });
    await runTransferCommand(store, transferId, context(FIXTURE_APPROVER, `app-${transferId}`), {
      type: 'ApproveTransfer',
      data: { authority: FIXTURE_AUTHORITY },
    });
    ids.push(transferId);
  }
  return ids;
}

/** Every event of the log, in order (small test logs only). */
export async function wholeLog(store: EventStore): Promise<RecordedEvent[]> {
  const out: RecordedEvent[] = [];
  let after: bigint | undefined;
  for (;;) {
    const page = await store.readAll({ ...(after === undefined ? {} : { after }), maxCount: 1000 });
    out.push(...page);
    const last = page.at(-1);
    if (!last || page.length < 1000) return out;
    after = last.position;
  }
}
