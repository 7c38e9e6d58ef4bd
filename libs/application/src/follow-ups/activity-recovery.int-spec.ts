import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '@app/event-store';
import { activitySpendingStreamId, type BudgetLineKey } from '@app/budgeting';
import { baTo2024ApprovedPlanning } from '@app/budgeting/testing';
import {
  accountant,
  admin,
  approver,
  authority,
  context,
  givenPlan,
  officer,
  registerReference,
} from '../testing/command-context.fixture';
import { AllocateFundsCommand, AllocateFundsHandler } from '../lines/allocate-funds.handler';
import { LineCommands } from '../shared/line-commands';
import { ProgramSettings } from '../shared/program-settings';
import { RecoverAdvanceCommand, RecoverAdvanceHandler } from '../advances/advance.handlers';
import {
  ApproveExpenditureCommand,
  ApproveExpenditureHandler,
  DisburseExpenditureCommand,
  DisburseExpenditureHandler,
} from '../expenditures/decide-expenditure.handlers';
import {
  ProposeExpenditureCommand,
  ProposeExpenditureHandler,
  type ProposeExpenditureInput,
} from '../expenditures/propose-expenditure.handler';
import { ActivityReleaseProcess } from './activity-release.process';

const PANO = 'DA6.TDA2-pano';
const CAP = 50_000_000n;
const LINE = '2024.DA6.TDA2.central.2024.LDTBXH';
const key: BudgetLineKey = {
  fiscalYear: 2024,
  programPart: 'DA6.TDA2',
  fundSource: 'central',
  sourceYear: 2024,
  unit: 'LDTBXH',
};
const approvedPlan = baTo2024ApprovedPlanning({ [PANO]: CAP });
const spending = (amount: bigint, kind?: 'advance'): ProposeExpenditureInput => ({
  budgetLineId: LINE,
  amount,
  category: 'communication',
  description: 'Làm pano tuyên truyền 2 mặt',
  payee: 'Công ty quảng cáo (minh họa)',
  activity: PANO,
  voucher: null,
  personDays: null,
  jointTeam: false,
  correction: null,
  ...(kind ? { kind } : {}),
});

describe('a recovered advance gives its plan activity’s room back (follow-up, SQLite store)', () => {
  let dir: string;
  let store: SqliteEventStore;
  let lines: LineCommands;
  let propose: ProposeExpenditureHandler;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'activity-recovery-'));
    store = new SqliteEventStore({ file: join(dir, 'events.sqlite') });
    lines = new LineCommands(store);
    propose = new ProposeExpenditureHandler(store, lines, new ProgramSettings('LDTBXH'));
    await registerReference(store, ['LDTBXH'], [{ number: '30/QĐ-UBND', issuedOn: '2024-03-25' }]);
    await new AllocateFundsHandler(store, lines).execute(
      new AllocateFundsCommand(context(admin, '2024-03-25'), key, 500_000_000n, '30/QĐ-UBND', [
        '30/QĐ-UBND',
      ]),
    );
    await givenPlan(store, 'LDTBXH', approvedPlan);
  });

  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** The whole cap advanced and paid, then `recovered` of it paid back on `on`. */
  async function advanceRecovered(recovered: bigint, on: string): Promise<string> {
    const advance = await propose.execute(
      new ProposeExpenditureCommand(context(officer, '2024-05-10'), spending(CAP, 'advance')),
    );
    await new ApproveExpenditureHandler(lines).execute(
      new ApproveExpenditureCommand(context(approver, '2024-05-11'), advance.id, authority, []),
    );
    await new DisburseExpenditureHandler(lines).execute(
      new DisburseExpenditureCommand(
        context(accountant, '2024-05-12'),
        advance.id,
        'UNC-7',
        '2024-05-12',
      ),
    );
    await new RecoverAdvanceHandler(store, lines).execute(
      new RecoverAdvanceCommand(context(accountant, on), advance.id, recovered, 'PT-15', on),
    );
    return advance.id;
  }

  async function runFollowUpTwice(): Promise<void> {
    const release = new ActivityReleaseProcess(store, lines);
    const log = await store.readAll({ maxCount: 10_000 });
    for (const event of log) await release.handle(event);
    for (const event of log) await release.handle(event); // a redelivery gives back nothing more
  }

  const activityStream = () => store.readStream(activitySpendingStreamId(2024, 'LDTBXH', PANO));

  it('frees exactly what was recovered: a new proposal fits it, one đồng more does not', async () => {
    const id = await advanceRecovered(20_000_000n, '2024-08-20');
    await expect(
      propose.execute(new ProposeExpenditureCommand(context(officer, '2024-08-21'), spending(1n))),
    ).rejects.toMatchObject({ code: 'PLAN.ACTIVITY_CAP_EXCEEDED' });
    await runFollowUpTwice();
    const givenBack = (await activityStream()).filter(
      (e) => e.type === 'ActivitySpendingGivenBack',
    );
    expect(givenBack.map((e) => e.data)).toEqual([
      expect.objectContaining({
        expenditureId: id,
        amount: '20000000',
        reason: 'advance recovered',
        recovery: expect.objectContaining({
          receipt: 'PT-15',
          recoveredOn: '2024-08-20',
          returnsTo: 'line',
        }) as unknown,
      }),
    ]);
    await propose.execute(
      new ProposeExpenditureCommand(context(officer, '2024-08-22'), spending(20_000_000n)),
    );
    await expect(
      propose.execute(new ProposeExpenditureCommand(context(officer, '2024-08-23'), spending(1n))),
    ).rejects.toMatchObject({
      code: 'PLAN.ACTIVITY_CAP_EXCEEDED',
      details: expect.objectContaining({ committed: '50000000', remaining: '0' }) as unknown,
    });
  });

  it('frees the room of money recovered after the adjustment period too (returned to the budget)', async () => {
    await advanceRecovered(5_000_000n, '2025-02-10');
    await runFollowUpTwice();
    const givenBack = (await activityStream()).filter(
      (e) => e.type === 'ActivitySpendingGivenBack',
    );
    expect(
      givenBack.map((e) => [e.data.amount, (e.data.recovery as { returnsTo: string }).returnsTo]),
    ).toEqual([['5000000', 'budget']]);
  });
});
