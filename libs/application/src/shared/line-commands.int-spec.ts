import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '@app/event-store';
import {
  budgetLineStreamId,
  expenditureStreamId,
  streamIdForSpendingUnit,
  type BudgetLineEvent,
  type ExpenditureLocatorEvent,
  type SpendingUnitEvent,
} from '@app/budgeting';
import { encodeEvent } from '../event-codec';
import { admin, registerReference } from '../testing/command-context.fixture';
import { LineCommands } from './line-commands';

const LINE = '2024.DA7.TDA1.central.2024.LDTBXH';

function signatoryRegistered(personId: string): SpendingUnitEvent {
  return {
    type: 'UnitSignatoryRegistered',
    data: {
      code: 'LDTBXH',
      capacity: 'account_holder',
      standing: 'head',
      personId,
      name: 'Trưởng phòng',
      title: 'Trưởng phòng',
      validFrom: '2024-01-01',
      validTo: null,
      specimen: { number: 'KBBT-2024-017', registeredOn: '2024-01-02' },
      appointment: null,
      registeredBy: admin,
      on: '2024-01-02',
    },
  };
}

/**
 * The unit's signatories, asked by every approval, come from the stream cache: still
 * fresh, so a registration made a moment ago — here by another connection to the log, as
 * another replica or the CLI would — counts at the next asking.
 */
describe("a line's unit signatories, from the stream cache", () => {
  let dir: string;
  let store: SqliteEventStore;
  let other: SqliteEventStore;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'line-signatories-'));
    store = new SqliteEventStore({ file: join(dir, 'events.sqlite') });
    other = new SqliteEventStore({ file: join(dir, 'events.sqlite') });
    await registerReference(store, ['LDTBXH']);
  });

  afterEach(async () => {
    await store.close();
    await other.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('sees a signatory registered after it was first asked, by another writer', async () => {
    const lines = new LineCommands(store);
    expect(await lines.signatories(LINE)).toEqual([]);
    await other.append(
      streamIdForSpendingUnit('LDTBXH'),
      [
        encodeEvent(signatoryRegistered('p-head'), randomUUID(), {
          actor: admin.userId,
          correlationId: 'given',
          causationId: null,
          effectiveDate: '2024-01-02',
        }),
      ],
      { expectedRevision: 'any' },
    );
    expect((await lines.signatories(LINE)).map((s) => s.personId)).toEqual(['p-head']);
  });

  it('has none for a unit that is not registered', async () => {
    const lines = new LineCommands(store);
    expect(await lines.signatories('2024.DA7.TDA1.central.2024.NOPE')).toEqual([]);
  });
});

/**
 * Every approval, rejection and Treasury step finds its expenditure's line through the
 * expenditure's locator stream. A locator never changes once filed, so the line it names
 * is remembered; an expenditure not (yet) filed is not.
 */
describe("an expenditure's line", () => {
  let dir: string;
  let store: SqliteEventStore;
  let other: SqliteEventStore;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'line-of-expenditure-'));
    store = new SqliteEventStore({ file: join(dir, 'events.sqlite') });
    other = new SqliteEventStore({ file: join(dir, 'events.sqlite') });
  });

  afterEach(async () => {
    await store.close();
    await other.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const filed: ExpenditureLocatorEvent = {
    type: 'ExpenditureFiled',
    data: { expenditureId: 'e1', budgetLineId: LINE },
  };
  const proposed: BudgetLineEvent = {
    type: 'ExpenditureProposed',
    data: {
      budgetLineId: LINE,
      expenditureId: 'e1',
      amount: 100_000n,
      category: 'training',
      description: 'Tập huấn cán bộ giảm nghèo',
      payee: 'Trung tâm Chính trị huyện',
      activity: null,
      voucher: null,
      personDays: null,
      jointTeam: false,
      proposedBy: admin.userId,
      correction: null,
    },
  };
  const write = (streamId: string, event: ExpenditureLocatorEvent | BudgetLineEvent) =>
    other.append(
      streamId,
      [
        encodeEvent(event, randomUUID(), {
          actor: admin.userId,
          correlationId: 'given',
          causationId: null,
          effectiveDate: '2024-06-01',
        }),
      ],
      { expectedRevision: 'any' },
    );

  it('is not found before the expenditure is filed, found once another writer files it, then without reading the locator again', async () => {
    const lines = new LineCommands(store);
    await expect(lines.expenditure('e1')).rejects.toMatchObject({ code: 'EXPENDITURE.NOT_FOUND' });

    await write(expenditureStreamId('e1'), filed);
    await write(budgetLineStreamId(LINE), proposed);
    const read = jest.spyOn(store, 'readStream');
    expect(await lines.expenditure('e1')).toMatchObject({
      budgetLineId: LINE,
      effectiveDate: '2024-06-01',
    });
    expect(await lines.expenditure('e1')).toMatchObject({ budgetLineId: LINE });
    const locatorReads = read.mock.calls.filter(([id]) => id === expenditureStreamId('e1'));
    expect(locatorReads).toHaveLength(1);
  });
});
