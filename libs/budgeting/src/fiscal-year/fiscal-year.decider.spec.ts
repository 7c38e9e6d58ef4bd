import { deciderSpec } from '@app/testing/decider';
import type { Actor, Authority } from '../shared/actor';
import { admin, approver, officer } from '../shared/testing/actors.fixture';
import {
  adjustmentPeriodEnd,
  fiscalYearDecider,
  fiscalYearStreamId,
  type FiscalYearCommand,
  type FiscalYearEvent,
} from './fiscal-year.decider';
import type { LineSettlement } from './fiscal-year.settlement';

const given = deciderSpec(fiscalYearDecider);

/** A delegation over the whole program (every part, every unit), for 2025. */
const wholeProgram: Authority = {
  capacity: 'KT. Chủ tịch',
  title: 'Phó Chủ tịch',
  programParts: [],
  units: [],
  validFrom: '2025-01-01',
  validTo: '2025-12-31',
};
const settledDa6: LineSettlement = { lineId: '2024.DA6.central.2024.LDTBXH', remainder: 0n };
const settled: LineSettlement[] = [
  { lineId: '2024.DA7.TDA1.central.2024.LDTBXH', remainder: 0n },
  settledDa6,
];

const propose = (change: Partial<FiscalYearCommand> = {}): FiscalYearCommand =>
  ({
    type: 'ProposeFiscalYearClose',
    actor: admin,
    on: '2025-02-01',
    fiscalYear: 2024,
    lines: settled,
    ...change,
  }) as FiscalYearCommand;

const approve = (
  change: Partial<Extract<FiscalYearCommand, { type: 'ApproveFiscalYearClose' }>> = {},
): FiscalYearCommand => ({
  type: 'ApproveFiscalYearClose',
  actor: approver,
  on: '2025-02-03',
  fiscalYear: 2024,
  lines: settled,
  authority: wholeProgram,
  proposedOn: '2025-02-01',
  ...change,
});

const proposed: FiscalYearEvent = {
  type: 'FiscalYearCloseProposed',
  data: { fiscalYear: 2024, proposedBy: admin.userId, lines: 2 },
};

/**
 * Closing a fiscal year (khóa sổ, issue 16 item 6) at the decider: each rule on its
 * boundary, each refusal naming what it refused, and the two steps by two persons.
 */
describe('closing a fiscal year, decided', () => {
  it('keeps each year on its own stream, and ends the adjustment period on 31/01 next year', () => {
    expect(fiscalYearStreamId(2024)).toBe('fiscal-year-2024');
    expect(adjustmentPeriodEnd(2024)).toBe('2025-01-31');
  });

  describe('the proposal', () => {
    it('records who proposed and how many lines were found settled', () => {
      given([]).when(propose()).then([proposed]);
    });

    it('records the person behind the account when there is one', () => {
      const state = given([])
        .when(propose({ actor: { ...admin, personId: 'p-tckh' } }))
        .then([
          {
            type: 'FiscalYearCloseProposed',
            data: {
              fiscalYear: 2024,
              proposedBy: admin.userId,
              proposedByPerson: 'p-tckh',
              lines: 2,
            },
          },
        ]);
      expect(state).toEqual({
        status: 'proposed',
        proposedBy: admin.userId,
        proposedByPerson: 'p-tckh',
      });
    });

    it('remembers an account that is its own person as no person', () => {
      expect(given([proposed]).state).toEqual({
        status: 'proposed',
        proposedBy: admin.userId,
        proposedByPerson: null,
      });
    });

    it('is taken on 1/2, the first day after the adjustment period, and refused on 31/01', () => {
      given([])
        .when(propose({ on: '2025-02-01' }))
        .thenMatches([{ type: 'FiscalYearCloseProposed' }]);
      const error = given([])
        .when(propose({ on: '2025-01-31' }))
        .thenThrows('FISCAL_YEAR.ADJUSTMENT_PERIOD_NOT_OVER', {
          field: 'effectiveDate',
          notAfter: '2025-01-31',
        });
      expect(error.messages.vi).toContain('31/1/2025');
      expect(error.messages.en).toContain('2025-01-31');
    });

    it('takes the years 2000 to 2100 and refuses those outside, or a fraction', () => {
      given([])
        .when(propose({ fiscalYear: 2000, on: '2001-02-01' }))
        .thenMatches([{ type: 'FiscalYearCloseProposed', data: { fiscalYear: 2000 } }]);
      for (const year of [1999, 2101, 2024.5]) {
        given([])
          .when(propose({ fiscalYear: year }))
          .thenThrows('VALIDATION.FISCAL_YEAR', { field: 'year' });
      }
      // 2100 is a year of the ledger: refused only because its adjustment period never ends
      // within the ledger's dates.
      given([])
        .when(propose({ fiscalYear: 2100, on: '2100-12-31' }))
        .thenThrows('FISCAL_YEAR.ADJUSTMENT_PERIOD_NOT_OVER');
    });

    it('refuses a date that is not one', () => {
      given([])
        .when(propose({ on: '2025-02-30' }))
        .thenThrows('VALIDATION.DATE', { field: 'effectiveDate' });
    });

    it('is not dated after the day it is recorded', () => {
      given([])
        .when(propose({ on: '2025-02-05', recordedOn: '2025-02-04' }))
        .thenThrows('DATE.IN_FUTURE', { recordedOn: '2025-02-04' });
    });

    it('is the finance office’s, district-wide', () => {
      given([])
        .when(propose({ actor: approver }))
        .thenThrows('AUTH.ROLE_FORBIDDEN');
      const unitAdmin: Actor = { ...admin, unit: 'LDTBXH' };
      // Administrators are district-wide whatever unit their account names.
      given([])
        .when(propose({ actor: unitAdmin }))
        .thenMatches([{ type: 'FiscalYearCloseProposed' }]);
      given([])
        .when(propose({ actor: officer }))
        .thenThrows('AUTH.ROLE_FORBIDDEN');
    });

    it('refuses a year with money left on a line, naming the line and its remainder in both languages', () => {
      const open: LineSettlement = {
        lineId: '2024.DA7.TDA1.central.2024.LDTBXH',
        remainder: 1_250_000n,
      };
      const error = given([])
        .when(propose({ lines: [settledDa6, open] }))
        .thenThrows('FISCAL_YEAR.LINES_NOT_SETTLED', { lines: '1', line: open.lineId });
      expect(error.messages.vi).toContain(`${open.lineId}: 1.250.000 đồng`);
      expect(error.messages.en).toContain(`${open.lineId}: 1250000 đồng`);
      expect(error.messages.vi).toContain('1 dòng');
      expect(error.messages.en).not.toContain('…');
    });

    it('counts money owed back (a negative remainder) as not settled', () => {
      given([])
        .when(propose({ lines: [{ lineId: 'L', remainder: -1n }] }))
        .thenThrows('FISCAL_YEAR.LINES_NOT_SETTLED', { lines: '1', line: 'L' });
    });

    it('names the first five open lines and says there are more', () => {
      const open = [1, 2, 3, 4, 5, 6].map((n) => ({ lineId: `L${n}`, remainder: BigInt(n) }));
      const error = given([])
        .when(propose({ lines: open }))
        .thenThrows('FISCAL_YEAR.LINES_NOT_SETTLED', { lines: '6', line: 'L1' });
      for (const text of [error.messages.vi, error.messages.en]) {
        expect(text).toContain('L1: 1 đồng; L2: 2 đồng');
        expect(text).toContain('L5: 5 đồng; …');
        expect(text).not.toContain('L6');
      }
      const five = given([])
        .when(propose({ lines: open.slice(0, 5) }))
        .thenThrows('FISCAL_YEAR.LINES_NOT_SETTLED', { lines: '5' });
      expect(five.messages.en).toContain('L5: 5 đồng)');
    });

    it('refuses a year already closed', () => {
      const closed: FiscalYearEvent = { type: 'FiscalYearClosed', data: { fiscalYear: 2024 } };
      expect(given([closed]).state.status).toBe('closed');
      const error = given([closed]).when(propose()).thenThrows('FISCAL_YEAR.ALREADY_CLOSED');
      expect(error.messages.en).toContain('2024');
    });
  });

  describe('the approval', () => {
    it('closes the year, recording who approved under which delegation and who proposed', () => {
      const state = given([proposed])
        .when(approve())
        .then([
          {
            type: 'FiscalYearClosed',
            data: {
              fiscalYear: 2024,
              approvedBy: approver.userId,
              authority: { capacity: 'KT. Chủ tịch', title: 'Phó Chủ tịch' },
              proposedBy: admin.userId,
              lines: 2,
            },
          },
        ]);
      expect(state).toEqual({ status: 'closed', proposedBy: admin.userId, proposedByPerson: null });
    });

    it('needs a proposal first', () => {
      const error = given([]).when(approve()).thenThrows('FISCAL_YEAR.CLOSE_NOT_PROPOSED');
      expect(error.messages.vi).toContain('2024');
    });

    it('is refused once the year is closed', () => {
      const closed: FiscalYearEvent = { type: 'FiscalYearClosed', data: { fiscalYear: 2024 } };
      given([proposed, closed]).when(approve()).thenThrows('FISCAL_YEAR.ALREADY_CLOSED');
    });

    it('judges the lines again on its own date: a line that moved since is refused', () => {
      given([proposed])
        .when(approve({ lines: [{ lineId: 'L', remainder: 5n }] }))
        .thenThrows('FISCAL_YEAR.LINES_NOT_SETTLED', { line: 'L' });
    });

    it('is not by the person who proposed, from either of their accounts', () => {
      const proposer: Actor = { ...approver, userId: admin.userId };
      given([proposed])
        .when(approve({ actor: proposer }))
        .thenThrows('AUTH.SEGREGATION_OF_DUTIES', { userId: admin.userId });
      const byPerson: FiscalYearEvent = {
        type: 'FiscalYearCloseProposed',
        data: { fiscalYear: 2024, proposedBy: admin.userId, proposedByPerson: 'p-1', lines: 2 },
      };
      given([byPerson])
        .when(approve({ actor: { ...approver, personId: 'p-1' } }))
        .thenThrows('AUTH.SEGREGATION_OF_DUTIES');
    });

    it('needs a delegation over the whole program, not over some of its parts', () => {
      given([proposed])
        .when(approve({ authority: { ...wholeProgram, programParts: ['DA7'] } }))
        .thenThrows('AUTH.OUTSIDE_DELEGATION', { field: 'authority' });
      given([proposed])
        .when(approve({ authority: { ...wholeProgram, units: ['LDTBXH'] } }))
        .thenThrows('AUTH.OUTSIDE_DELEGATION');
      given([proposed])
        .when(approve({ authority: null }))
        .thenThrows('AUTH.OUTSIDE_DELEGATION');
    });

    it('checks the delegation on the day the approval is recorded too', () => {
      given([proposed])
        .when(approve({ recordedOn: '2026-01-05' }))
        .thenThrows('AUTH.OUTSIDE_DELEGATION', { on: '2026-01-05' });
    });

    it('is not dated after the day it is recorded', () => {
      given([proposed])
        .when(approve({ on: '2025-02-10', recordedOn: '2025-02-09' }))
        .thenThrows('DATE.IN_FUTURE');
    });

    it('is not dated before the proposal', () => {
      given([proposed])
        .when(approve({ on: '2025-02-03', proposedOn: '2025-02-04' }))
        .thenThrows('DATE.BEFORE_DECIDED_ITEM', { notBefore: '2025-02-04' });
    });

    it('is an approver’s', () => {
      given([proposed])
        .when(approve({ actor: { ...admin, userId: 'other-admin' } }))
        .thenThrows('AUTH.ROLE_FORBIDDEN');
    });
  });
});
