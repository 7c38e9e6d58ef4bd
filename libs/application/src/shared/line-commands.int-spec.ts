import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '@app/event-store';
import { streamIdForSpendingUnit, type SpendingUnitEvent } from '@app/budgeting';
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
