import { deciderSpec } from '@app/testing/decider';
import {
  expenditureLocatorDecider,
  expenditureStreamId,
  type ExpenditureLocatorEvent,
} from './expenditure-locator.decider';

const given = deciderSpec(expenditureLocatorDecider);
const LINE = '2024.DA7.TDA1.central.2024.LDTBXH';
const OTHER_LINE = '2024.DA7.TDA2.central.2024.LDTBXH';
const filed = (budgetLineId = LINE): ExpenditureLocatorEvent => ({
  type: 'ExpenditureFiled',
  data: { expenditureId: 'e1', budgetLineId },
});

describe('expenditure locator', () => {
  it('lives in a stream named after the expenditure', () => {
    expect(expenditureStreamId('e1')).toBe('expenditure-e1');
  });

  describe('when the expenditure is new', () => {
    it('files it under its line', () => {
      const state = given([]).when({ expenditureId: 'e1', budgetLineId: LINE }).then([filed()]);
      expect(state).toEqual({ budgetLineId: LINE });
    });
  });

  describe('when the expenditure is filed', () => {
    it('answers filing it again under the same line with nothing new (a retried proposal)', () => {
      given([filed()]).when({ expenditureId: 'e1', budgetLineId: LINE }).then([]);
    });

    it('refuses filing the same id under another line', () => {
      const error = given([filed()])
        .when({ expenditureId: 'e1', budgetLineId: OTHER_LINE })
        .thenThrows('EXPENDITURE.ALREADY_EXISTS');
      expect(error.kind).toBe('conflict');
      expect(error.messages.vi).toContain('e1');
      expect(error.messages.en).toContain('e1');
    });
  });
});
