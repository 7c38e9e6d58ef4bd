import type { ActivityInput, ProgramPart } from './plan.types';
import { planDecider } from './plan.decider';
import { admin, approver, auditor, officer } from '../shared/testing/actors.fixture';
import { baTo2024Draft, baTo2024Drafted } from './testing/ba-to-2024.fixture';
import { deciderSpec } from '@app/testing/decider';

const given = deciderSpec(planDecider);
const seed = baTo2024Draft.data;

function draftWith(
  data: Partial<typeof seed>,
  actor = officer,
  on = baTo2024Draft.on,
): typeof baTo2024Draft {
  return { ...baTo2024Draft, actor, on, data: { ...seed, ...data } };
}

const pano = (plannedAmount: bigint): ActivityInput => ({
  id: 'pano',
  programPart: 'DA6.TDA2',
  name: 'Làm Pano tuyên truyền 2 mặt',
  category: 'communication',
  plannedAmount,
});
const dialogue = (plannedAmount: bigint): ActivityInput => ({
  id: 'doi-thoai',
  programPart: 'DA6.TDA2',
  name: 'Tổ chức đối thoại chính sách về giảm nghèo',
  category: 'meeting',
  plannedAmount,
});

describe('drafting a plan', () => {
  describe('when no plan exists', () => {
    it('accepts activities planning exactly the part budget', () => {
      const activities = [pano(300_000_000n), dialogue(78_000_000n)];
      const [event] = given([]).when(draftWith({ activities })).events();

      expect(event).toMatchObject({ type: 'PlanDrafted', data: { totalAmount: 2_444_771_300n } });
    });

    it('refuses activities planning more than their part budget, naming the part', () => {
      given([])
        .when(draftWith({ activities: [pano(300_000_000n), dialogue(78_000_001n)] }))
        .thenThrows('PLAN.ACTIVITIES_EXCEED_BUDGET', {
          programPart: 'DA6.TDA2',
          budgetAmount: '378000000',
          plannedAmount: '378000001',
        });
    });

    it('refuses an activity of a part the plan does not have', () => {
      const activity: ActivityInput = { ...pano(1n), programPart: 'DA1' };
      given([])
        .when(draftWith({ activities: [activity] }))
        .thenThrows('PLAN.UNKNOWN_PART', { field: 'activities[0].programPart' });
    });

    it('refuses a plan without parts', () => {
      given([])
        .when(draftWith({ parts: [], activities: [] }))
        .thenThrows('PLAN.NO_PARTS');
    });

    it('refuses a part code that is not like DA7.TDA1', () => {
      const parts: ProgramPart[] = [{ code: 'Dự án 6', name: 'x', budgetAmount: 1n }];
      given([])
        .when(draftWith({ parts, activities: [] }))
        .thenThrows('PLAN.INVALID_PART_CODE', { field: 'parts[0].code' });
    });

    it('refuses a part listed twice', () => {
      const [first] = seed.parts;
      given([])
        .when(draftWith({ parts: [first!, first!], activities: [] }))
        .thenThrows('PLAN.DUPLICATE_ID', { field: 'parts', id: 'DA6.TDA2' });
    });

    it('refuses two activities with one id', () => {
      given([])
        .when(draftWith({ activities: [pano(1n), pano(2n)] }))
        .thenThrows('PLAN.DUPLICATE_ID', { field: 'activities', id: 'pano' });
    });

    it('refuses a negative budget', () => {
      const parts = [{ ...seed.parts[0]!, budgetAmount: -1n }];
      given([])
        .when(draftWith({ parts, activities: [] }))
        .thenThrows('VALIDATION.AMOUNT', { field: 'parts[0].budgetAmount' });
    });

    it('refuses a floating-point amount slipped in from JSON', () => {
      const activity = { ...pano(1n), plannedAmount: 1.5 as unknown as bigint };
      given([])
        .when(draftWith({ activities: [activity] }))
        .thenThrows('VALIDATION.AMOUNT', { field: 'activities[0].plannedAmount' });
    });

    it('refuses an unknown category', () => {
      const activity = { ...pano(1n), category: 'banquet' as 'other' };
      given([])
        .when(draftWith({ activities: [activity] }))
        .thenThrows('VALIDATION.NOT_ALLOWED', { field: 'activities[0].category' });
    });

    it('refuses an output target that is not a positive whole number', () => {
      const activity: ActivityInput = {
        ...pano(1n),
        outputs: [{ id: 'pano', description: 'Pano', unit: 'cái', target: 0 }],
      };
      given([])
        .when(draftWith({ activities: [activity] }))
        .thenThrows('PLAN.INVALID_TARGET', { field: 'activities[0].outputs[0].target' });
    });

    it('refuses an unknown output unit', () => {
      const activity: ActivityInput = {
        ...pano(1n),
        outputs: [{ id: 'pano', description: 'Pano', unit: 'tấn' as 'cái', target: 1 }],
      };
      given([])
        .when(draftWith({ activities: [activity] }))
        .thenThrows('VALIDATION.NOT_ALLOWED', { field: 'activities[0].outputs[0].unit' });
    });

    it('refuses two outputs of one activity with one id', () => {
      const output = { id: 'pano', description: 'Pano', unit: 'cái', target: 1 } as const;
      given([])
        .when(draftWith({ activities: [{ ...pano(1n), outputs: [output, output] }] }))
        .thenThrows('PLAN.DUPLICATE_ID', { field: 'activities[0].outputs' });
    });

    it('refuses a cited document that is not a document number', () => {
      given([])
        .when(draftWith({ legalBasis: ['90/QĐ-TTg', 'Quyết định 540'] }))
        .thenThrows('VALIDATION.DOCUMENT_NUMBER', { field: 'legalBasis[1]' });
    });

    it('refuses a plan that cites no funding decision', () => {
      given([])
        .when(draftWith({ fundingDecisions: [] }))
        .thenThrows('PLAN.FUNDING_DECISION_REQUIRED');
    });

    it('refuses a blank title', () => {
      given([])
        .when(draftWith({ title: '  ' }))
        .thenThrows('VALIDATION.REQUIRED', {
          field: 'title',
        });
    });

    it('refuses an impossible fiscal year', () => {
      given([])
        .when(draftWith({ fiscalYear: 24 }))
        .thenThrows('PLAN.INVALID_FISCAL_YEAR');
    });

    it('refuses a business date that does not exist', () => {
      given([])
        .when(draftWith({}, officer, '2024-02-30'))
        .thenThrows('VALIDATION.DATE', { field: 'on' });
    });

    it('lets an admin draft, to import a plan made before the ledger', () => {
      const [event] = given([]).when(draftWith({}, admin)).events();
      expect(event?.data).toMatchObject({ draftedBy: admin });
    });

    it.each([
      ['an approver', approver],
      ['an auditor', auditor],
    ])('refuses %s drafting', (_who, actor) => {
      given([]).when(draftWith({}, actor)).thenThrows('AUTH.ROLE_FORBIDDEN');
    });
  });

  describe('when a draft exists', () => {
    it('replaces it with a new draft of version 1', () => {
      const state = given([baTo2024Drafted])
        .when(draftWith({ title: 'Kế hoạch (sửa)' }))
        .then([{ ...baTo2024Drafted, data: { ...baTo2024Drafted.data, title: 'Kế hoạch (sửa)' } }]);
      expect(state.status).toBe('draft');
    });
  });
});
