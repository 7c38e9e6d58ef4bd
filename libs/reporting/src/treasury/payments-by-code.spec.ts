import type { LineClassification } from '@app/budgeting';
import { paymentsByCode, type DatedLineEvent } from './payments-by-code';

const DA7: LineClassification = { chapter: '622', sector: '398', program: '0357', source: '12' };
const ev = (
  type: string,
  effectiveDate: string,
  data: Record<string, unknown>,
): DatedLineEvent => ({
  type,
  effectiveDate,
  data: { budgetLineId: 'L1', ...data },
});

const history: DatedLineEvent[] = [
  ev('ExpenditureProposed', '2024-05-01', { expenditureId: 'e1', economicCode: '6702' }),
  ev('ExpenditureApproved', '2024-05-02', { expenditureId: 'e1', amount: '300000' }),
  ev('ExpenditureDisbursed', '2024-05-20', { expenditureId: 'e1', amount: '300000' }),
  ev('ExpenditureProposed', '2024-05-03', { expenditureId: 'e2', economicCode: '6702' }),
  ev('ExpenditureApproved', '2024-05-04', { expenditureId: 'e2', amount: '200000' }),
  ev('ExpenditureReversed', '2024-06-01', {
    expenditureId: 'e2',
    committedAmount: '200000',
    disbursedAmount: '0',
  }),
  ev('ExpenditureProposed', '2024-05-05', { expenditureId: 'e3' }),
  ev('ExpenditureApproved', '2024-05-06', { expenditureId: 'e3', amount: '50000' }),
];

describe('spending by budget code and tiểu mục', () => {
  it('adds up committed and paid money per code and tiểu mục, reversals given back', () => {
    const groups = paymentsByCode(history, () => DA7, null);
    expect(groups).toEqual([
      { key: DA7, economicCode: '6702', expenditures: 2, committed: 300_000n, disbursed: 300_000n },
      { key: DA7, economicCode: null, expenditures: 1, committed: 50_000n, disbursed: 0n },
    ]);
  });

  it('counts only what took effect by the date asked', () => {
    const groups = paymentsByCode(history, () => DA7, '2024-05-10');
    expect(groups[0]).toMatchObject({ committed: 500_000n, disbursed: 0n });
  });

  it('puts spending of an unclassified line under no code', () => {
    expect(paymentsByCode(history.slice(0, 3), () => undefined, null)).toEqual([
      {
        key: null,
        economicCode: '6702',
        expenditures: 1,
        committed: 300_000n,
        disbursed: 300_000n,
      },
    ]);
  });
});
