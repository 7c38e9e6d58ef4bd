import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore, type EventStore, type RecordedEvent } from '@app/event-store';
import {
  DomainError,
  activitySpendingStreamId,
  budgetLineStreamId,
  jointTripStreamId,
  travellerDaysStreamId,
  voucherStreamId,
  type Actor,
  type JointTrip,
  type PlanEvent,
} from '@app/budgeting';
import { baTo2024Approved, baTo2024Drafted, baTo2024Submitted } from '@app/budgeting/testing';
import { encodeEvent } from '../event-codec';
import { deterministicUuid } from '../deterministic-id';
import {
  admin,
  approver,
  authority,
  context,
  givenPlan,
  registerReference,
} from '../testing/command-context.fixture';
import { AllocateFundsCommand, AllocateFundsHandler } from '../lines/allocate-funds.handler';
import { LineCommands } from '../shared/line-commands';
import { ProgramSettings } from '../shared/program-settings';
import { ProposalReservations } from '../expenditures/proposal-reservations';
import {
  ProposeExpenditureCommand,
  ProposeExpenditureHandler,
  type ProposeExpenditureInput,
} from '../expenditures/propose-expenditure.handler';
import {
  ApproveExpenditureCommand,
  ApproveExpenditureHandler,
  RejectExpenditureCommand,
  RejectExpenditureHandler,
} from '../expenditures/decide-expenditure.handlers';
import { RecordJointTripCommand, RecordJointTripHandler } from './joint-work.handlers';
import { TripDaysReleaseProcess } from './trip-days-release.process';

const officer: Actor = {
  userId: 'u-ldtbxh',
  name: 'Cán bộ LDTBXH',
  role: 'officer',
  unit: 'LDTBXH',
};
const LINE = '2024.DA6.TDA2.central.2024.LDTBXH';
const PANO = 'DA6.TDA2-pano';

// Illustrative: the seed names the lead agency, not its teams. Three officers were sent on
// an inspection (13–15/5) and on a study tour (15–17/5): the 15th is on both orders.
const members = [
  { personId: 'nguyen-van-a', name: 'Nguyễn Văn A', unit: 'LDTBXH' },
  { personId: 'tran-thi-b', name: 'Trần Thị B', unit: 'YTE' },
  { personId: 'le-van-c', name: 'Lê Văn C', unit: 'LDTBXH' },
];
const inspection: JointTrip = {
  tripId: 'KT-2024-01',
  team: 'Đoàn kiểm tra, giám sát giảm nghèo 2024',
  leadUnit: 'LDTBXH',
  members,
  from: '2024-05-13',
  to: '2024-05-15',
  travelOrder: { number: '15/QĐ-LĐTBXH', issuedOn: '2024-05-10' },
};
const tour: JointTrip = {
  ...inspection,
  tripId: 'HT-2024-02',
  team: 'Đoàn học tập kinh nghiệm giảm nghèo 2024',
  from: '2024-05-15',
  to: '2024-05-17',
  travelOrder: { number: '16/QĐ-LĐTBXH', issuedOn: '2024-05-11' },
};

/** Per-diem for `people` on `trip` over from…to (150.000 đồng a day), paid under the plan's activity. */
const travel = (
  trip: JointTrip,
  people: readonly string[],
  from: string,
  to: string,
  voucher: string | null = null,
): ProposeExpenditureInput => {
  const days = Number(to.slice(-2)) - Number(from.slice(-2)) + 1;
  const amount = BigInt(days * people.length) * 150_000n;
  return {
    budgetLineId: LINE,
    amount,
    category: 'travel_allowance',
    description: `Công tác phí ${trip.team}`,
    payee: 'Thành viên đoàn',
    activity: PANO,
    voucher,
    personDays: days * people.length,
    jointTeam: true,
    normClaim: {
      period: { from, to },
      items: [{ kind: 'per_diem', amount, persons: people.length, days }],
    },
    jointTrip: {
      tripId: trip.tripId,
      travellers: people.map((personId) => ({ personId, from, to })),
    },
    correction: null,
  };
};

/** The plan approved by 120/KH-UBND on 15/4/2024: from then on a proposal names its activity. */
const approvedPlan: PlanEvent[] = [baTo2024Drafted, baTo2024Submitted, baTo2024Approved];

/** Expenditures still holding something on the stream: each hold less its release. */
async function holders(store: EventStore, streamId: string): Promise<string[]> {
  const net = new Map<string, number>();
  for (const e of await store.readStream(streamId)) {
    const id = (e.data as { expenditureId?: unknown }).expenditureId;
    if (typeof id !== 'string') continue;
    const step = /(Claimed|Held|Reserved)$/.test(e.type) ? 1 : /Released$/.test(e.type) ? -1 : 0;
    net.set(id, (net.get(id) ?? 0) + step);
  }
  return [...net].filter(([, n]) => n > 0).map(([id]) => id);
}

/** A process of its own on the shared file: its own store, caches and handlers. */
function processOn(file: string) {
  const store = new SqliteEventStore({ file });
  const lines = new LineCommands(store);
  const propose = (input: ProposeExpenditureInput, commandId?: string) =>
    new ProposeExpenditureHandler(store, lines, new ProgramSettings('LDTBXH')).execute(
      new ProposeExpenditureCommand(context(officer, '2024-05-18', commandId), input),
    );
  return { store, lines, propose };
}

describe("a traveller's days across two trips (embedded SQLite store)", () => {
  let dir: string;
  let one: ReturnType<typeof processOn>;
  let two: ReturnType<typeof processOn>;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'traveller-days-'));
    const file = join(dir, 'events.sqlite');
    one = processOn(file);
    two = processOn(file);
    await registerReference(one.store, ['LDTBXH', 'YTE']);
    await new AllocateFundsHandler(one.store, one.lines).execute(
      new AllocateFundsCommand(
        context(admin, '2024-03-25'),
        {
          fiscalYear: 2024,
          programPart: 'DA6.TDA2',
          fundSource: 'central',
          sourceYear: 2024,
          unit: 'LDTBXH',
        },
        50_000_000n,
        '30/QĐ-UBND',
        ['30/QĐ-UBND'],
      ),
    );
    await givenPlan(one.store, 'LDTBXH', approvedPlan);
    for (const trip of [inspection, tour]) {
      await new RecordJointTripHandler(one.store).execute(
        new RecordJointTripCommand(context(officer, trip.travelOrder.issuedOn), trip),
      );
    }
  });

  afterEach(async () => {
    await Promise.all([one.store.close(), two.store.close()]);
    rmSync(dir, { recursive: true, force: true });
  });

  it('refuses the same day claimed on another trip, naming the person, the day and the trip, recording nothing', async () => {
    const first = await one.propose(
      travel(inspection, ['nguyen-van-a'], '2024-05-13', '2024-05-15'),
    );
    const before = (await one.store.readAll({ after: 0n, maxCount: 100_000 })).length;
    const refused = one.propose(travel(tour, ['nguyen-van-a'], '2024-05-15', '2024-05-17'));
    await expect(refused).rejects.toMatchObject({
      code: 'BUDGET.DOUBLE_FUNDING_PERSON_DAYS',
      details: {
        field: 'jointTrip.travellers',
        personId: 'nguyen-van-a',
        from: '2024-05-15',
        to: '2024-05-15',
        expenditureId: first.id,
        tripId: inspection.tripId,
      },
      messages: {
        vi: expect.stringContaining('Ngày 15/5/2024 của Nguyễn Văn A (nguyen-van-a)'),
        en: expect.stringContaining('on trip KT-2024-01'),
      },
    });
    expect((await one.store.readAll({ after: 0n, maxCount: 100_000 })).length).toBe(before);
    // The person's other days on the tour are free.
    await expect(
      one.propose(travel(tour, ['nguyen-van-a'], '2024-05-16', '2024-05-17')),
    ).resolves.toMatchObject({ id: expect.any(String) });
  });

  it('lands exactly one of two proposals on two trips racing for one person-day, from two processes; the other holds nothing', async () => {
    for (const [round, { personId }] of members.entries()) {
      const vouchers = [`HĐ-${round}-KT`, `HĐ-${round}-HT`];
      const answers = await Promise.allSettled([
        one.propose(travel(inspection, [personId], '2024-05-15', '2024-05-15', vouchers[0])),
        two.propose(travel(tour, [personId], '2024-05-15', '2024-05-15', vouchers[1])),
      ]);
      const landed = answers.flatMap((a) => (a.status === 'fulfilled' ? [a.value.id] : []));
      const refusals = answers.flatMap((a) =>
        a.status === 'rejected' ? [(a.reason as DomainError).code] : [],
      );
      expect({ landed: landed.length, refusals }).toEqual({
        landed: 1,
        refusals: ['BUDGET.DOUBLE_FUNDING_PERSON_DAYS'],
      });
      const winner = landed[0]!;
      const won = answers[0].status === 'fulfilled' ? 0 : 1;
      // The loser gave back all it took: its voucher, its trip's claim, the person's day,
      // the activity's room; the winner holds each once.
      expect(await holders(one.store, travellerDaysStreamId(personId))).toEqual([winner]);
      expect(
        await holders(one.store, jointTripStreamId([inspection, tour][won]!.tripId)),
      ).toContain(winner);
      expect(
        await holders(one.store, jointTripStreamId([inspection, tour][1 - won]!.tripId)),
      ).toEqual([]);
      expect(await holders(one.store, voucherStreamId(vouchers[won]!))).toEqual([winner]);
      expect(await holders(one.store, voucherStreamId(vouchers[1 - won]!))).toEqual([]);
      expect(
        (await holders(one.store, activitySpendingStreamId(2024, 'LDTBXH', PANO))).length,
      ).toBe(round + 1);
    }
    // The race was run, not only the check before it: a loser had taken its trip's claim.
    const released = [inspection, tour].map(async (t) =>
      (await one.store.readStream(jointTripStreamId(t.tripId))).filter(
        (e) => e.type === 'TripDaysReleased',
      ),
    );
    expect((await Promise.all(released)).flat().length).toBeGreaterThan(0);
    const proposed = (await one.store.readStream(budgetLineStreamId(LINE))).filter(
      (e) => e.type === 'ExpenditureProposed',
    );
    expect(proposed).toHaveLength(members.length);
  });

  it('lands one of two proposals naming the same two people in other orders, on two trips at once', async () => {
    const answers = await Promise.allSettled([
      one.propose(travel(inspection, ['tran-thi-b', 'le-van-c'], '2024-05-15', '2024-05-15')),
      two.propose(travel(tour, ['le-van-c', 'tran-thi-b'], '2024-05-15', '2024-05-15')),
    ]);
    // Both take le-van-c's stream first (the streams' order, not the claim's): the one that
    // loses it holds nothing, rather than each holding one person and refusing the other.
    expect(answers.map((a) => a.status).sort()).toEqual(['fulfilled', 'rejected']);
    const winner = answers.flatMap((a) => (a.status === 'fulfilled' ? [a.value.id] : []));
    for (const personId of ['le-van-c', 'tran-thi-b']) {
      expect(await holders(one.store, travellerDaysStreamId(personId))).toEqual(winner);
    }
  });

  it("gives back the people already held when a later traveller's day is taken", async () => {
    const held = await one.propose(travel(tour, ['tran-thi-b'], '2024-05-15', '2024-05-15'));
    const holds = new ProposalReservations(one.store, context(officer, '2024-05-18'), 'e-late');
    const days = (personId: string) => ({
      personId,
      name: personId,
      tripId: inspection.tripId,
      expenditureId: 'e-late',
      budgetLineId: LINE,
      unit: 'LDTBXH',
      from: '2024-05-15',
      to: '2024-05-15',
    });
    // As the trip's claim would order them: nguyen-van-a's stream before tran-thi-b's.
    await expect(
      holds.holdTravellerDays([days('nguyen-van-a'), days('tran-thi-b')]),
    ).rejects.toMatchObject({
      code: 'BUDGET.DOUBLE_FUNDING_PERSON_DAYS',
      details: { personId: 'tran-thi-b', expenditureId: held.id, tripId: tour.tripId },
    });
    expect(await holders(one.store, travellerDaysStreamId('nguyen-van-a'))).toEqual([]);
    const a = await one.store.readStream(travellerDaysStreamId('nguyen-van-a'));
    expect(a.map((e) => e.type)).toEqual(['TravellerDaysHeld', 'TravellerDaysReleased']);
    expect(a[1]?.data).toMatchObject({ reason: 'BUDGET.DOUBLE_FUNDING_PERSON_DAYS' });
  });

  it("frees a rejected proposal's days of the person, for a corrected claim on the other trip", async () => {
    const first = await one.propose(
      travel(inspection, ['le-van-c', 'nguyen-van-a'], '2024-05-14', '2024-05-15'),
    );
    const corrected = () => two.propose(travel(tour, ['le-van-c'], '2024-05-15', '2024-05-16'));
    await expect(corrected()).rejects.toMatchObject({ code: 'BUDGET.DOUBLE_FUNDING_PERSON_DAYS' });
    const rejected = await new RejectExpenditureHandler(one.lines).execute(
      new RejectExpenditureCommand(
        { ...context(approver, '2024-05-19'), effectiveDate: '2024-05-19' },
        first.id,
        authority,
        'Sai chuyến công tác',
      ),
    );
    const [event] = await one.store.readAll({
      after: BigInt(rejected.position ?? '1') - 1n,
      maxCount: 1,
    });
    const release = new TripDaysReleaseProcess(one.store, one.lines);
    await release.handle(event as RecordedEvent);
    // Redelivered (a restart before the checkpoint moved): nothing is released twice.
    await release.handle(event as RecordedEvent);
    for (const personId of ['le-van-c', 'nguyen-van-a']) {
      const stream = await one.store.readStream(travellerDaysStreamId(personId));
      expect(stream.map((e) => e.type)).toEqual(['TravellerDaysHeld', 'TravellerDaysReleased']);
      expect(stream[1]?.data).toMatchObject({ expenditureId: first.id, reason: 'rejected' });
    }
    expect(await holders(one.store, jointTripStreamId(inspection.tripId))).toEqual([]);
    const again = await corrected();
    expect(await holders(one.store, travellerDaysStreamId('le-van-c'))).toEqual([again.id]);
  });

  it("frees the person's days when the approved money lapses (ExpenditureLapsed), as a rejection does", async () => {
    const first = await one.propose(travel(inspection, ['tran-thi-b'], '2024-05-15', '2024-05-15'));
    await new ApproveExpenditureHandler(one.lines).execute(
      new ApproveExpenditureCommand(context(approver, '2024-05-19'), first.id, authority, []),
    );
    // What the carry-over lapse process records at the deadline for approved, unpaid money.
    const lapsed = {
      type: 'ExpenditureLapsed' as const,
      data: {
        budgetLineId: LINE,
        expenditureId: first.id,
        amount: 150_000n,
        deadline: '2024-12-31',
      },
    };
    await one.store.append(
      budgetLineStreamId(LINE),
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
    const release = new TripDaysReleaseProcess(one.store, one.lines);
    for (const event of await one.store.readAll({ maxCount: 10_000 })) await release.handle(event);
    const own = await one.store.readStream(travellerDaysStreamId('tran-thi-b'));
    expect(own.map((e) => [e.type, e.data.reason ?? null])).toEqual([
      ['TravellerDaysHeld', null],
      ['TravellerDaysReleased', 'lapsed with its carry-over'],
    ]);
    await expect(
      two.propose(travel(tour, ['tran-thi-b'], '2024-05-15', '2024-05-15')),
    ).resolves.toMatchObject({ id: expect.any(String) });
  });
});
