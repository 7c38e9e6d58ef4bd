import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore, type EventStore } from '@app/event-store';
import {
  DomainError,
  activitySpendingStreamId,
  budgetLineStreamId,
  type BudgetLineEvent,
  type BudgetLineKey,
} from '@app/budgeting';
import { baTo2024ApprovedPlanning } from '@app/budgeting/testing';
import { encodeEvent } from '../event-codec';
import { deterministicUuid } from '../deterministic-id';
import {
  admin,
  approver,
  authority,
  officer,
  context,
  givenPlan,
  registerReference,
} from '../testing/command-context.fixture';
import { AllocateFundsCommand, AllocateFundsHandler } from '../lines/allocate-funds.handler';
import { LineCommands } from '../shared/line-commands';
import { ProgramSettings } from '../shared/program-settings';
import { ActivityReleaseProcess } from '../follow-ups/activity-release.process';
import {
  ApproveExpenditureCommand,
  ApproveExpenditureHandler,
  RejectExpenditureCommand,
  RejectExpenditureHandler,
} from './decide-expenditure.handlers';
import {
  ProposeExpenditureCommand,
  ProposeExpenditureHandler,
  type ProposeExpenditureInput,
} from './propose-expenditure.handler';

const PANO = 'DA6.TDA2-pano';
const CAP = 50_000_000n;
const key = (sourceYear: number): BudgetLineKey => ({
  fiscalYear: 2024,
  programPart: 'DA6.TDA2',
  fundSource: 'central',
  sourceYear,
  unit: 'LDTBXH',
});
/** Two lines of one part: this year's money and last year's, carried over. */
const LINES = ['2024.DA6.TDA2.central.2024.LDTBXH', '2024.DA6.TDA2.central.2023.LDTBXH'];

/** The seed's plan, approved by 120/KH-UBND on 15/4/2024, its panels planned at 50 million. */
const approvedPlan = baTo2024ApprovedPlanning({ [PANO]: CAP });

const spending = (budgetLineId: string, amount: bigint): ProposeExpenditureInput => ({
  budgetLineId,
  amount,
  category: 'communication',
  description: 'Làm pano tuyên truyền 2 mặt',
  payee: 'Công ty quảng cáo (minh họa)',
  activity: PANO,
  voucher: null,
  personDays: null,
  jointTeam: false,
  correction: null,
});

/** A process of its own on the shared file: its own store, caches and handlers. */
function processOn(file: string) {
  const store = new SqliteEventStore({ file });
  const lines = new LineCommands(store);
  const propose = new ProposeExpenditureHandler(store, lines, new ProgramSettings('LDTBXH'));
  return { store, lines, propose };
}

async function reservations(store: EventStore) {
  const events = await store.readStream(activitySpendingStreamId(2024, 'LDTBXH', PANO));
  return events.filter((e) => e.type === 'ActivitySpendingReserved');
}

async function proposals(store: EventStore) {
  const all = await Promise.all(LINES.map((l) => store.readStream(budgetLineStreamId(l))));
  return all.flat().filter((e) => e.type === 'ExpenditureProposed');
}

describe('an activity planned amount under concurrency (embedded SQLite store)', () => {
  let dir: string;
  let one: ReturnType<typeof processOn>;
  let two: ReturnType<typeof processOn>;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'activity-cap-'));
    const file = join(dir, 'events.sqlite');
    one = processOn(file);
    two = processOn(file);
    await registerReference(
      one.store,
      ['LDTBXH'],
      [{ number: '30/QĐ-UBND', issuedOn: '2024-03-25' }],
    );
    // This year's money allocated; last year's carried in (an allocation may not open a
    // line of carried-over money: what the transfer process records for a carry-over).
    await new AllocateFundsHandler(one.store, one.lines).execute(
      new AllocateFundsCommand(
        context(admin, '2024-03-25'),
        key(2024),
        500_000_000n,
        '30/QĐ-UBND',
        ['30/QĐ-UBND'],
      ),
    );
    const carried: BudgetLineEvent[] = [
      { type: 'BudgetLineOpened', data: { budgetLineId: LINES[1]!, ...key(2023) } },
      {
        type: 'FundsCarriedIn',
        data: {
          budgetLineId: LINES[1]!,
          amount: 500_000_000n,
          decision: '699/QĐ-UBND',
          transferId: 'c699-activity-cap',
          fromLine: null,
          deadline: '2024-12-31',
        },
      },
    ];
    await one.store.append(
      budgetLineStreamId(LINES[1]!),
      carried.map((e) =>
        encodeEvent(e, deterministicUuid('given', e.type), {
          actor: admin.userId,
          correlationId: 'given',
          causationId: null,
          effectiveDate: '2024-03-25',
        }),
      ),
      { expectedRevision: 'no_stream' },
    );
    await givenPlan(one.store, 'LDTBXH', approvedPlan);
  });

  afterEach(async () => {
    await Promise.all([one.store.close(), two.store.close()]);
    rmSync(dir, { recursive: true, force: true });
  });

  it('lets exactly one of two processes take the last đồng, on two lines', async () => {
    // 30 million each on a 50 million activity: whichever lands first, the other is refused.
    const results = await Promise.allSettled([
      one.propose.execute(
        new ProposeExpenditureCommand(
          context(officer, '2024-05-10'),
          spending(LINES[0]!, 30_000_000n),
        ),
      ),
      two.propose.execute(
        new ProposeExpenditureCommand(
          context(officer, '2024-05-10'),
          spending(LINES[1]!, 30_000_000n),
        ),
      ),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(refused.map((r) => (r.reason as DomainError).code)).toEqual([
      'PLAN.ACTIVITY_CAP_EXCEEDED',
    ]);
    expect(await reservations(one.store)).toHaveLength(1);
    expect((await proposals(one.store)).map((e) => e.data.amount)).toEqual(['30000000']);
  });

  it('gives the loser’s voucher back: its invoice can be claimed again at once', async () => {
    // Each claims its own invoice first; the one refused on the activity must not keep it.
    const withVoucher = (line: string, voucher: string): ProposeExpenditureInput => ({
      ...spending(line, 30_000_000n),
      voucher,
    });
    const results = await Promise.allSettled([
      one.propose.execute(
        new ProposeExpenditureCommand(
          context(officer, '2024-05-10'),
          withVoucher(LINES[0]!, 'HD-0001'),
        ),
      ),
      two.propose.execute(
        new ProposeExpenditureCommand(
          context(officer, '2024-05-10'),
          withVoucher(LINES[1]!, 'HD-0002'),
        ),
      ),
    ]);
    const lost = results.findIndex((r) => r.status === 'rejected');
    expect(lost).toBeGreaterThanOrEqual(0);
    expect(((results[lost] as PromiseRejectedResult).reason as DomainError).code).toBe(
      'PLAN.ACTIVITY_CAP_EXCEEDED',
    );
    // 20 million still fits under the 50 million: the loser's invoice pays for it.
    const again = await one.propose.execute(
      new ProposeExpenditureCommand(context(officer, '2024-05-11'), {
        ...spending(LINES[0]!, 20_000_000n),
        voucher: lost === 0 ? 'HD-0001' : 'HD-0002',
      }),
    );
    expect(again.id).toEqual(expect.any(String));
    expect((await proposals(one.store)).map((e) => e.data.voucher).sort()).toEqual([
      'HD-0001',
      'HD-0002',
    ]);
  });

  it('never lets many parallel proposals from two processes exceed the planned amount', async () => {
    // 12 proposals of 7 million on a 50 million activity: 7 fit (49 million), 5 are refused.
    const results = await Promise.allSettled(
      Array.from({ length: 12 }, (_, i) =>
        (i % 2 === 0 ? one : two).propose.execute(
          new ProposeExpenditureCommand(
            context(officer, '2024-05-10'),
            spending(LINES[i % 2]!, 7_000_000n),
          ),
        ),
      ),
    );
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(refused.map((r) => (r.reason as DomainError).code)).toEqual(
      Array(5).fill('PLAN.ACTIVITY_CAP_EXCEEDED'),
    );
    const reserved = await reservations(two.store);
    expect(reserved).toHaveLength(7);
    const proposed = await proposals(two.store);
    expect(proposed).toHaveLength(7);
    const total = proposed.reduce((s, e) => s + BigInt(e.data.amount as string), 0n);
    expect(total).toBe(49_000_000n);
    // Every proposal records the plan it spends under, as reserved.
    expect(proposed[0]!.data.plan).toEqual({
      fiscalYear: 2024,
      leadUnit: 'LDTBXH',
      activityId: PANO,
      version: 1,
      decision: '120/KH-UBND',
    });
  });

  it('gives a rejected proposal’s room back once the follow-up has run', async () => {
    const first = await one.propose.execute(
      new ProposeExpenditureCommand(context(officer, '2024-05-10'), spending(LINES[0]!, CAP)),
    );
    await expect(
      two.propose.execute(
        new ProposeExpenditureCommand(context(officer, '2024-05-11'), spending(LINES[1]!, 1n)),
      ),
    ).rejects.toMatchObject({ code: 'PLAN.ACTIVITY_CAP_EXCEEDED' });
    const reject = new RejectExpenditureHandler(one.lines);
    await reject.execute(
      new RejectExpenditureCommand(
        context(approver, '2024-05-12'),
        first.id,
        authority,
        'Sai đơn giá',
      ),
    );
    const release = new ActivityReleaseProcess(one.store, one.lines);
    const log = await one.store.readAll({ maxCount: 10_000 });
    for (const event of log) await release.handle(event);
    for (const event of log) await release.handle(event); // idempotent: run twice
    await two.propose.execute(
      new ProposeExpenditureCommand(context(officer, '2024-05-13'), spending(LINES[1]!, CAP)),
    );
    const stream = await one.store.readStream(activitySpendingStreamId(2024, 'LDTBXH', PANO));
    expect(stream.map((e) => e.type)).toEqual([
      'ActivitySpendingReserved',
      'ActivitySpendingReleased',
      'ActivitySpendingReserved',
    ]);
  });

  it('gives the room back when the approved money lapses (ExpenditureLapsed), as a rejection does', async () => {
    const first = await one.propose.execute(
      new ProposeExpenditureCommand(context(officer, '2024-05-10'), spending(LINES[1]!, CAP)),
    );
    await new ApproveExpenditureHandler(one.lines).execute(
      new ApproveExpenditureCommand(context(approver, '2024-05-11'), first.id, authority, []),
    );
    // What the carry-over lapse process records at the deadline for approved, unpaid money.
    const lapsed = {
      type: 'ExpenditureLapsed' as const,
      data: {
        budgetLineId: LINES[1]!,
        expenditureId: first.id,
        amount: CAP,
        deadline: '2024-12-31',
      },
    };
    await one.store.append(
      budgetLineStreamId(LINES[1]!),
      [
        encodeEvent(lapsed, deterministicUuid('lapse', first.id), {
          actor: 'system',
          correlationId: 'lapse',
          causationId: null,
          effectiveDate: '2025-01-01',
        }),
      ],
      { expectedRevision: 'any' },
    );
    await expect(
      two.propose.execute(
        new ProposeExpenditureCommand(context(officer, '2024-05-12'), spending(LINES[0]!, 1n)),
      ),
    ).rejects.toMatchObject({ code: 'PLAN.ACTIVITY_CAP_EXCEEDED' });
    const release = new ActivityReleaseProcess(one.store, one.lines);
    for (const event of await one.store.readAll({ maxCount: 10_000 })) await release.handle(event);
    const stream = await one.store.readStream(activitySpendingStreamId(2024, 'LDTBXH', PANO));
    expect(stream.map((e) => [e.type, e.data.reason ?? null])).toEqual([
      ['ActivitySpendingReserved', null],
      ['ActivitySpendingReleased', 'lapsed with its carry-over'],
    ]);
    await two.propose.execute(
      new ProposeExpenditureCommand(context(officer, '2024-05-13'), spending(LINES[0]!, CAP)),
    );
  });
});
