import { planDecider } from './plan.decider';
import { planTotals } from './plan-totals';
import { approver, viceChairmanAuthority } from '../shared/testing/actors.fixture';
import {
  baTo2024Approval,
  baTo2024Approved,
  baTo2024Draft,
  baTo2024Drafted,
  baTo2024Submitted,
} from './testing/ba-to-2024.fixture';
import { deciderSpec } from '@app/testing/decider';

const given = deciderSpec(planDecider);

describe('the Ba Tơ 2024 plan (seed)', () => {
  describe('when no plan exists for 2024 and LDTBXH', () => {
    it('drafts the seed plan with its three sub-projects and eleven activities', () => {
      const state = given([]).when(baTo2024Draft).then([baTo2024Drafted]);

      expect(state.status).toBe('draft');
      if (state.status === 'none') throw new Error('unreachable');
      expect(state.working.parts.map((p) => p.code)).toEqual(['DA6.TDA2', 'DA7.TDA1', 'DA7.TDA2']);
      expect(state.working.activities).toHaveLength(11);
      expect(state.working.activities.filter((a) => a.category === 'training')).toHaveLength(4);
    });

    it('totals 2.444.771.300 đồng, the sum of its parts', () => {
      const state = given([]).when(baTo2024Draft).then([baTo2024Drafted]);

      expect(planTotals(state)).toEqual({
        version: 1,
        budgetAmount: 2_444_771_300n,
        plannedAmount: 0n,
        parts: [
          expect.objectContaining({ code: 'DA6.TDA2', budgetAmount: 378_000_000n }),
          expect.objectContaining({ code: 'DA7.TDA1', budgetAmount: 1_470_000_000n }),
          expect.objectContaining({ code: 'DA7.TDA2', budgetAmount: 596_771_300n }),
        ],
      });
    });

    it('cites 90/QĐ-TTg, whose issuer is written in mixed case', () => {
      const state = given([]).when(baTo2024Draft).then([baTo2024Drafted]);

      if (state.status === 'none') throw new Error('unreachable');
      expect(state.working.legalBasis[0]).toBe('90/QĐ-TTg');
    });
  });

  describe('when the seed plan is submitted', () => {
    const history = [baTo2024Drafted, baTo2024Submitted];

    it('is approved by Phó Chủ tịch Lữ Đình Tích signing "KT. Chủ tịch", number given now', () => {
      given(history)
        .when({
          type: 'ApprovePlan',
          actor: approver,
          on: baTo2024Approval.issuedOn,
          data: {
            fiscalYear: 2024,
            leadUnit: 'LDTBXH',
            ...baTo2024Approval,
            authority: viceChairmanAuthority,
          },
        })
        .then([baTo2024Approved]);
    });

    it('refuses the draft\'s blank number "/KH-UBND"', () => {
      given(history)
        .when({
          type: 'ApprovePlan',
          actor: approver,
          on: '2024-04-15',
          data: {
            fiscalYear: 2024,
            leadUnit: 'LDTBXH',
            number: '/KH-UBND',
            issuedOn: '2024-04-15',
            authority: viceChairmanAuthority,
          },
        })
        .thenThrows('VALIDATION.DOCUMENT_NUMBER', { field: 'number' });
    });
  });
});
