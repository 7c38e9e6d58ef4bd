/**
 * The plan decider's edges: which field a bad value is refused for, whose delegation is
 * judged on which units, parts and days, and the plan's stream id.
 */
import { deciderSpec } from '@app/testing/decider';
import type { Authority } from '../shared/actor';
import type { DomainError } from '../shared/domain-error';
import { admin, approver, officer, viceChairmanAuthority } from '../shared/testing/actors.fixture';
import type { PlanCommand } from './plan.commands';
import { planDecider, streamIdForPlan } from './plan.decider';
import {
  baTo2024Approval,
  baTo2024Approved,
  baTo2024Draft,
  baTo2024Drafted,
  baTo2024Submitted,
} from './testing/ba-to-2024.fixture';

const given = deciderSpec(planDecider);
const plan = { fiscalYear: 2024, leadUnit: 'LDTBXH' } as const;
/** A day that does not exist, yet sorts inside every window the plan's dates are judged in. */
const noSuchDay = '2024-04-31';

const approve = (
  change: { on?: string; recordedOn?: string; issuedOn?: string; authority?: Authority } = {},
): PlanCommand => ({
  type: 'ApprovePlan',
  actor: approver,
  on: change.on ?? '2024-04-15',
  ...(change.recordedOn ? { recordedOn: change.recordedOn } : {}),
  data: {
    ...plan,
    ...baTo2024Approval,
    issuedOn: change.issuedOn ?? baTo2024Approval.issuedOn,
    authority: change.authority ?? viceChairmanAuthority,
  },
});

/** A refusal for one field: the code, `details.field`, and both messages naming it. */
function expectFieldRefused(error: DomainError, field: string): void {
  expect(error.code).toMatch(/^VALIDATION\./);
  expect(error.details).toEqual({ field });
  expect(error.messages.vi).toContain(field);
  expect(error.messages.en).toContain(field);
}

describe('the plan decider', () => {
  it('keeps one stream per fiscal year and lead unit', () => {
    expect(streamIdForPlan(2024, 'LDTBXH')).toBe('plan-2024-LDTBXH');
    expect(streamIdForPlan(2025, 'LDTBXH')).not.toBe(streamIdForPlan(2024, 'LDTBXH'));
  });

  describe('refuses a bad value naming its field', () => {
    it('a draft without a lead unit: leadUnit', () => {
      const error = given([])
        .when({ ...baTo2024Draft, actor: admin, data: { ...baTo2024Draft.data, leadUnit: ' ' } })
        .thenThrows('VALIDATION.REQUIRED');
      expectFieldRefused(error, 'leadUnit');
    });

    it('a draft dated on a day that does not exist: on', () => {
      const error = given([])
        .when({ ...baTo2024Draft, on: noSuchDay })
        .thenThrows('VALIDATION.DATE');
      expectFieldRefused(error, 'on');
    });

    it('a submission dated on a day that does not exist: on', () => {
      const error = given([baTo2024Drafted])
        .when({ type: 'SubmitPlan', actor: officer, on: noSuchDay, data: plan })
        .thenThrows('VALIDATION.DATE');
      expectFieldRefused(error, 'on');
    });

    it('an approval dated, or its decision issued, on a day that does not exist: on, issuedOn', () => {
      const history = [baTo2024Drafted, baTo2024Submitted];
      const on = given(history)
        .when(approve({ on: noSuchDay }))
        .thenThrows('VALIDATION.DATE');
      expectFieldRefused(on, 'on');
      const issuedOn = given(history)
        .when(approve({ issuedOn: noSuchDay }))
        .thenThrows('VALIDATION.DATE');
      expectFieldRefused(issuedOn, 'issuedOn');
    });

    it('a rejection dated on a day that does not exist: on', () => {
      const error = given([baTo2024Drafted, baTo2024Submitted])
        .when({
          type: 'RejectPlan',
          actor: approver,
          on: noSuchDay,
          data: { ...plan, reason: 'Chưa phân khai kinh phí', authority: viceChairmanAuthority },
        })
        .thenThrows('VALIDATION.DATE');
      expectFieldRefused(error, 'on');
    });

    describe('when the plan is approved', () => {
      const history = [baTo2024Drafted, baTo2024Submitted, baTo2024Approved];
      const amend = (on: string, reason: string): PlanCommand => ({
        type: 'AmendPlan',
        actor: officer,
        on,
        data: {
          ...plan,
          amendingDecision: '215/QĐ-UBND',
          reason,
          parts: baTo2024Draft.data.parts,
          activities: baTo2024Draft.data.activities,
        },
      });

      it('an amendment dated on a day that does not exist: on', () => {
        const error = given(history)
          .when(amend(noSuchDay, 'Điều chỉnh kinh phí'))
          .thenThrows('VALIDATION.DATE');
        expectFieldRefused(error, 'on');
      });

      it('an amendment without a reason: reason', () => {
        const error = given(history)
          .when(amend('2024-09-20', '  '))
          .thenThrows('VALIDATION.REQUIRED');
        expectFieldRefused(error, 'reason');
      });

      it('a progress report dated on a day that does not exist: on', () => {
        const error = given(history)
          .when({
            type: 'ReportOutputProgress',
            actor: officer,
            on: noSuchDay,
            data: {
              ...plan,
              activityId: 'DA6.TDA2-pano',
              outputId: 'pano',
              progress: { kind: 'count', delivered: 5 },
            },
          })
          .thenThrows('VALIDATION.DATE');
        expectFieldRefused(error, 'on');
      });
    });
  });

  describe('judges the delegation on the plan’s unit, parts and days', () => {
    it('refuses an officer drafting another unit’s plan', () => {
      const error = given([])
        .when({ ...baTo2024Draft, data: { ...baTo2024Draft.data, leadUnit: 'XA-BA-DIEN' } })
        .thenThrows('AUTH.UNIT_FORBIDDEN', { unit: 'XA-BA-DIEN' });
      expect(error.messages.vi).toContain('XA-BA-DIEN');
      expect(error.messages.en).toContain('XA-BA-DIEN');
    });

    it('refuses an approval of an unknown plan by an approver not delegated for its unit, before saying it does not exist', () => {
      const otherUnit: Authority = { ...viceChairmanAuthority, units: ['XA-BA-DIEN'] };
      // The programPart detail is empty: no part is known of a plan that does not exist.
      const error = given([])
        .when(approve({ authority: otherUnit }))
        .thenThrows(
          'AUTH.OUTSIDE_DELEGATION',
          { field: 'authority', unit: 'LDTBXH' },
          { emptyDetails: ['programPart'] },
        );
      expect(error.messages.vi).toContain('LDTBXH');
      expect(error.messages.en).toContain('LDTBXH');
    });

    it('refuses an approval recorded after the delegation ended, though dated while it held', () => {
      const endsInApril: Authority = { ...viceChairmanAuthority, validTo: '2024-04-30' };
      const error = given([baTo2024Drafted, baTo2024Submitted])
        .when(approve({ authority: endsInApril, recordedOn: '2024-05-02' }))
        .thenThrows('AUTH.OUTSIDE_DELEGATION', { field: 'authority', on: '2024-05-02' });
      expect(error.messages.vi).toContain('2/5/2024');
      expect(error.messages.en).toContain('2024-05-02');
      given([baTo2024Drafted, baTo2024Submitted])
        .when(approve({ authority: endsInApril, recordedOn: '2024-04-30' }))
        .thenMatches([{ type: 'PlanApproved' }]);
    });

    it('refuses an approval dated before the plan was submitted', () => {
      given([baTo2024Drafted, baTo2024Submitted])
        .when(approve({ on: '2024-04-11' }))
        .thenThrows('DATE.BEFORE_DECIDED_ITEM', {
          field: 'effectiveDate',
          effectiveDate: '2024-04-11',
          notBefore: baTo2024Submitted.data.on,
        });
    });
  });
});
