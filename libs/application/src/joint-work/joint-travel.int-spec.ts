import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore, type RecordedEvent } from '@app/event-store';
import {
  DomainError,
  budgetLineStreamId,
  jointTripDecider,
  jointTripStreamId,
  type Actor,
  type BudgetLineKey,
  type JointTrip,
  type NormClaim,
} from '@app/budgeting';
import { handle } from '../command-executor';
import {
  admin,
  approver,
  authority,
  context,
  registerReference,
} from '../testing/command-context.fixture';
import { AllocateFundsCommand, AllocateFundsHandler } from '../lines/allocate-funds.handler';
import { LineCommands } from '../shared/line-commands';
import { ProgramSettings } from '../shared/program-settings';
import {
  ProposeExpenditureCommand,
  ProposeExpenditureHandler,
  type ProposeExpenditureInput,
} from '../expenditures/propose-expenditure.handler';
import {
  RejectExpenditureCommand,
  RejectExpenditureHandler,
} from '../expenditures/decide-expenditure.handlers';
import {
  DesignateLeadAgencyCommand,
  DesignateLeadAgencyHandler,
  RecordJointTripCommand,
  RecordJointTripHandler,
} from './joint-work.handlers';
import { TripDaysReleaseProcess } from './trip-days-release.process';

const officerOf = (unit: string): Actor => ({
  userId: `u-${unit.toLowerCase()}`,
  name: `Cán bộ ${unit}`,
  role: 'officer',
  unit,
});
const key = (unit: string, programPart: string): BudgetLineKey => ({
  fiscalYear: 2024,
  programPart,
  fundSource: 'central',
  sourceYear: 2024,
  unit,
});
const LEAD_LINE = '2024.DA7.TDA1.central.2024.LDTBXH';
const LEAD_OTHER_LINE = '2024.DA6.TDA2.central.2024.LDTBXH';
const YTE_LINE = '2024.DA7.TDA1.central.2024.YTE';

// Illustrative trip: the seed names the lead agency, not the teams' members or dates.
const trip: JointTrip = {
  tripId: 'KT-2024-01',
  team: 'Đoàn kiểm tra, giám sát giảm nghèo 2024',
  leadUnit: 'LDTBXH',
  members: [
    { personId: 'nguyen-van-a', name: 'Nguyễn Văn A', unit: 'LDTBXH' },
    { personId: 'tran-thi-b', name: 'Trần Thị B', unit: 'YTE' },
  ],
  from: '2024-05-13',
  to: '2024-05-15',
  travelOrder: { number: '15/QĐ-LĐTBXH', issuedOn: '2024-05-10' },
};
const perDiem = (persons: number, days: number, from = '2024-05-13'): NormClaim => ({
  period: { from, to: trip.to },
  items: [{ kind: 'per_diem', amount: BigInt(persons * days) * 150_000n, persons, days }],
});
const teamTravel = (
  budgetLineId: string,
  personId: string,
  from = '2024-05-13',
): ProposeExpenditureInput => {
  const days = 16 - Number(from.slice(-2));
  return {
    budgetLineId,
    amount: BigInt(days) * 150_000n,
    category: 'travel_allowance',
    description: 'Công tác phí đoàn kiểm tra',
    payee: 'Thành viên đoàn',
    activity: null,
    voucher: null,
    personDays: days,
    jointTeam: true,
    normClaim: perDiem(1, days, from),
    jointTrip: { tripId: trip.tripId, travellers: [{ personId, from, to: trip.to }] },
    correction: null,
  };
};
const codeOf = async (work: Promise<unknown>): Promise<string> =>
  work.then(
    () => 'accepted',
    (e: unknown) => (e instanceof DomainError ? e.code : String(e)),
  );

describe('joint-team travel on the embedded store', () => {
  let dir: string;
  let store: SqliteEventStore;
  let lines: LineCommands;
  const proposer = (s: SqliteEventStore, l = new LineCommands(s)) =>
    new ProposeExpenditureHandler(s, l, new ProgramSettings('LDTBXH'));

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'joint-'));
    store = new SqliteEventStore({ file: join(dir, 'events.sqlite') });
    lines = new LineCommands(store);
    await registerReference(store, ['LDTBXH', 'YTE']);
    const allocate = new AllocateFundsHandler(store, lines);
    for (const [unit, part] of [
      ['LDTBXH', 'DA7.TDA1'],
      ['LDTBXH', 'DA6.TDA2'],
      ['YTE', 'DA7.TDA1'],
    ] as const) {
      await allocate.execute(
        new AllocateFundsCommand(
          context(admin, '2024-03-25'),
          key(unit, part),
          5_000_000n,
          '30/QĐ-UBND',
          ['30/QĐ-UBND'],
        ),
      );
    }
    await new RecordJointTripHandler(store).execute(
      new RecordJointTripCommand(context(officerOf('LDTBXH'), '2024-05-10'), trip),
    );
  });

  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  describe('the lead agency', () => {
    const designate = (unit: string, validFrom = '2024-01-01', validTo: string | null = null) =>
      new DesignateLeadAgencyHandler(store).execute(
        new DesignateLeadAgencyCommand(context(admin, '2024-03-19'), {
          fiscalYear: 2024,
          unit,
          validFrom,
          validTo,
          decision: { number: '54/KH-UBND', issuedOn: '2024-03-19' },
        }),
      );

    it('is the one recorded for the year on the trip’s first day, not the setting', async () => {
      await designate('LDTBXH', '2024-01-01', '2024-04-30');
      await designate('YTE', '2024-05-01');
      const on = context(officerOf('LDTBXH'), '2024-05-16');
      const refused = proposer(store).execute(
        new ProposeExpenditureCommand(on, teamTravel(LEAD_LINE, 'nguyen-van-a')),
      );
      await expect(refused).rejects.toMatchObject({
        code: 'BUDGET.LEAD_AGENCY_PAYS_JOINT_TEAMS',
        messages: { vi: expect.stringContaining('YTE, theo 54/KH-UBND ngày 19/3/2024') },
      });
      const yte = context(officerOf('YTE'), '2024-05-16');
      await proposer(store).execute(
        new ProposeExpenditureCommand(yte, teamTravel(YTE_LINE, 'tran-thi-b')),
      );
      const proposed = (await store.readStream(budgetLineStreamId(YTE_LINE))).filter(
        (e) => e.type === 'ExpenditureProposed',
      );
      expect(proposed[0]?.data).toMatchObject({
        jointTrip: { tripId: trip.tripId, travellers: [{ personId: 'tran-thi-b' }] },
      });
    });

    it('falls back to BUDGET_LEAD_AGENCY for a year with none recorded', async () => {
      const yte = context(officerOf('YTE'), '2024-05-16');
      await expect(
        proposer(store).execute(
          new ProposeExpenditureCommand(yte, teamTravel(YTE_LINE, 'tran-thi-b')),
        ),
      ).rejects.toMatchObject({ code: 'BUDGET.LEAD_AGENCY_PAYS_JOINT_TEAMS' });
    });
  });

  describe('when two proposals race for the same person-day', () => {
    it('lands exactly one, from two connections to the store (two processes)', async () => {
      const second = new SqliteEventStore({ file: join(dir, 'events.sqlite') });
      try {
        for (let round = 0; round < 5; round++) {
          const personId = round % 2 === 0 ? 'nguyen-van-a' : 'tran-thi-b';
          const from = `2024-05-1${3 + (round % 3)}`;
          const on = (n: number) =>
            context(officerOf('LDTBXH'), '2024-05-16', `race-${round}-${n}`);
          const codes = await Promise.all([
            codeOf(
              proposer(store).execute(
                new ProposeExpenditureCommand(on(1), teamTravel(LEAD_LINE, personId, from)),
              ),
            ),
            codeOf(
              proposer(second).execute(
                new ProposeExpenditureCommand(on(2), teamTravel(LEAD_OTHER_LINE, personId, from)),
              ),
            ),
          ]);
          if (round < 2) {
            expect(codes.sort()).toEqual(['BUDGET.DOUBLE_FUNDING_PERSON_DAYS', 'accepted']);
          } else {
            // Both persons' days were taken in rounds 0 and 1: every later claim is refused.
            expect(codes).toEqual([
              'BUDGET.DOUBLE_FUNDING_PERSON_DAYS',
              'BUDGET.DOUBLE_FUNDING_PERSON_DAYS',
            ]);
          }
        }
        const proposals = async (line: string) =>
          (await store.readStream(budgetLineStreamId(line))).filter(
            (e) => e.type === 'ExpenditureProposed',
          );
        expect(
          (await proposals(LEAD_LINE)).length + (await proposals(LEAD_OTHER_LINE)).length,
        ).toBe(2);
        const claims = (await store.readStream(jointTripStreamId(trip.tripId))).filter(
          (e) => e.type === 'TripDaysClaimed',
        );
        expect(claims).toHaveLength(2);
      } finally {
        await second.close();
      }
    });

    it('lands exactly one of two units claiming on the trip’s stream at once', async () => {
      const second = new SqliteEventStore({ file: join(dir, 'events.sqlite') });
      try {
        const claim = (s: SqliteEventStore, line: string, unit: string) =>
          codeOf(
            handle(
              s,
              context(officerOf(unit), '2024-05-16'),
              jointTripStreamId(trip.tripId),
              jointTripDecider,
              {
                type: 'ClaimTripDays',
                data: {
                  tripId: trip.tripId,
                  expenditureId: `e-${unit}`,
                  budgetLineId: line,
                  unit,
                  travellers: [{ personId: 'tran-thi-b', from: '2024-05-14', to: '2024-05-14' }],
                  normClaim: null,
                },
              },
            ),
          );
        const codes = await Promise.all([
          claim(store, LEAD_LINE, 'LDTBXH'),
          claim(second, YTE_LINE, 'YTE'),
        ]);
        expect(codes.sort()).toEqual(['BUDGET.DOUBLE_FUNDING_PERSON_DAYS', 'accepted']);
      } finally {
        await second.close();
      }
    });
  });

  it('gives the days back when the proposal is rejected, for a corrected claim', async () => {
    const on = (id: string) => context(officerOf('LDTBXH'), '2024-05-16', id);
    const { id } = await proposer(store, lines).execute(
      new ProposeExpenditureCommand(on('first'), teamTravel(LEAD_LINE, 'nguyen-van-a')),
    );
    const again = () =>
      proposer(store, lines).execute(
        new ProposeExpenditureCommand(
          on(`again-${Math.random()}`),
          teamTravel(LEAD_OTHER_LINE, 'nguyen-van-a'),
        ),
      );
    await expect(again()).rejects.toMatchObject({ code: 'BUDGET.DOUBLE_FUNDING_PERSON_DAYS' });
    const rejected = await new RejectExpenditureHandler(lines).execute(
      new RejectExpenditureCommand(
        { ...context(approver, '2024-05-17'), effectiveDate: '2024-05-17' },
        id,
        authority,
        'Sai số ngày',
      ),
    );
    const [event] = await store.readAll({
      after: BigInt(rejected.position ?? '1') - 1n,
      maxCount: 1,
    });
    await new TripDaysReleaseProcess(store, lines).handle(event as RecordedEvent);
    await expect(again()).resolves.toMatchObject({ id: expect.any(String) });
  });
});
