import { deciderSpec } from '@app/testing/decider';
import {
  yearLinesDecider,
  yearLinesStreamId,
  type YearLinesCommand,
  type YearLinesEvent,
} from './year-lines.decider';

const given = deciderSpec(yearLinesDecider);

const DA7 = '2024.DA7.TDA1.central.2024.LDTBXH';
const DA6 = '2024.DA6.TDA2.central.2024.LDTBXH';

const register = (budgetLineId: string, passesClosedYear = false): YearLinesCommand => ({
  type: 'RegisterYearLine',
  fiscalYear: 2024,
  budgetLineId,
  passesClosedYear,
});
const registered = (budgetLineId: string): YearLinesEvent => ({
  type: 'FiscalYearLineRegistered',
  data: { fiscalYear: 2024, budgetLineId },
});
const seal = (sealed = true): YearLinesCommand => ({
  type: 'SealYearLines',
  fiscalYear: 2024,
  sealed,
});
const sealedEvent: YearLinesEvent = { type: 'FiscalYearLinesSealed', data: { fiscalYear: 2024 } };
const unsealedEvent: YearLinesEvent = {
  type: 'FiscalYearLinesUnsealed',
  data: { fiscalYear: 2024 },
};
const backfill = (...found: string[]): YearLinesCommand => ({
  type: 'BackfillYearLines',
  fiscalYear: 2024,
  found,
});

describe('the register of a fiscal year’s lines', () => {
  it('has one stream per year', () => {
    expect(yearLinesStreamId(2024)).toBe('fiscal-year-lines-2024');
  });

  describe('registering a line opened by a command', () => {
    it('lists a new line of the year', () => {
      const state = given([])
        .when(register(DA7))
        .then([registered(DA7)]);
      expect([...state.lines.keys()]).toEqual([DA7]);
    });

    it('lists a line once: a second opener (or a retry) records nothing', () => {
      given([registered(DA7)])
        .when(register(DA7))
        .then([]);
    });

    it('refuses a new line once the close sealed the register, as in a closed year', () => {
      const error = given([registered(DA7), sealedEvent])
        .when(register(DA6))
        .thenThrows('BUDGET.FISCAL_YEAR_CLOSED');
      expect(error.messages.vi).toContain('Năm ngân sách 2024 đã khóa sổ');
      expect(error.messages.en).toContain('Fiscal year 2024 is closed');
    });

    it('still lets an already listed line through a seal (its own stream is sealed)', () => {
      given([registered(DA7), sealedEvent])
        .when(register(DA7))
        .then([]);
    });

    it('lists a line opened by a correction in a sealed year (it passes a closed year)', () => {
      given([sealedEvent])
        .when(register(DA6, true))
        .then([registered(DA6)]);
    });

    it('takes new lines again once a refused close unsealed it', () => {
      given([sealedEvent, unsealedEvent])
        .when(register(DA6))
        .then([registered(DA6)]);
    });

    it('never lists a line of another year', () => {
      expect(() => given([]).when(register('2025.DA7.TDA1.central.2025.LDTBXH')).events()).toThrow(
        /not of fiscal year 2024/,
      );
    });
  });

  describe('sealing for the close', () => {
    it('seals an open register, and unseals a sealed one', () => {
      expect(given([]).when(seal()).then([sealedEvent]).sealed).toBe(true);
      expect(given([sealedEvent]).when(seal(false)).then([unsealedEvent]).sealed).toBe(false);
    });

    it('records nothing when the register already is as asked (a retried close)', () => {
      given([sealedEvent]).when(seal()).then([]);
      given([]).when(seal(false)).then([]);
    });
  });

  describe('backfilling the lines opened before the register existed', () => {
    it('lists the lines found in the log that are not listed yet, then marks it done', () => {
      const state = given([registered(DA7)])
        .when(backfill(DA6, DA7, DA6))
        .then([
          registered(DA6),
          { type: 'FiscalYearLinesBackfilled', data: { fiscalYear: 2024, lines: 1 } },
        ]);
      expect([...state.lines.keys()]).toEqual([DA7, DA6]);
      expect(state.backfilled).toBe(true);
    });

    it('is done once: a later close reads the register alone', () => {
      given([{ type: 'FiscalYearLinesBackfilled', data: { fiscalYear: 2024, lines: 0 } }])
        .when(backfill(DA6))
        .then([]);
    });

    it('marks an empty year backfilled too', () => {
      given([])
        .when(backfill())
        .then([{ type: 'FiscalYearLinesBackfilled', data: { fiscalYear: 2024, lines: 0 } }]);
    });
  });
});
