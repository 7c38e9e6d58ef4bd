import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '@app/event-store';
import {
  planDecider,
  spendingUnitDecider,
  streamIdForPlan,
  streamIdForSpendingUnit,
  type SpendingUnitCommand,
} from '@app/budgeting';
import { baTo2024Draft } from '@app/budgeting/testing';
import { admin, context } from '../testing/command-context.fixture';
import { DecideOnStreamCommand, DecideOnStreamHandler } from './decide-on-stream';

/**
 * A command on a stream of its own (plans, reference data) through the one handler they
 * share: made on the day the context records it, folded with the decider's own evolve.
 * Also in the mutation run (jest.mutation.config.js).
 */
describe('deciding on a stream of its own, on the embedded store', () => {
  let dir: string;
  let store: SqliteEventStore;
  let handler: DecideOnStreamHandler;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'decide-on-stream-'));
    store = new SqliteEventStore({ file: join(dir, 'events.sqlite') });
    handler = new DecideOnStreamHandler(store);
  });

  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const plan = streamIdForPlan(2024, 'LDTBXH');
  const draft = (recordedOn: string) =>
    handler.execute(
      new DecideOnStreamCommand(
        { ...context(baTo2024Draft.actor, baTo2024Draft.on), recordedOn },
        plan,
        planDecider,
        baTo2024Draft,
        'LDTBXH-2024',
      ),
    );

  it('refuses a plan drafted on a day after the day it is recorded, recording nothing', async () => {
    await expect(draft('2024-04-09')).rejects.toMatchObject({
      code: 'DATE.IN_FUTURE',
      details: { effectiveDate: '2024-04-10', recordedOn: '2024-04-09' },
    });
    expect(await store.readStream(plan)).toEqual([]);
  });

  it('records a plan drafted on the day it is recorded, answering with the id it names', async () => {
    const answer = await draft('2024-04-10');
    const [drafted] = await store.readStream(plan);
    expect(drafted?.type).toBe('PlanDrafted');
    expect(answer).toEqual({ id: 'LDTBXH-2024', position: drafted?.position.toString() });
  });

  it('folds the stream with the decider’s evolve: a unit registered again is recorded once', async () => {
    const register: SpendingUnitCommand = {
      type: 'RegisterSpendingUnit',
      actor: admin,
      on: '2021-01-01',
      data: {
        code: 'LDTBXH',
        name: 'Phòng Lao động – Thương binh và Xã hội',
        kind: 'district_agency',
        validFrom: '2021-01-01',
        validTo: null,
      },
    };
    const unit = streamIdForSpendingUnit('LDTBXH');
    for (const commandId of ['register-1', 'register-2']) {
      await handler.execute(
        new DecideOnStreamCommand(
          context(admin, '2021-01-01', commandId),
          unit,
          spendingUnitDecider,
          register,
          'LDTBXH',
        ),
      );
    }
    expect((await store.readStream(unit)).map((e) => e.type)).toEqual(['SpendingUnitRegistered']);
  });
});
