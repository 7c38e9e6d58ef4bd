import type { Actor } from '../shared/actor';
import type { BudgetLineCommand } from './budget-line.commands';
import type { BudgetLineEvent } from './budget-line.events';
import { available } from './budget-line.state';
import { describeTreasuryStep } from './treasury';
import {
  accountant,
  allocated,
  approved,
  approver,
  carriedId,
  carriedIn,
  carriedOpened,
  dated,
  disburse,
  given,
  lineId,
  officer,
  opened,
  otherAccountant,
  proposed,
  reverse,
} from './testing/budget-line.fixture';

// A payment of 600.000 đồng approved on 12/5/2024 on a line of 1.000.000 đồng.
const history = [
  opened,
  allocated(1_000_000n),
  dated(proposed('e1', 600_000n), '2024-05-10'),
  dated(approved('e1', 600_000n), '2024-05-12'),
];

const send = (
  on = '2024-05-14',
  dossier = 'HS-2024-0514',
  actor: Actor = accountant,
  recordedOn = '2024-06-30',
): BudgetLineCommand => ({
  type: 'SendExpenditureToTreasury',
  actor,
  on,
  recordedOn,
  data: { expenditureId: 'e1', dossier, treasuryOffice: 'KBNN Ba Tơ' },
});
const accept = (
  on = '2024-05-16',
  dossier: string | null = null,
  actor: Actor = accountant,
  recordedOn = '2024-06-30',
): BudgetLineCommand => ({
  type: 'RecordTreasuryAcceptance',
  actor,
  on,
  recordedOn,
  data: { expenditureId: 'e1', paymentOrder: 'UNC-0231', dossier },
});
const refuse = (
  commitment: 'kept' | 'released',
  on = '2024-05-16',
  actor: Actor = accountant,
): BudgetLineCommand => ({
  type: 'RecordTreasuryRefusal',
  actor,
  on,
  recordedOn: '2024-06-30',
  data: { expenditureId: 'e1', reason: 'Thiếu danh sách học viên', commitment, dossier: null },
});

const sent = (dossier = 'HS-2024-0514', on = '2024-05-14', line = lineId): BudgetLineEvent =>
  dated(
    {
      type: 'ExpenditureSentToTreasury',
      data: {
        budgetLineId: line,
        expenditureId: 'e1',
        amount: 600_000n,
        dossier,
        treasuryOffice: 'KBNN Ba Tơ',
        sentOn: on,
        sentBy: accountant.userId,
      },
    },
    on,
  );
const refused = (
  commitment: 'kept' | 'released',
  on = '2024-05-16',
  line = lineId,
): BudgetLineEvent =>
  dated(
    {
      type: 'ExpenditureRefusedByTreasury',
      data: {
        budgetLineId: line,
        expenditureId: 'e1',
        amount: 600_000n,
        dossier: 'HS-2024-0514',
        reason: 'Thiếu danh sách học viên',
        refusedOn: on,
        commitment,
        releasedAmount: commitment === 'released' ? 600_000n : 0n,
        recordedBy: accountant.userId,
      },
    },
    on,
  );

describe('a payment at the State Treasury', () => {
  describe('when approved', () => {
    it('is sent with its dossier, staying committed and awaiting the Treasury', () => {
      const state = given(history).when(send()).then([sent()]);
      expect(state.balances).toMatchObject({ committed: 600_000n, awaitingTreasury: 600_000n });
      expect(available(state.balances)).toBe(400_000n);
      expect(state.expenditures.get('e1')?.status).toBe('sent');
    });

    it('may still be recorded as paid directly (the simple path), from approved', () => {
      given(history)
        .when(disburse('e1'))
        .thenMatches([{ type: 'ExpenditureDisbursed', data: { voucher: 'UNC-0012' } }]);
    });

    it('is sent only by an accountant of its unit', () => {
      given(history)
        .when(send(undefined, undefined, officer))
        .thenThrows('AUTH.ROLE_FORBIDDEN');
      given(history)
        .when(send(undefined, undefined, otherAccountant))
        .thenThrows('AUTH.UNIT_FORBIDDEN');
    });

    it('is not sent before its approval, nor dated after the day recorded, nor outside the year', () => {
      given(history).when(send('2024-05-11')).thenThrows('DATE.BEFORE_DECIDED_ITEM', {
        field: 'effectiveDate',
        notBefore: '2024-05-12',
      });
      given(history)
        .when(send('2024-05-20', 'HS-1', accountant, '2024-05-19'))
        .thenThrows('DATE.IN_FUTURE');
      given(history)
        .when(send('2025-02-01', 'HS-1', accountant, '2025-03-01'))
        .thenThrows('BUDGET.OUTSIDE_FISCAL_YEAR', { field: 'sentOn' });
    });

    it('is not sent without a dossier id', () => {
      given(history).when(send(undefined, '  ')).thenThrows('VALIDATION.REQUIRED', {
        field: 'dossier',
      });
    });

    it('has no answer to record before it is sent', () => {
      given(history).when(accept()).thenThrows('TREASURY.NOT_SENT', { status: 'approved' });
      given(history).when(refuse('kept')).thenThrows('TREASURY.NOT_SENT');
    });
  });

  it('is not sent unless approved', () => {
    given(history.slice(0, 3)).when(send()).thenThrows('TREASURY.NOT_APPROVED', {
      status: 'proposed',
    });
  });

  describe('when sent', () => {
    const atTreasury = [...history, sent()];

    it('is paid on acceptance: disbursed under the payment order, off what awaits the Treasury', () => {
      const state = given(atTreasury)
        .when(accept())
        .then([
          {
            type: 'ExpenditureDisbursed',
            data: {
              budgetLineId: lineId,
              expenditureId: 'e1',
              amount: 600_000n,
              voucher: 'UNC-0231',
              paidOn: '2024-05-16',
              treasury: { dossier: 'HS-2024-0514', sentOn: '2024-05-14' },
            },
          },
        ]);
      expect(state.balances).toMatchObject({
        committed: 600_000n,
        disbursed: 600_000n,
        awaitingTreasury: 0n,
      });
    });

    it('keeps the commitment on a kept refusal, and may be sent again, not before the refusal', () => {
      const state = given(atTreasury)
        .when(refuse('kept'))
        .then([refused('kept')]);
      expect(state.balances).toMatchObject({ committed: 600_000n, awaitingTreasury: 0n });
      expect(state.expenditures.get('e1')?.status).toBe('approved');
      const afterRefusal = [...atTreasury, refused('kept')];
      given(afterRefusal)
        .when(send('2024-05-15', 'HS-2024-0520'))
        .thenThrows('DATE.BEFORE_DECIDED_ITEM', { notBefore: '2024-05-16' });
      const again = given(afterRefusal)
        .when(send('2024-05-20', 'HS-2024-0520'))
        .then([sent('HS-2024-0520', '2024-05-20')]);
      expect(again.balances.awaitingTreasury).toBe(600_000n);
      given([...afterRefusal, sent('HS-2024-0520', '2024-05-20')])
        .when(accept('2024-05-22', 'HS-2024-0520'))
        .thenMatches([{ type: 'ExpenditureDisbursed', data: { voucher: 'UNC-0231' } }]);
    });

    it('frees exactly the committed amount on a released refusal, and the payment ends', () => {
      const state = given(atTreasury)
        .when(refuse('released'))
        .then([refused('released')]);
      expect(state.balances).toMatchObject({ committed: 0n, awaitingTreasury: 0n, disbursed: 0n });
      expect(available(state.balances)).toBe(1_000_000n);
      expect(state.expenditures.get('e1')?.status).toBe('refused');
      const ended = [...atTreasury, refused('released')];
      given(ended).when(send('2024-05-20')).thenThrows('TREASURY.NOT_APPROVED', {
        status: 'refused',
      });
      given(ended).when(disburse('e1')).thenThrows('EXPENDITURE.INVALID_STATE');
    });

    it('refuses a second sending, a direct payment and a reversal while the dossier awaits', () => {
      given(atTreasury).when(send('2024-05-15', 'HS-X')).thenThrows('TREASURY.ALREADY_SENT', {
        dossier: 'HS-2024-0514',
      });
      given(atTreasury).when(disburse('e1')).thenThrows('TREASURY.AWAITING_ANSWER');
      given(atTreasury).when(reverse('e1')).thenThrows('TREASURY.AWAITING_ANSWER');
    });

    it('refuses an answer dated before the dossier was sent, or in the future', () => {
      given(atTreasury).when(accept('2024-05-13')).thenThrows('DATE.BEFORE_DECIDED_ITEM', {
        notBefore: '2024-05-14',
      });
      given(atTreasury).when(refuse('kept', '2024-05-13')).thenThrows('DATE.BEFORE_DECIDED_ITEM');
      given(atTreasury)
        .when(accept('2024-07-01', null, accountant, '2024-06-30'))
        .thenThrows('DATE.IN_FUTURE');
    });

    it('refuses an answer naming another dossier', () => {
      given(atTreasury)
        .when(accept(undefined, 'HS-OTHER'))
        .thenThrows('TREASURY.DOSSIER_MISMATCH', {
          field: 'dossier',
          dossier: 'HS-2024-0514',
        });
    });

    it('is answered only by an accountant of its unit', () => {
      given(atTreasury)
        .when(accept(undefined, null, approver))
        .thenThrows('AUTH.ROLE_FORBIDDEN');
      given(atTreasury)
        .when(refuse('released', undefined, otherAccountant))
        .thenThrows('AUTH.UNIT_FORBIDDEN');
    });
  });

  describe('when answered', () => {
    const paid: BudgetLineEvent = dated(
      {
        type: 'ExpenditureDisbursed',
        data: {
          budgetLineId: lineId,
          expenditureId: 'e1',
          amount: 600_000n,
          voucher: 'UNC-0231',
          paidOn: '2024-05-16',
          treasury: { dossier: 'HS-2024-0514', sentOn: '2024-05-14' },
        },
      },
      '2024-05-16',
    );

    it('refuses a second answer, whichever it was', () => {
      const accepted = [...history, sent(), paid];
      given(accepted).when(accept('2024-05-17')).thenThrows('TREASURY.ALREADY_ANSWERED', {
        answer: 'accepted',
      });
      given(accepted)
        .when(refuse('released', '2024-05-17'))
        .thenThrows('TREASURY.ALREADY_ANSWERED');
      given([...history, sent(), refused('kept')])
        .when(accept('2024-05-17'))
        .thenThrows('TREASURY.ALREADY_ANSWERED', { answer: 'refused' });
      given([...history, sent(), refused('released')])
        .when(refuse('released', '2024-05-17'))
        .thenThrows('TREASURY.ALREADY_ANSWERED', { answer: 'refused' });
    });

    it('is reversed after acceptance by the compensating entry, as any payment', () => {
      const state = given([...history, sent(), paid])
        .when(reverse('e1'))
        .thenMatches([
          {
            type: 'ExpenditureReversed',
            data: { committedAmount: 600_000n, disbursedAmount: 600_000n },
          },
        ]);
      expect(state.balances).toMatchObject({ committed: 0n, disbursed: 0n, awaitingTreasury: 0n });
    });
  });

  describe('on carried-over money past its deadline', () => {
    const carried = (event: BudgetLineEvent): BudgetLineEvent =>
      ({
        ...event,
        data: { ...event.data, budgetLineId: carriedId },
      }) as BudgetLineEvent;
    const line = [
      carriedOpened,
      carriedIn(1_000_000n),
      dated(carried(proposed('e1', 600_000n)), '2024-12-01'),
      dated(carried(approved('e1', 600_000n)), '2024-12-02'),
      sent('HS-1', '2024-12-20', carriedId),
    ];
    const at = (c: BudgetLineCommand): BudgetLineCommand => ({ ...c, recordedOn: '2025-01-10' });

    it('is not paid after the deadline, and a refusal then releases rather than keeps', () => {
      given(line, carriedId)
        .when(at(accept('2025-01-05')))
        .thenThrows('BUDGET.CARRY_OVER_EXPIRED');
      given(line, carriedId)
        .when(at(refuse('kept', '2025-01-05')))
        .thenThrows('TREASURY.KEPT_PAST_DEADLINE', { field: 'commitment' });
      const state = given(line, carriedId)
        .when(at(refuse('released', '2025-01-05')))
        .thenMatches([
          { type: 'ExpenditureRefusedByTreasury', data: { releasedAmount: 600_000n } },
        ]);
      expect(state.balances.committed).toBe(0n);
    });
  });
});

describe('a Treasury step in words (CLI history, dashboard)', () => {
  it('says each step in Vietnamese, with English available', () => {
    const sentStep = { dossier: 'HS-1', office: 'KBNN Ba Tơ', sentOn: '2024-05-14' };
    expect(describeTreasuryStep({ ...sentStep, step: 'sent' }, 'vi')).toBe(
      'hồ sơ HS-1 gửi Kho bạc đến KBNN Ba Tơ ngày 14/5/2024',
    );
    const paid = {
      step: 'accepted',
      dossier: 'HS-1',
      paymentOrder: 'UNC-0231',
      paidOn: '2024-05-16',
    } as const;
    expect(describeTreasuryStep(paid, 'vi')).toBe(
      'Kho bạc chấp nhận hồ sơ HS-1, lệnh chi UNC-0231, thanh toán ngày 16/5/2024',
    );
    expect(describeTreasuryStep(paid, 'en')).toBe(
      'the Treasury accepted dossier HS-1, payment order UNC-0231, paid on 2024-05-16',
    );
    const refusedStep = {
      step: 'refused',
      dossier: 'HS-1',
      refusedOn: '2024-05-16',
      reason: 'Thiếu danh sách',
      commitment: 'released',
      releasedAmount: '600000',
    } as const;
    expect(describeTreasuryStep(refusedStep, 'vi')).toBe(
      'Kho bạc từ chối hồ sơ HS-1 ngày 16/5/2024, lý do: Thiếu danh sách; giải phóng cam kết, tiền trở lại dự toán còn lại (600.000 đồng)',
    );
  });
});
