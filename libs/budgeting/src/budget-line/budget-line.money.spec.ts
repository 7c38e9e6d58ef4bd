import type { BudgetLineCommand, BudgetLineEvent } from './budget-line.events';
import { available } from './budget-line.state';
import {
  accountant,
  admin,
  allocated,
  approve,
  approved,
  carriedId,
  carriedIn,
  carriedKey,
  carriedOpened,
  disburse,
  given,
  key,
  lineId,
  officer,
  opened,
  propose,
  proposed,
  registered,
  perDiemTrip,
  cancellationDecision,
} from './testing/budget-line.fixture';

/** Money landing on, leaving and coming back to a line, and the balance it leaves. */
describe('money on a budget line', () => {
  const funded = [opened, allocated(1_000_000n)];
  const allocate = (amount: bigint): BudgetLineCommand => ({
    type: 'AllocateFunds',
    actor: admin,
    on: '2024-06-01',
    data: {
      key,
      amount,
      decision: '45/QĐ-UBND',
      legalBasis: ['45/QĐ-UBND'],
      ...registered,
      decisionDocument: { ...registered.decisionDocument, number: '45/QĐ-UBND' },
    },
  });
  const out = (
    kind: 'carry_over' | 'reallocation',
    amount = 300_000n,
    transferId = 't1',
  ): BudgetLineCommand => ({
    type: 'TransferOut',
    actor: admin,
    on: '2024-09-01',
    data: { kind, amount, decision: '120/QĐ-UBND', transferId, toLine: 'elsewhere' },
  });
  const into = (amount = 200_000n, transferId = 't2'): BudgetLineCommand => ({
    type: 'TransferIn',
    actor: admin,
    on: '2024-09-01',
    data: { key, amount, decision: '121/QĐ-UBND', transferId, fromLine: 'elsewhere' },
  });
  const reverseOut = (transferId = 't1'): BudgetLineCommand => ({
    type: 'ReverseTransferOut',
    actor: admin,
    on: '2024-09-02',
    data: { transferId, reason: 'Dòng nhận từ chối' },
  });

  describe('when the line is open', () => {
    it('adds a later allocation without opening the line again, citing its decision', () => {
      const state = given(funded)
        .when(allocate(500_000n))
        .then([
          {
            type: 'FundsAllocated',
            data: {
              budgetLineId: lineId,
              amount: 500_000n,
              decision: '45/QĐ-UBND',
              legalBasis: ['45/QĐ-UBND'],
            },
          },
        ]);
      expect(available(state.balances)).toBe(1_500_000n);
      expect(state.fundingDecisions).toEqual(['30/QĐ-UBND', '45/QĐ-UBND']);
    });

    it('refuses an allocation by an approver or an accountant, or of nothing', () => {
      given(funded)
        .when({ ...allocate(1n), actor: accountant })
        .thenThrows('AUTH.ROLE_FORBIDDEN', { role: 'accountant' });
      given(funded)
        .when(allocate(-5n))
        .thenThrows('VALIDATION.AMOUNT_NOT_POSITIVE', { field: 'amount' });
    });

    it('moves money out for a carry-over in its own column', () => {
      const state = given(funded)
        .when(out('carry_over'))
        .then([
          {
            type: 'FundsCarriedOut',
            data: {
              budgetLineId: lineId,
              amount: 300_000n,
              decision: '120/QĐ-UBND',
              transferId: 't1',
              toLine: 'elsewhere',
            },
          },
        ]);
      expect(state.balances).toMatchObject({ carriedOut: 300_000n, transferredOut: 0n });
      expect(available(state.balances)).toBe(700_000n);
    });

    it('moves money out for a reallocation, down to the last đồng', () => {
      const state = given(funded)
        .when(out('reallocation', 1_000_000n))
        .thenMatches([{ type: 'FundsTransferredOut', data: { amount: 1_000_000n } }]);
      expect(available(state.balances)).toBe(0n);
      given(funded).when(out('reallocation', 0n)).thenThrows('VALIDATION.AMOUNT_NOT_POSITIVE');
    });

    it('receives money once per transfer, however often the step is retried', () => {
      const credited = given(funded)
        .when(into())
        .then([
          {
            type: 'FundsTransferredIn',
            data: {
              budgetLineId: lineId,
              amount: 200_000n,
              decision: '121/QĐ-UBND',
              transferId: 't2',
              fromLine: 'elsewhere',
            },
          },
        ]);
      expect(available(credited.balances)).toBe(1_200_000n);
      expect(credited.fundingDecisions).toContain('121/QĐ-UBND');
      const history = [...funded, ...given(funded).when(into()).events()];
      given(history).when(into()).then([]);
      given(funded).when(into(0n)).thenThrows('VALIDATION.AMOUNT_NOT_POSITIVE');
    });

    it('cancels what is available, recording the decision and the reason', () => {
      const state = given(funded)
        .when({
          type: 'CancelFunds',
          actor: admin,
          on: '2024-12-31',
          data: {
            amount: 1_000_000n,
            decision: '200/QĐ-UBND',
            reason: 'Không sử dụng hết',
            ...cancellationDecision('200/QĐ-UBND'),
          },
        })
        .then([
          {
            type: 'FundsCancelled',
            data: {
              budgetLineId: lineId,
              amount: 1_000_000n,
              decision: '200/QĐ-UBND',
              reason: 'Không sử dụng hết',
            },
          },
        ]);
      expect(available(state.balances)).toBe(0n);
    });

    it('refuses a cancellation by an approver, of nothing, or on a line with no money yet', () => {
      const cancel = (amount: bigint): BudgetLineCommand => ({
        type: 'CancelFunds',
        actor: admin,
        on: '2024-12-31',
        data: {
          amount,
          decision: '201/QĐ-UBND',
          reason: 'r',
          ...cancellationDecision('201/QĐ-UBND'),
        },
      });
      given(funded)
        .when({ ...cancel(1n), actor: { ...admin, role: 'approver' } })
        .thenThrows('AUTH.ROLE_FORBIDDEN');
      given(funded).when(cancel(0n)).thenThrows('VALIDATION.AMOUNT_NOT_POSITIVE');
      given([]).when(cancel(1n)).thenThrows('BUDGET.LINE_NOT_FOUND');
      given([]).when(out('reallocation')).thenThrows('BUDGET.LINE_NOT_FOUND');
    });
  });

  describe('when money left for a transfer that then failed', () => {
    const left = (kind: 'carry_over' | 'reallocation') => [
      ...funded,
      ...given(funded).when(out(kind)).events(),
    ];

    it('gives it back through the column it left by, once', () => {
      for (const [kind, column] of [
        ['carry_over', 'carriedOut'],
        ['reallocation', 'transferredOut'],
      ] as const) {
        const history = left(kind);
        const back = given(history)
          .when(reverseOut())
          .then([
            {
              type: 'TransferOutReversed',
              data: {
                budgetLineId: lineId,
                amount: 300_000n,
                transferId: 't1',
                column,
                reason: 'Dòng nhận từ chối',
              },
            },
          ]);
        expect(available(back.balances)).toBe(1_000_000n);
        expect(back.balances[column]).toBe(0n);
        const events = given(history).when(reverseOut()).events();
        given([...history, ...events])
          .when(reverseOut())
          .then([]);
      }
    });

    it('has nothing to give back for a transfer it never sent, or one it received', () => {
      given(left('reallocation')).when(reverseOut('t-unknown')).then([]);
      const received = [...funded, ...given(funded).when(into()).events()];
      given(received).when(reverseOut('t2')).then([]);
    });

    it('keeps giving back after the fiscal year is closed (the process must finish)', () => {
      given(left('reallocation'))
        .when({ ...reverseOut(), fiscalYearClosed: true })
        .thenMatches([{ type: 'TransferOutReversed' }]);
    });
  });

  describe('when money was carried in', () => {
    const carryIn: BudgetLineCommand = {
      type: 'CarryIn',
      actor: admin,
      on: '2024-03-19',
      data: {
        key: carriedKey,
        amount: 500_000n,
        decision: '699/QĐ-UBND',
        transferId: 'c699',
        fromLine: null,
      },
    };

    it('opens the line with the carried money and its deadline', () => {
      given([], carriedId)
        .when(carryIn)
        .thenMatches([
          carriedOpened,
          { type: 'FundsCarriedIn', data: { deadline: '2024-12-31', deadlineBasis: 'default' } },
        ]);
    });

    it('takes it once, however often the step is retried', () => {
      given([carriedOpened, carriedIn(500_000n)], carriedId)
        .when(carryIn)
        .then([]);
      given([carriedOpened, carriedIn(500_000n)], carriedId)
        .when({ ...carryIn, data: { ...carryIn.data, transferId: 'c700' } })
        .thenMatches([{ type: 'FundsCarriedIn', data: { transferId: 'c700' } }]);
    });

    it('refuses carrying in nothing', () => {
      given([], carriedId)
        .when({ ...carryIn, data: { ...carryIn.data, amount: 0n } })
        .thenThrows('VALIDATION.AMOUNT_NOT_POSITIVE');
    });
  });

  describe('the balance', () => {
    it('counts every column: in adds, out and spending take away', () => {
      const history: BudgetLineEvent[] = [
        ...funded,
        carriedIn(70n, 'c1'),
        ...given(funded).when(into(50n, 't-in')).events(),
        ...given(funded).when(out('carry_over', 20n)).events(),
        ...given(funded)
          .when(out('reallocation', 10n, 't-out'))
          .events(),
        {
          type: 'FundsCancelled',
          data: { budgetLineId: lineId, amount: 5n, decision: 'd', reason: 'r' },
        },
        proposed('e1', 3n),
        approved('e1', 3n),
      ];
      const state = given(history).state;
      expect(state.balances).toEqual({
        allocated: 1_000_000n,
        carriedIn: 70n,
        carriedOut: 20n,
        transferredIn: 50n,
        transferredOut: 10n,
        committed: 3n,
        disbursed: 0n,
        cancelled: 5n,
        returned: 0n,
        awaitingTreasury: 0n,
        advanced: 0n,
        advanceSettled: 0n,
        advanceRecovered: 0n,
      });
      expect(available(state.balances)).toBe(1_000_000n + 70n + 50n - 20n - 10n - 5n - 3n);
    });
  });

  describe('when the same expenditure is proposed twice', () => {
    const history = [...funded, proposed('e1', 600_000n)];

    it('answers a retry by the same person for the same amount with nothing new', () => {
      given(history).when(propose('e1', 600_000n)).then([]);
    });

    it('refuses the same id with another amount or from another person', () => {
      const error = given(history)
        .when(propose('e1', 600_001n))
        .thenThrows('EXPENDITURE.ALREADY_EXISTS');
      expect(error.messages.en).toContain('e1');
      given(history)
        .when(propose('e1', 600_000n, {}, { ...officer, userId: 'can-bo-khac' }))
        .thenThrows('EXPENDITURE.ALREADY_EXISTS');
    });
  });

  describe('when the fiscal year is closed', () => {
    it('names the year of a line that holds no money yet', () => {
      const error = given([])
        .when({ ...propose('e1', 1n), fiscalYearClosed: true })
        .thenThrows('BUDGET.FISCAL_YEAR_CLOSED');
      expect(error.messages.en).toContain('Fiscal year 2024');
    });

    it('still lapses carried-over money (the deadline process must finish)', () => {
      given([carriedOpened, carriedIn(500n)], carriedId)
        .when({
          type: 'LapseCarryOver',
          actor: admin,
          on: '2025-01-01',
          data: { today: '2025-01-01' },
          fiscalYearClosed: true,
        })
        .thenMatches([{ type: 'CarryOverLapsed', data: { amount: 500n, deadline: '2024-12-31' } }]);
    });
  });

  describe('refusals name what they are about', () => {
    it('an expenditure in the wrong state names that state', () => {
      given([...funded, proposed('e1', 1n)])
        .when(disburse('e1'))
        .thenThrows('EXPENDITURE.INVALID_STATE', { status: 'proposed' });
    });

    it('a trip above the norm names the norm and the cap', () => {
      given([
        ...funded,
        proposed('e1', 1_000_001n, {
          category: 'travel_allowance',
          personDays: 5,
          normClaim: perDiemTrip(1_000_001n, 1, 5),
        }),
      ])
        .when(approve('e1'))
        .thenThrows('BUDGET.EXCEEDS_SPENDING_NORM', {
          norm: '40/2017/TT-BTC',
          normId: 'tt40-2017.per-diem',
          rate: '200000',
          quantity: '5',
          cap: '1000000',
        });
    });

    it('an approval that would overdraw names what it needs and what is left', () => {
      given([...funded, proposed('e1', 1_000_001n)])
        .when(approve('e1'))
        .thenThrows('BUDGET.LINE_OVERDRAWN', { needed: '1000001', available: '1000000' });
    });
  });
});
