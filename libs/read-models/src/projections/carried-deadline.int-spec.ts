import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { JsonObject, RecordedEvent } from '@app/event-store';
import {
  balancesProjection,
  projectPage,
  queryBalances,
  ReadModels,
  servingGeneration,
  SqliteDocumentStore,
} from '@app/read-models';

const REACHED = '2024.DA7.TDA1.central.2023.LDTBXH';

let position = 0;
function recorded(type: string, data: JsonObject, effectiveDate: string, recordedAt: string) {
  position += 1;
  return {
    id: `00000000-0000-4000-8000-${String(position).padStart(12, '0')}`,
    streamId: `budget-line-${REACHED}`,
    revision: BigInt(position - 1),
    position: BigInt(position),
    type,
    schemaVersion: 1,
    data: { budgetLineId: REACHED, ...data },
    metadata: { actor: 'test', correlationId: 'c', causationId: null, effectiveDate, recordedAt },
    previousHash: null,
    hash: '',
  } as RecordedEvent;
}

/**
 * The balances read model keeps the deadline reallocated carried-over money brought to a
 * line that had none, with its decision and the extensions it carried, as a setting dated
 * like the reallocation: now, as of a date, as known at an instant.
 */
describe('the balances read model and a deadline that came with reallocated money', () => {
  let dir: string;
  let docs: SqliteDocumentStore;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'carried-deadline-'));
    docs = new SqliteDocumentStore({ file: join(dir, 'read.sqlite') });
    const log = [
      recorded('BudgetLineOpened', {}, '2024-08-01', '2024-08-02T02:00:00.000Z'),
      recorded(
        'FundsTransferredIn',
        {
          amount: '100000',
          decision: '120/QĐ-UBND',
          transferId: 't1',
          fromLine: '2024.DA6.TDA2.central.2023.LDTBXH',
          carriedDeadline: {
            deadline: '2024-11-30',
            deadlineBasis: 'decision',
            decision: '699/QĐ-UBND',
            extensions: ['111/2024/QH15'],
          },
        },
        '2024-08-01',
        '2024-08-02T02:00:00.000Z',
      ),
      // More money under the same deadline changes nothing of it.
      recorded(
        'FundsTransferredIn',
        {
          amount: '5000',
          decision: '121/QĐ-UBND',
          transferId: 't2',
          fromLine: '2024.DA6.TDA2.central.2023.LDTBXH',
          carriedDeadline: {
            deadline: '2024-11-30',
            deadlineBasis: 'default',
            decision: '700/QĐ-UBND',
            extensions: [],
          },
        },
        '2024-08-05',
        '2024-08-05T02:00:00.000Z',
      ),
    ];
    await projectPage(docs, await servingGeneration(docs, balancesProjection), log);
  });
  afterEach(async () => {
    await docs.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const lineAt = async (point: { asOf?: string; knownAt?: string }) =>
    (await queryBalances(new ReadModels(docs), { fiscalYear: 2024, ...point })).lines.find(
      (l) => l.id === REACHED,
    );
  const carried = {
    carryOverDeadline: '2024-11-30',
    deadlineBasis: 'decision',
    deadlineDecision: '699/QĐ-UBND',
    deadlineExtensions: ['111/2024/QH15'],
  };

  it('shows it now, with the decision that set it and the extensions it carried', async () => {
    expect(await lineAt({})).toMatchObject({ ...carried, amounts: { transferredIn: 105_000n } });
  });

  it('shows it as of a date after the reallocation and as known after it was recorded', async () => {
    expect(await lineAt({ asOf: '2024-08-03' })).toMatchObject(carried);
    expect(await lineAt({ knownAt: '2024-08-03T00:00:00.000Z' })).toMatchObject(carried);
  });
});
