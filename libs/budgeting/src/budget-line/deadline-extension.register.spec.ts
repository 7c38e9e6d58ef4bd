import type { DecisionFacts } from './allocation-basis.rules';
import type { BudgetLineCommand } from './budget-line.events';
import { citationOf } from './carry-over-deadline';
import {
  admin,
  carriedId,
  carriedIn,
  carriedOpened,
  dated,
  given,
} from './testing/budget-line.fixture';

/**
 * A deadline comes from a decision: an extension citing one the register of documents does
 * not hold (or holds as another kind, or as issued later, or of another date) would let
 * money be spent after its legal date. Checked as an allocation's and a cancellation's are.
 */
describe('extending a carry-over deadline by a decision of the register', () => {
  const funded = [dated(carriedOpened, '2024-03-19'), dated(carriedIn(254_771_300n), '2024-03-19')];
  /** 812/QĐ-UBND of 20/11/2024 as the register holds it. */
  const qd812: DecisionFacts = {
    number: '812/QĐ-UBND',
    type: 'QĐ',
    issuer: 'UBND huyện Ba Tơ',
    issuedOn: '2024-11-20',
    amount: null,
    allocated: 0n,
  };
  /** Nghị quyết 111/2024/QH15 of the National Assembly. */
  const nq111: DecisionFacts = {
    number: '111/2024/QH15',
    type: 'NQ',
    issuer: 'Quốc hội',
    issuedOn: '2024-01-18',
    amount: null,
    allocated: 0n,
  };
  const extend = (
    decisionDocument: DecisionFacts | null,
    cited = citationOf('812/QĐ-UBND', '2024-11-20'),
    on = '2024-11-20',
  ): BudgetLineCommand => ({
    type: 'ExtendCarryOverDeadline',
    actor: admin,
    on,
    recordedOn: on,
    data: { decision: cited, decisionDocument, deadline: '2025-06-30', coversLapsed: false },
  });

  function expectNamed(error: { messages: { vi: string; en: string } }, name: string): void {
    expect(error.messages.vi).toContain(name);
    expect(error.messages.en).toContain(name);
  }

  it('extends under a registered People’s Committee decision issued by the date', () => {
    given(funded, carriedId)
      .when(extend(qd812))
      .thenMatches([
        {
          type: 'CarryOverDeadlineExtended',
          data: { deadline: '2025-06-30', decision: { number: '812/QĐ-UBND' } },
        },
      ]);
  });

  it('extends under a National Assembly resolution (111/2024/QH15)', () => {
    given(funded, carriedId)
      .when(extend(nq111, citationOf('111/2024/QH15', '2024-01-18'), '2024-06-01'))
      .thenMatches([{ type: 'CarryOverDeadlineExtended' }]);
  });

  it('refuses a decision registered nowhere, naming it in both languages, and records nothing', () => {
    const error = given(funded, carriedId)
      .when(extend(null))
      .thenThrows('DOCUMENT.NOT_REGISTERED', { field: 'decision', decision: '812/QĐ-UBND' });
    expectNamed(error, '812/QĐ-UBND');
    expect(error.messages.vi).toContain('gia hạn');
  });

  it('refuses a document of the wrong kind (a plan, a department’s decision)', () => {
    for (const [wrong, cited] of [
      [{ ...qd812, type: 'KH', number: '812/KH-UBND' }, '812/KH-UBND'],
      [{ ...qd812, number: '812/QĐ-STC' }, '812/QĐ-STC'],
    ] as const) {
      const error = given(funded, carriedId)
        .when(extend(wrong, citationOf(cited, '2024-11-20')))
        .thenThrows('DOCUMENT.NOT_AN_EXTENSION_DECISION', { field: 'decision' });
      expectNamed(error, cited);
    }
  });

  it('refuses a decision issued after the extension’s date', () => {
    const later = { ...qd812, issuedOn: '2024-12-02' };
    given(funded, carriedId)
      .when(extend(later, citationOf('812/QĐ-UBND', '2024-12-02'), '2024-11-20'))
      .thenThrows('DOCUMENT.ISSUED_AFTER', { field: 'decision', issuedOn: '2024-12-02' });
  });

  it('refuses a citation whose date of issue is not the register’s', () => {
    const error = given(funded, carriedId)
      .when(extend(qd812, citationOf('812/QĐ-UBND', '2024-11-02')))
      .thenThrows('DOCUMENT.ISSUED_ON_MISMATCH', {
        field: 'decisionIssuedOn',
        issuedOn: '2024-11-20',
      });
    expect(error.messages.vi).toContain('20/11/2024');
  });
});
