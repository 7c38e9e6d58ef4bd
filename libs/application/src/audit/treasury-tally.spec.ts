import { budgetLineDecider, type BudgetLineEvent, type BudgetLineState } from '@app/budgeting';
import { TreasuryTally } from './treasury-tally';

const LINE = '2024.DA7.TDA1.central.2024.LDTBXH';
const base = { budgetLineId: LINE, expenditureId: 'e1' };
const approved: BudgetLineEvent = {
  type: 'ExpenditureApproved',
  data: {
    ...base,
    amount: 600n,
    approvedBy: 'a',
    authority: { capacity: 'KT. Chủ tịch', title: 'Phó Chủ tịch' },
    legalBasis: [],
    normApplied: null,
  },
};
const sent: BudgetLineEvent = {
  type: 'ExpenditureSentToTreasury',
  data: {
    ...base,
    amount: 600n,
    dossier: 'HS-1',
    treasuryOffice: null,
    sentOn: '2024-05-14',
    sentBy: 'k',
  },
};
const accepted = (amount: bigint): BudgetLineEvent => ({
  type: 'ExpenditureDisbursed',
  data: {
    ...base,
    amount,
    voucher: 'UNC-1',
    paidOn: '2024-05-16',
    treasury: { dossier: 'HS-1', sentOn: '2024-05-14' },
  },
});

function tallied(events: readonly BudgetLineEvent[]): string[] {
  const tally = new TreasuryTally();
  let state: BudgetLineState = budgetLineDecider.initialState;
  for (const e of events) {
    tally.add(e);
    state = budgetLineDecider.evolve(state, e);
  }
  return tally.problems(new Map([[LINE, state]]));
}

describe('the Treasury tally of the conservation check', () => {
  it('finds nothing wrong with a payment sent, then accepted for its approved amount', () => {
    expect(tallied([approved, sent, accepted(600n)])).toEqual([]);
  });

  it('flags an acceptance of a dossier never sent', () => {
    expect(tallied([approved, accepted(600n)])).toEqual(
      expect.arrayContaining([expect.stringMatching(/answered more than was sent/)]),
    );
  });

  it('flags more accepted than approved', () => {
    expect(tallied([approved, sent, accepted(900n)])).toEqual(
      expect.arrayContaining([expect.stringMatching(/accepted 900 > approved/)]),
    );
  });

  it('flags money awaiting the Treasury that was never committed', () => {
    expect(tallied([sent])).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/at the Treasury > approved 0/),
        expect.stringMatching(/awaiting the Treasury exceeds committed and unpaid/),
      ]),
    );
  });
});
