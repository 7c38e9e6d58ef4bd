import { deciderSpec } from '@app/testing/decider';
import type { Actor } from '../shared/actor';
import { MAX_AMOUNT } from '../shared/money';
import {
  approver,
  officer,
  secondOfficer,
  viceChairmanAuthority,
} from '../shared/testing/actors.fixture';
import type { PlanCommand } from './plan.commands';
import { planDecider } from './plan.decider';
import { versionTotals } from './plan-totals';
import {
  baTo2024Approval,
  baTo2024Approved,
  baTo2024Draft,
  baTo2024Drafted,
  baTo2024Submitted,
} from './testing/ba-to-2024.fixture';

const given = deciderSpec(planDecider);
const plan = { fiscalYear: 2024, leadUnit: 'LDTBXH' } as const;
type Draft = typeof baTo2024Draft;

const draftWith = (data: Partial<Draft['data']>, actor: Actor = officer): PlanCommand => ({
  ...baTo2024Draft,
  actor,
  data: { ...baTo2024Draft.data, ...data },
});
const parts = baTo2024Draft.data.parts;
const amend = (amendingDecision: unknown): PlanCommand => ({
  type: 'AmendPlan',
  actor: officer,
  on: '2024-08-01',
  data: {
    ...plan,
    amendingDecision: amendingDecision as string,
    reason: 'Điều chỉnh kinh phí',
    parts,
    activities: baTo2024Draft.data.activities,
  },
});
const approve = (actor: Actor): PlanCommand => ({
  type: 'ApprovePlan',
  actor,
  on: '2024-04-15',
  data: { ...plan, ...baTo2024Approval, authority: viceChairmanAuthority },
});

describe('rules of a plan', () => {
  describe('its fiscal year', () => {
    it('lies between 2000 and 2100, both included', () => {
      for (const fiscalYear of [2000, 2100]) {
        given([])
          .when(draftWith({ fiscalYear }))
          .thenMatches([{ type: 'PlanDrafted', data: { fiscalYear } }]);
      }
      for (const fiscalYear of [1999, 2101, 2024.5]) {
        given([])
          .when(draftWith({ fiscalYear }))
          .thenThrows('PLAN.INVALID_FISCAL_YEAR', { field: 'fiscalYear' });
      }
    });
  });

  describe('a new draft', () => {
    it('replaces a draft or a rejected plan, keeping everyone who prepared it', () => {
      const first = given([])
        .when(draftWith({}))
        .thenMatches([{ type: 'PlanDrafted' }]);
      if (first.status === 'none') throw new Error('no plan');
      expect(first.working.preparedBy).toEqual([officer.userId]);
      const second = given([baTo2024Drafted])
        .when(draftWith({}, secondOfficer))
        .thenMatches([{ type: 'PlanDrafted', data: { version: 1 } }]);
      if (second.status === 'none') throw new Error('no plan');
      expect(second.working.preparedBy).toEqual([officer.userId, secondOfficer.userId]);
      const rejected = {
        type: 'PlanRejected' as const,
        data: { ...plan, version: 1, on: '2024-04-14', reason: 'x', rejectedBy: approver },
      };
      given([baTo2024Drafted, baTo2024Submitted, rejected])
        .when(draftWith({}))
        .thenMatches([{ type: 'PlanDrafted' }]);
      // The first officer, who shaped version 1, may not approve it after a colleague redrafted.
      const redrafted = given([baTo2024Drafted]).when(draftWith({}, secondOfficer)).events();
      given([baTo2024Drafted, ...redrafted, baTo2024Submitted])
        .when(approve({ ...officer, role: 'approver' }))
        .thenThrows('AUTH.SEGREGATION_OF_DUTIES');
    });

    it('is refused once submitted or approved, and during an amendment of an approved plan', () => {
      given([baTo2024Drafted, baTo2024Submitted])
        .when(draftWith({}))
        .thenThrows('PLAN.INVALID_STATE', { status: 'submitted' });
      given([baTo2024Drafted, baTo2024Submitted, baTo2024Approved])
        .when(draftWith({}))
        .thenThrows('PLAN.INVALID_STATE', { status: 'approved' });
      const amending = given([baTo2024Drafted, baTo2024Submitted, baTo2024Approved])
        .when(amend('121/QĐ-UBND'))
        .events();
      given([baTo2024Drafted, baTo2024Submitted, baTo2024Approved, ...amending])
        .when(draftWith({}))
        .thenThrows('PLAN.INVALID_STATE', { status: 'draft' });
    });
  });

  describe('a command for another plan than the stream’s', () => {
    it('is refused as not found', () => {
      given([baTo2024Drafted])
        .when({
          type: 'SubmitPlan',
          actor: officer,
          on: '2024-04-12',
          data: { ...plan, fiscalYear: 2025 },
        })
        .thenThrows('PLAN.NOT_FOUND');
      given([baTo2024Drafted])
        .when({
          type: 'SubmitPlan',
          actor: { ...officer, unit: 'YTE' },
          on: '2024-04-12',
          data: { ...plan, leadUnit: 'YTE' },
        })
        .thenThrows('PLAN.NOT_FOUND');
    });
  });

  describe('an amendment', () => {
    const approved = [baTo2024Drafted, baTo2024Submitted, baTo2024Approved];

    it('needs the decision that amends the plan', () => {
      for (const missing of ['', '   ', undefined, 42]) {
        given(approved).when(amend(missing)).thenThrows('PLAN.AMENDING_DECISION_REQUIRED');
      }
      given(approved)
        .when(amend(' 121/QĐ-UBND '))
        .thenMatches([{ type: 'PlanAmendmentDrafted', data: { amendingDecision: '121/QĐ-UBND' } }]);
    });
  });

  describe('the amounts of its parts', () => {
    const withAmount = (budgetAmount: unknown): PlanCommand =>
      draftWith({
        parts: [{ ...parts[0]!, budgetAmount: budgetAmount as bigint }, ...parts.slice(1)],
      });

    it('run from 0 to the contract’s 18 digits, in whole đồng', () => {
      for (const amount of [0n, MAX_AMOUNT]) {
        given([])
          .when(withAmount(amount))
          .thenMatches([{ type: 'PlanDrafted' }]);
      }
      for (const amount of [-1n, MAX_AMOUNT + 1n, 378_000_000, '378000000']) {
        given([])
          .when(withAmount(amount))
          .thenThrows('VALIDATION.AMOUNT', { field: 'parts[0].budgetAmount' });
      }
    });

    it('refuses a part code that is not text', () => {
      given([])
        .when(draftWith({ parts: [{ ...parts[0]!, code: 6 as unknown as string }] }))
        .thenThrows('PLAN.INVALID_PART_CODE', { field: 'parts[0].code' });
    });

    it('adds up what the activities plan for, part by part and in all', () => {
      const activities = baTo2024Draft.data.activities.map((a, i) => ({
        ...a,
        plannedAmount:
          i === 0 ? 100_000_000n : i === 3 ? 20_000_000n : i === 4 ? 30_000_000n : undefined,
      }));
      const state = given([])
        .when(draftWith({ activities }))
        .thenMatches([{ type: 'PlanDrafted' }]);
      if (state.status === 'none') throw new Error('no plan');
      const totals = versionTotals(state.working);
      expect(totals.plannedAmount).toBe(150_000_000n);
      expect(totals.parts.map((p) => [p.code, p.plannedAmount, p.unplannedAmount])).toEqual([
        ['DA6.TDA2', 100_000_000n, 278_000_000n],
        ['DA7.TDA1', 50_000_000n, 1_420_000_000n],
        ['DA7.TDA2', 0n, 596_771_300n],
      ]);
    });
  });
});
