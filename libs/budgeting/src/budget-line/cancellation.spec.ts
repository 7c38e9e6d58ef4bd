import type { DecisionFacts } from './allocation-basis.rules';
import type { BudgetLineCommand } from './budget-line.events';
import { admin, allocated, given, lineId, opened } from './testing/budget-line.fixture';

/** 45/QĐ-UBND of 1/6/2024 as the register holds it. */
const decision: DecisionFacts = {
  number: '45/QĐ-UBND',
  type: 'QĐ',
  issuer: 'UBND huyện Ba Tơ',
  issuedOn: '2024-06-01',
  amount: null,
  allocated: 0n,
};
const history = [opened, allocated(1_000_000n)];

const cancel = (
  decisionDocument: DecisionFacts | null,
  on = '2024-06-01',
  cited = decisionDocument?.number ?? '45/QĐ-UBND',
): BudgetLineCommand => ({
  type: 'CancelFunds',
  actor: admin,
  on,
  data: { amount: 300_000n, decision: cited, reason: 'Không sử dụng hết', decisionDocument },
});

function expectNamed(error: { messages: { vi: string; en: string } }, name: string): void {
  expect(error.messages.vi).toContain(name);
  expect(error.messages.en).toContain(name);
}

describe('cancelling part of a line’s estimate (hủy dự toán) by a decision of the register', () => {
  it('cancels under a registered People’s Committee decision issued by the date', () => {
    given(history)
      .when(cancel(decision))
      .then([
        {
          type: 'FundsCancelled',
          data: {
            budgetLineId: lineId,
            amount: 300_000n,
            decision: '45/QĐ-UBND',
            reason: 'Không sử dụng hết',
          },
        },
      ]);
  });

  it('refuses a decision registered nowhere, naming it in both languages', () => {
    const error = given(history)
      .when(cancel(null))
      .thenThrows('DOCUMENT.NOT_REGISTERED', { field: 'decision', decision: '45/QĐ-UBND' });
    expectNamed(error, '45/QĐ-UBND');
    expect(error.messages.vi).toContain('hủy dự toán');
  });

  it('refuses a document that is not a People’s Committee decision (a plan, a department’s)', () => {
    for (const wrong of [
      { ...decision, type: 'KH', number: '45/KH-UBND' },
      { ...decision, number: '45/QĐ-STC' },
    ]) {
      const error = given(history)
        .when(cancel(wrong))
        .thenThrows('DOCUMENT.NOT_A_CANCELLATION_DECISION', {
          field: 'decision',
          decision: wrong.number,
        });
      expectNamed(error, wrong.number);
    }
  });

  it('refuses a decision issued after the cancellation’s date, naming its date', () => {
    const error = given(history)
      .when(cancel(decision, '2024-05-31'))
      .thenThrows('DOCUMENT.ISSUED_AFTER', {
        field: 'decision',
        decision: '45/QĐ-UBND',
        issuedOn: '2024-06-01',
      });
    expect(error.messages.vi).toContain('1/6/2024');
  });

  it('checks the role before the register: an officer is refused as before', () => {
    given(history)
      .when({ ...cancel(null), actor: { ...admin, role: 'officer', unit: 'LDTBXH' } })
      .thenThrows('AUTH.ROLE_FORBIDDEN');
  });
});
