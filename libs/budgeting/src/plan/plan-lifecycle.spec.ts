import type { Actor, Authority } from '../shared/actor';
import type { PlanCommand } from './plan.commands';
import { planDecider } from './plan.decider';
import type { PlanEvent } from './plan.events';
import {
  accountant,
  approver,
  officer,
  secondOfficer,
  viceChairmanAuthority,
} from '../shared/testing/actors.fixture';
import {
  baTo2024Approval,
  baTo2024Approved,
  baTo2024Draft,
  baTo2024Drafted,
  baTo2024Submitted,
} from './testing/ba-to-2024.fixture';
import { deciderSpec } from '@app/testing/decider';

const given = deciderSpec(planDecider);
const plan = { fiscalYear: 2024, leadUnit: 'LDTBXH' } as const;

type CommandOf<T extends PlanCommand['type']> = Extract<PlanCommand, { type: T }>;

const submit = (actor: Actor = officer): CommandOf<'SubmitPlan'> => ({
  type: 'SubmitPlan',
  actor,
  on: '2024-04-12',
  data: plan,
});
const approve = (
  actor: Actor = approver,
  authority: Authority | null = viceChairmanAuthority,
  on = '2024-04-15',
): PlanCommand => ({
  type: 'ApprovePlan',
  actor,
  on,
  data: { ...plan, ...baTo2024Approval, authority },
});
const reject = (actor: Actor = approver, reason = 'Chưa phân khai kinh phí'): PlanCommand => ({
  type: 'RejectPlan',
  actor,
  on: '2024-04-14',
  data: { ...plan, reason, authority: viceChairmanAuthority },
});
const rejected: PlanEvent = {
  type: 'PlanRejected',
  data: {
    ...plan,
    version: 1,
    on: '2024-04-14',
    reason: 'Chưa phân khai kinh phí',
    rejectedBy: approver,
  },
};
/** Someone who drafted the plan and later holds an approver's token. */
const asApprover = (actor: Actor): Actor => ({ ...actor, role: 'approver' });

describe('the plan lifecycle', () => {
  describe('when no plan exists', () => {
    it('refuses a submission of a plan it does not know', () => {
      given([]).when(submit()).thenThrows('PLAN.NOT_FOUND');
    });
  });

  describe('when the plan is drafted', () => {
    const history = [baTo2024Drafted];

    it('is submitted by an officer', () => {
      given(history).when(submit()).then([baTo2024Submitted]);
    });

    it('refuses an accountant submitting', () => {
      given(history).when(submit(accountant)).thenThrows('AUTH.ROLE_FORBIDDEN');
    });

    it('refuses an approval before submission', () => {
      given(history).when(approve()).thenThrows('PLAN.INVALID_STATE', { status: 'draft' });
    });

    it('refuses a rejection before submission', () => {
      given(history).when(reject()).thenThrows('PLAN.INVALID_STATE');
    });

    it('refuses a command naming another fiscal year', () => {
      given(history)
        .when({ ...submit(), data: { fiscalYear: 2025, leadUnit: 'LDTBXH' } })
        .thenThrows('PLAN.NOT_FOUND');
    });
  });

  describe('when the plan is submitted', () => {
    const history = [baTo2024Drafted, baTo2024Submitted];

    it('is approved, recording the number, the approver and their authority', () => {
      const state = given(history).when(approve()).then([baTo2024Approved]);
      expect(state.status).toBe('approved');
    });

    it('is rejected with a reason', () => {
      given(history).when(reject()).then([rejected]);
    });

    it('refuses a rejection without a reason', () => {
      given(history).when(reject(approver, ' ')).thenThrows('VALIDATION.REQUIRED', {
        field: 'reason',
      });
    });

    it('refuses an officer approving', () => {
      given(history).when(approve(secondOfficer)).thenThrows('AUTH.ROLE_FORBIDDEN');
    });

    it('refuses its drafter approving, even holding an approver role', () => {
      const error = given(history)
        .when(approve(asApprover(officer)))
        .thenThrows('AUTH.SEGREGATION_OF_DUTIES');
      expect(error.kind).toBe('forbidden');
    });

    it('refuses its submitter approving', () => {
      const submittedByOther: PlanEvent = {
        ...baTo2024Submitted,
        data: { ...baTo2024Submitted.data, submittedBy: secondOfficer },
      };
      given([baTo2024Drafted, submittedByOther])
        .when(approve(asApprover(secondOfficer)))
        .thenThrows('AUTH.SEGREGATION_OF_DUTIES');
    });

    it('refuses its drafter rejecting', () => {
      given(history)
        .when(reject(asApprover(officer)))
        .thenThrows('AUTH.SEGREGATION_OF_DUTIES');
    });

    it('refuses an approver with no authority in force', () => {
      given(history).when(approve(approver, null)).thenThrows('AUTH.OUTSIDE_DELEGATION');
    });

    it('refuses an approver whose authority covers only Project 6', () => {
      const onlyDa6 = { ...viceChairmanAuthority, programParts: ['DA6'] };
      given(history)
        .when(approve(approver, onlyDa6))
        .thenThrows('AUTH.OUTSIDE_DELEGATION', { programPart: 'DA7.TDA1' });
    });

    it('refuses an approver whose authority covers another unit', () => {
      const otherUnit = { ...viceChairmanAuthority, units: ['TCKH'] };
      given(history).when(approve(approver, otherUnit)).thenThrows('AUTH.OUTSIDE_DELEGATION');
    });

    it('refuses an approval dated after the authority ended', () => {
      given(history)
        .when(approve(approver, viceChairmanAuthority, '2025-07-01'))
        .thenThrows('AUTH.OUTSIDE_DELEGATION', { on: '2025-07-01' });
    });

    it('refuses a second submission', () => {
      given(history).when(submit()).thenThrows('PLAN.INVALID_STATE', { status: 'submitted' });
    });

    it('refuses a redraft while it awaits a decision', () => {
      given(history).when(baTo2024Draft).thenThrows('PLAN.INVALID_STATE');
    });
  });

  describe('when the plan was rejected', () => {
    const history = [baTo2024Drafted, baTo2024Submitted, rejected];

    it('is redrafted as version 1', () => {
      const state = given(history).when(baTo2024Draft).then([baTo2024Drafted]);
      expect(state.status).toBe('draft');
    });

    it('refuses an approval', () => {
      given(history).when(approve()).thenThrows('PLAN.INVALID_STATE', { status: 'rejected' });
    });

    it('still refuses the first drafter approving after someone else redrafted', () => {
      const redraft = { ...baTo2024Draft, actor: secondOfficer };
      const redrafted: PlanEvent = {
        ...baTo2024Drafted,
        data: { ...baTo2024Drafted.data, draftedBy: secondOfficer },
      };
      const resubmitted: PlanEvent = {
        ...baTo2024Submitted,
        data: { ...baTo2024Submitted.data, submittedBy: secondOfficer },
      };
      given(history).when(redraft).then([redrafted]);
      given([...history, redrafted, resubmitted])
        .when(approve(asApprover(officer)))
        .thenThrows('AUTH.SEGREGATION_OF_DUTIES');
    });
  });

  describe('when the plan is approved', () => {
    const history = [baTo2024Drafted, baTo2024Submitted, baTo2024Approved];

    it('refuses a redraft: it changes only by amendment', () => {
      given(history).when(baTo2024Draft).thenThrows('PLAN.INVALID_STATE', { status: 'approved' });
    });

    it('refuses a submission', () => {
      given(history).when(submit()).thenThrows('PLAN.INVALID_STATE');
    });

    it('refuses a second approval', () => {
      given(history).when(approve()).thenThrows('PLAN.INVALID_STATE');
    });
  });
});
