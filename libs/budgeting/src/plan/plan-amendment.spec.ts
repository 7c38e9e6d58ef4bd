import type { PlanCommand } from './plan.commands';
import { planDecider } from './plan.decider';
import type { PlanEvent } from './plan.events';
import { versionInForce } from './plan.state';
import { planTotals } from './plan-totals';
import type { ActivityInput, ProgramPart } from './plan.types';
import { approver, officer, viceChairmanAuthority } from '../shared/testing/actors.fixture';
import {
  baTo2024Approved,
  baTo2024Draft,
  baTo2024Drafted,
  baTo2024Submitted,
} from './testing/ba-to-2024.fixture';
import { deciderSpec } from '@app/testing/decider';

const given = deciderSpec(planDecider);
const plan = { fiscalYear: 2024, leadUnit: 'LDTBXH' } as const;
const approvedV1 = [baTo2024Drafted, baTo2024Submitted, baTo2024Approved];

// Illustrative: 20 million moved from DA7.TDA1 to DA6.TDA2 by a decision of our invention.
const amendedParts: ProgramPart[] = baTo2024Draft.data.parts.map((part) =>
  part.code === 'DA6.TDA2'
    ? { ...part, budgetAmount: 398_000_000n }
    : part.code === 'DA7.TDA1'
      ? { ...part, budgetAmount: 1_450_000_000n }
      : part,
);
const amendedActivities: ActivityInput[] = baTo2024Draft.data.activities.map((activity) =>
  activity.id === 'DA6.TDA2-pano'
    ? {
        ...activity,
        plannedAmount: 60_000_000n,
        outputs: [
          { id: 'pano', description: 'Pano tuyên truyền 2 mặt', unit: 'cái' as const, target: 20 },
        ],
      }
    : activity,
);

type Amend = Extract<PlanCommand, { type: 'AmendPlan' }>;
const amend = (data: Partial<Amend['data']> = {}): Amend => ({
  type: 'AmendPlan',
  actor: officer,
  on: '2024-09-20',
  data: {
    ...plan,
    amendingDecision: '215/QĐ-UBND',
    reason: 'Điều chỉnh kinh phí giữa các tiểu dự án',
    parts: amendedParts,
    activities: amendedActivities,
    ...data,
  },
});

const amendmentDrafted: Extract<PlanEvent, { type: 'PlanAmendmentDrafted' }> = {
  type: 'PlanAmendmentDrafted',
  data: {
    ...plan,
    version: 2,
    on: '2024-09-20',
    amendsVersion: 1,
    amendingDecision: '215/QĐ-UBND',
    reason: 'Điều chỉnh kinh phí giữa các tiểu dự án',
    title: baTo2024Drafted.data.title,
    legalBasis: [...baTo2024Drafted.data.legalBasis, '215/QĐ-UBND'],
    fundingDecisions: baTo2024Drafted.data.fundingDecisions,
    parts: amendedParts,
    activities: baTo2024Drafted.data.activities.map((activity) =>
      activity.id === 'DA6.TDA2-pano'
        ? {
            ...activity,
            plannedAmount: 60_000_000n,
            outputs: [
              { id: 'pano', description: 'Pano tuyên truyền 2 mặt', unit: 'cái', target: 20 },
            ],
          }
        : activity,
    ),
    totalAmount: 2_444_771_300n,
    draftedBy: officer,
  },
};
const amendmentSubmitted: PlanEvent = {
  type: 'PlanSubmitted',
  data: { ...plan, version: 2, on: '2024-09-21', submittedBy: officer },
};
const approveAmendment: PlanCommand = {
  type: 'ApprovePlan',
  actor: approver,
  on: '2024-09-25',
  data: {
    ...plan,
    number: '260/KH-UBND',
    issuedOn: '2024-09-25',
    authority: viceChairmanAuthority,
  },
};

describe('amending a plan', () => {
  describe('when the plan is only drafted', () => {
    it('refuses an amendment: there is nothing approved to amend', () => {
      given([baTo2024Drafted]).when(amend()).thenThrows('PLAN.INVALID_STATE');
    });
  });

  describe('when the plan is approved', () => {
    it('drafts version 2, citing the amending decision among its legal bases', () => {
      const state = given(approvedV1).when(amend()).then([amendmentDrafted]);

      expect(versionInForce(state)?.version).toBe(1);
      expect(planTotals(state)?.parts[0]).toEqual({
        code: 'DA6.TDA2',
        name: 'Tiểu Dự án 2 – Dự án 6: Truyền thông về giảm nghèo đa chiều',
        budgetAmount: 398_000_000n,
        plannedAmount: 60_000_000n,
        unplannedAmount: 338_000_000n,
      });
    });

    it('refuses an amendment that cites no decision', () => {
      given(approvedV1)
        .when(amend({ amendingDecision: '' }))
        .thenThrows('PLAN.AMENDING_DECISION_REQUIRED', { field: 'amendingDecision' });
    });

    it('refuses an amending decision that is not a document number', () => {
      given(approvedV1)
        .when(amend({ amendingDecision: 'QĐ điều chỉnh' }))
        .thenThrows('VALIDATION.DOCUMENT_NUMBER', { field: 'amendingDecision' });
    });

    it('refuses activities over their part budget', () => {
      const tooMuch = amendedActivities.map((a) =>
        a.id === 'DA7.TDA2-ra-soat' ? { ...a, plannedAmount: 596_771_301n } : a,
      );
      given(approvedV1)
        .when(amend({ activities: tooMuch }))
        .thenThrows('PLAN.ACTIVITIES_EXCEED_BUDGET', { programPart: 'DA7.TDA2' });
    });

    it('refuses an approver amending', () => {
      given(approvedV1)
        .when({ ...amend(), actor: approver })
        .thenThrows('AUTH.ROLE_FORBIDDEN');
    });

    it('refuses a target below what was already delivered', () => {
      const delivered: PlanEvent = {
        type: 'OutputProgressReported',
        data: {
          ...plan,
          version: 1,
          on: '2024-06-01',
          activityId: 'DA6.TDA2-pano',
          outputId: 'pano',
          progress: { kind: 'count', delivered: 12, target: 15 },
          reportedBy: officer,
        },
      };
      const target = (n: number) =>
        amendedActivities.map((a) =>
          a.id === 'DA6.TDA2-pano'
            ? {
                ...a,
                outputs: [{ id: 'pano', description: 'Pano', unit: 'cái' as const, target: n }],
              }
            : a,
        );
      given([...approvedV1, delivered])
        .when(amend({ activities: target(10) }))
        .thenThrows('PLAN.TARGET_BELOW_PROGRESS', {
          field: 'activities[0].outputs[0].target',
        });
      // Down to exactly what was delivered is allowed.
      given([...approvedV1, delivered])
        .when(amend({ activities: target(12) }))
        .thenMatches([{ type: 'PlanAmendmentDrafted' }]);
    });
  });

  describe('when an amendment is submitted', () => {
    const history = [...approvedV1, amendmentDrafted, amendmentSubmitted];

    it('is approved as version 2, keeping version 1 in the history', () => {
      const state = given(history)
        .when(approveAmendment)
        .then([
          {
            type: 'PlanApproved',
            data: {
              ...plan,
              version: 2,
              on: '2024-09-25',
              number: '260/KH-UBND',
              issuedOn: '2024-09-25',
              totalAmount: 2_444_771_300n,
              legalBasis: amendmentDrafted.data.legalBasis,
              approvedBy: approver,
              authority: viceChairmanAuthority,
            },
          },
        ]);

      if (state.status === 'none') throw new Error('unreachable');
      expect(state.approved.map((v) => [v.version, v.approval?.number])).toEqual([
        [1, '120/KH-UBND'],
        [2, '260/KH-UBND'],
      ]);
      expect(state.approved[1]?.amendingDecision).toBe('215/QĐ-UBND');
    });

    it('refuses another amendment until this one is decided', () => {
      given(history).when(amend()).thenThrows('PLAN.INVALID_STATE', { status: 'submitted' });
    });
  });

  describe('when an amendment was rejected', () => {
    const rejected: PlanEvent = {
      type: 'PlanRejected',
      data: { ...plan, version: 2, on: '2024-09-24', reason: 'Sai số liệu', rejectedBy: approver },
    };
    const history = [...approvedV1, amendmentDrafted, amendmentSubmitted, rejected];

    it('keeps version 1 in force', () => {
      const state = given(history).state;
      expect(versionInForce(state)?.approval?.number).toBe('120/KH-UBND');
    });

    it('accepts a corrected amendment, still version 2', () => {
      given(history).when(amend()).then([amendmentDrafted]);
    });
  });
});
