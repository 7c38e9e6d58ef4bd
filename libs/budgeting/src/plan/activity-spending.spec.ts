import { deciderSpec } from '@app/testing/decider';
import { fold } from '../shared/decider';
import { approver, officer, viceChairmanAuthority } from '../shared/testing/actors.fixture';
import {
  activitySpendingDecider,
  activitySpendingStreamId,
  type ActivitySpendingCommand,
  type ActivitySpendingEvent,
} from './activity-spending.decider';
import { requireActivityNamed } from './plan-in-force';
import { planDecider } from './plan.decider';
import type { PlanEvent } from './plan.events';
import type { PlanState } from './plan.state';
import { baTo2024Approved, baTo2024Drafted, baTo2024Submitted } from './testing/ba-to-2024.fixture';

const given = deciderSpec(activitySpendingDecider);
const LINE = '2024.DA6.TDA2.central.2024.LDTBXH';
const OTHER_LINE = '2024.DA6.TDA2.central.2023.LDTBXH';
const PANO = 'DA6.TDA2-pano';
const ref = { fiscalYear: 2024, leadUnit: 'LDTBXH' } as const;

/** The seed's plan with the panels planned at 50 million (illustrative: the seed gives no figure). */
const cappedDraft: PlanEvent = {
  ...baTo2024Drafted,
  data: {
    ...baTo2024Drafted.data,
    activities: baTo2024Drafted.data.activities.map((a) =>
      a.id === PANO ? { ...a, plannedAmount: 50_000_000n } : a,
    ),
  },
};
const rejected: PlanEvent = {
  type: 'PlanRejected',
  data: { ...ref, version: 1, on: '2024-04-14', reason: 'Chưa phân khai', rejectedBy: approver },
};
/** Version 2, approved by 260/KH-UBND on 25/9/2024, raises the panels to 60 million. */
const amendment: PlanEvent[] = [
  {
    type: 'PlanAmendmentDrafted',
    data: {
      ...cappedDraft.data,
      version: 2,
      on: '2024-09-20',
      amendsVersion: 1,
      amendingDecision: '215/QĐ-UBND',
      reason: 'Thêm 5 pano',
      activities: cappedDraft.data.activities.map((a) =>
        a.id === PANO ? { ...a, plannedAmount: 60_000_000n } : a,
      ),
    },
  },
  {
    type: 'PlanSubmitted',
    data: { ...ref, version: 2, on: '2024-09-21', submittedBy: officer },
  },
  {
    type: 'PlanApproved',
    data: {
      ...baTo2024Approved.data,
      version: 2,
      on: '2024-09-25',
      number: '260/KH-UBND',
      issuedOn: '2024-09-25',
      approvedBy: approver,
      authority: viceChairmanAuthority,
    },
  },
];

const planOf = (events: readonly PlanEvent[]): PlanState => fold(planDecider, events);
const approvedCapped = planOf([cappedDraft, baTo2024Submitted, baTo2024Approved]);

const reserve = (
  expenditureId: string,
  amount: bigint,
  options: { plan?: PlanState; on?: string; line?: string; part?: string; activity?: string } = {},
): ActivitySpendingCommand => ({
  type: 'ReserveActivitySpending',
  on: options.on ?? '2024-05-10',
  data: {
    ...ref,
    activityId: options.activity ?? PANO,
    expenditureId,
    amount,
    line: {
      id: options.line ?? LINE,
      fiscalYear: 2024,
      programPart: options.part ?? 'DA6.TDA2',
    },
    plan: options.plan ?? approvedCapped,
  },
});
const reserved = (
  expenditureId: string,
  amount: bigint,
  extra: Partial<Extract<ActivitySpendingEvent, { type: 'ActivitySpendingReserved' }>['data']> = {},
): ActivitySpendingEvent => ({
  type: 'ActivitySpendingReserved',
  data: {
    ...ref,
    activityId: PANO,
    version: 1,
    decision: '120/KH-UBND',
    expenditureId,
    budgetLineId: LINE,
    amount,
    plannedAmount: 50_000_000n,
    ...extra,
  },
});
const release = (expenditureId: string): ActivitySpendingCommand => ({
  type: 'ReleaseActivitySpending',
  data: { ...ref, activityId: PANO, expenditureId, reason: 'rejected' },
});

describe('spending tied to an approved plan activity (issue 17 item 5)', () => {
  it('keeps each activity in a stream of its own, per plan', () => {
    expect(activitySpendingStreamId(2024, 'LDTBXH', PANO)).toBe(
      'plan-activity-2024-LDTBXH-DA6.TDA2-pano',
    );
  });

  describe('given the plan is approved and in force on the proposal date', () => {
    it('reserves the amount under the version in force and the decision that approved it', () => {
      const state = given([])
        .when(reserve('e1', 30_000_000n))
        .then([reserved('e1', 30_000_000n)]);
      expect(state.committed).toBe(30_000_000n);
    });

    it('reserves on an activity with no planned amount: nothing caps it', () => {
      const plan = planOf([baTo2024Drafted, baTo2024Submitted, baTo2024Approved]);
      given([])
        .when(reserve('e1', 900_000_000n, { plan }))
        .then([reserved('e1', 900_000_000n, { plannedAmount: null })]);
    });

    it('is idempotent for the same expenditure (a retried proposal)', () => {
      given([reserved('e1', 30_000_000n)])
        .when(reserve('e1', 30_000_000n))
        .then([]);
    });

    it('accepts spending up to the last đồng of the planned amount', () => {
      given([reserved('e1', 30_000_000n)])
        .when(reserve('e2', 20_000_000n, { line: OTHER_LINE }))
        .then([reserved('e2', 20_000_000n, { budgetLineId: OTHER_LINE })]);
    });

    it('refuses spending over the planned amount, across lines, naming what is left', () => {
      given([reserved('e1', 30_000_000n)])
        .when(reserve('e2', 20_000_001n, { line: OTHER_LINE }))
        .thenThrows('PLAN.ACTIVITY_CAP_EXCEEDED', {
          field: 'amount',
          activity: PANO,
          planned: '50000000',
          committed: '30000000',
          requested: '20000001',
          remaining: '20000000',
        });
    });

    it('counts released spending out: a rejected proposal gives its room back', () => {
      const releasedE1: ActivitySpendingEvent = {
        type: 'ActivitySpendingReleased',
        data: {
          ...ref,
          activityId: PANO,
          expenditureId: 'e1',
          budgetLineId: LINE,
          amount: 30_000_000n,
          reason: 'rejected',
        },
      };
      const state = given([reserved('e1', 30_000_000n)])
        .when(release('e1'))
        .then([releasedE1]);
      expect(state.committed).toBe(0n);
      given([reserved('e1', 30_000_000n), releasedE1])
        .when(reserve('e2', 50_000_000n))
        .then([reserved('e2', 50_000_000n)]);
    });

    it('releases nothing twice, nor what was never reserved', () => {
      const releasedOnce = given([reserved('e1', 1n)])
        .when(release('e1'))
        .events();
      given([reserved('e1', 1n), ...releasedOnce])
        .when(release('e1'))
        .then([]);
      given([]).when(release('e9')).then([]);
    });

    it('refuses an activity of another program part than the line', () => {
      given([])
        .when(
          reserve('e1', 1_000n, { part: 'DA7.TDA1', line: '2024.DA7.TDA1.central.2024.LDTBXH' }),
        )
        .thenThrows('PLAN.ACTIVITY_PART_MISMATCH', {
          field: 'activity',
          activity: PANO,
          activityPart: 'DA6.TDA2',
          linePart: 'DA7.TDA1',
        });
    });

    it('accepts a finer line under the activity part (DA6.TDA2.ND1 under DA6.TDA2)', () => {
      given([])
        .when(reserve('e1', 1_000n, { part: 'DA6.TDA2.ND1' }))
        .thenMatches([{ type: 'ActivitySpendingReserved' }]);
    });

    it('refuses an activity the version in force does not have', () => {
      given([])
        .when(reserve('e1', 1_000n, { activity: 'DA6.TDA2-khong-co' }))
        .thenThrows('PLAN.UNKNOWN_ACTIVITY', {
          field: 'activity',
          activity: 'DA6.TDA2-khong-co',
          version: '1',
        });
    });
  });

  describe('given a plan that is not approved on the proposal date', () => {
    const notApproved = (status: string, on = '2024-05-10') => ({
      field: 'activity',
      fiscalYear: '2024',
      leadUnit: 'LDTBXH',
      status,
      on,
    });

    it('refuses a draft: a draft funds nothing', () => {
      given([])
        .when(reserve('e1', 1_000n, { plan: planOf([cappedDraft]) }))
        .thenThrows('PLAN.NOT_APPROVED', notApproved('draft'));
    });

    it('refuses a submitted plan awaiting its decision', () => {
      given([])
        .when(reserve('e1', 1_000n, { plan: planOf([cappedDraft, baTo2024Submitted]) }))
        .thenThrows('PLAN.NOT_APPROVED', notApproved('submitted'));
    });

    it('refuses a rejected plan', () => {
      const plan = planOf([cappedDraft, baTo2024Submitted, rejected]);
      given([])
        .when(reserve('e1', 1_000n, { plan }))
        .thenThrows('PLAN.NOT_APPROVED', notApproved('rejected'));
    });

    it('refuses spending dated before the approving decision was issued (15/4/2024)', () => {
      given([])
        .when(reserve('e1', 1_000n, { on: '2024-04-14' }))
        .thenThrows('PLAN.NOT_APPROVED', notApproved('submitted', '2024-04-14'));
    });

    it('refuses a plan that does not exist, or is of another year than the line', () => {
      given([])
        .when(reserve('e1', 1_000n, { plan: { status: 'none' } }))
        .thenThrows('PLAN.NOT_FOUND_FOR_SPENDING', {
          field: 'planUnit',
          fiscalYear: '2024',
          leadUnit: 'LDTBXH',
        });
    });
  });

  describe('given an amendment approved on 25/9/2024 raising the cap to 60 million', () => {
    const amended = planOf([cappedDraft, baTo2024Submitted, baTo2024Approved, ...amendment]);

    it('applies the amended cap and version to spending dated from its decision', () => {
      given([reserved('e1', 50_000_000n)])
        .when(reserve('e2', 10_000_000n, { plan: amended, on: '2024-09-25' }))
        .then([
          reserved('e2', 10_000_000n, {
            version: 2,
            decision: '260/KH-UBND',
            plannedAmount: 60_000_000n,
          }),
        ]);
    });

    it('keeps the earlier version for spending dated before it', () => {
      given([reserved('e1', 50_000_000n)])
        .when(reserve('e2', 10_000_000n, { plan: amended, on: '2024-09-24' }))
        .thenThrows('PLAN.ACTIVITY_CAP_EXCEEDED', {
          field: 'amount',
          activity: PANO,
          planned: '50000000',
          committed: '50000000',
          requested: '10000000',
          remaining: '0',
        });
    });

    it('funds under version 1 while the amendment is only a draft', () => {
      const drafting = planOf([cappedDraft, baTo2024Submitted, baTo2024Approved, amendment[0]!]);
      given([])
        .when(reserve('e1', 1_000n, { plan: drafting, on: '2024-09-30' }))
        .then([reserved('e1', 1_000n)]);
    });
  });

  describe('the transition: when a proposal must name an activity', () => {
    it('requires one once the unit has a plan in force on the proposal date', () => {
      expect(() => requireActivityNamed(approvedCapped, '2024-05-10', false)).toThrow(
        expect.objectContaining({
          code: 'PLAN.ACTIVITY_REQUIRED',
          details: expect.objectContaining({ decision: '120/KH-UBND' }) as unknown,
        }),
      );
      expect(() => requireActivityNamed(approvedCapped, '2024-05-10', true)).not.toThrow();
    });

    it('records spending not tied to a plan while no plan is in force (none, a draft, or dated before the decision)', () => {
      for (const [plan, on] of [
        [{ status: 'none' } as PlanState, '2024-05-10'],
        [planOf([cappedDraft]), '2024-05-10'],
        [approvedCapped, '2024-04-14'],
      ] as const) {
        expect(() => requireActivityNamed(plan, on, false)).not.toThrow();
      }
    });
  });
});
