import type { Actor } from '../shared/actor';
import type { UnitSignatory } from '../reference/signatory';
import type { BudgetLineCommand } from './budget-line.commands';
import type { BudgetLineEvent, ExpenditureSignature } from './budget-line.events';
import { available } from './budget-line.state';
import {
  accountant,
  allocated,
  approve,
  approved,
  given,
  lineId,
  officer,
  opened,
  proposed,
} from './testing/budget-line.fixture';
import {
  chiefAccountant,
  chiefSignatory,
  deputy,
  head,
  headSignatory,
  signatories,
} from './testing/signatories.fixture';

const sign = (
  actor: Actor,
  on = '2024-05-12',
  capacity: 'account_holder' | 'chief_accountant' | null = null,
  register: readonly UnitSignatory[] = signatories,
): BudgetLineCommand => ({
  type: 'SignExpenditure',
  actor,
  on,
  data: { expenditureId: 'e1', capacity, signatories: register, legalBasis: [] },
});

const signature = (s: UnitSignatory, actor: Actor, on = '2024-05-12'): ExpenditureSignature => ({
  capacity: s.capacity,
  signedBy: actor.userId,
  person: actor.userId,
  name: s.name,
  title: s.title,
  standing: s.standing,
  specimen: s.specimen,
  signedOn: on,
});
const signed = (s: ExpenditureSignature): BudgetLineEvent => ({
  type: 'ExpenditureSigned',
  data: { budgetLineId: lineId, expenditureId: 'e1', ...s },
});

const byChief = signature(chiefSignatory, chiefAccountant);
const byHead = signature(headSignatory, head);
const history = [opened, allocated(1_000_000n), proposed('e1', 600_000n)];

describe('an expenditure of a unit with registered signatories', () => {
  it('records the first signature alone, committing nothing', () => {
    const state = given(history)
      .when(sign(chiefAccountant))
      .then([signed(byChief)]);
    expect(available(state.balances)).toBe(1_000_000n);
    expect(state.expenditures.get('e1')?.status).toBe('proposed');
  });

  it('commits the money on the second signature, the approval carrying both (account holder first)', () => {
    const state = given([...history, signed(byChief)])
      .when(sign(head))
      .then([
        signed(byHead),
        {
          type: 'ExpenditureApproved',
          data: {
            budgetLineId: lineId,
            expenditureId: 'e1',
            amount: 600_000n,
            approvedBy: head.userId,
            authority: { capacity: 'Chủ tài khoản', title: 'Trưởng phòng' },
            legalBasis: ['30/QĐ-UBND'],
            normApplied: null,
            signatures: [byHead, byChief],
          },
        },
      ]);
    expect(available(state.balances)).toBe(400_000n);
    expect(state.expenditures.get('e1')?.status).toBe('approved');
  });

  it('takes the capacity named, when the signer is registered in it', () => {
    given(history)
      .when(sign(head, '2024-05-12', 'account_holder'))
      .then([signed(byHead)]);
  });

  it('refuses a second signature in the same capacity, even by another registered account holder', () => {
    given([...history, signed(byHead)])
      .when(sign(deputy))
      .thenThrows('EXPENDITURE.ALREADY_SIGNED', { capacity: 'account_holder' });
  });

  it('refuses the same person signing in both capacities (registered in each at different times)', () => {
    const until = { ...headSignatory, personId: chiefAccountant.userId, validTo: '2024-05-31' };
    const chiefFromJune = { ...chiefSignatory, validFrom: '2024-06-01' };
    const register = [until, chiefFromJune];
    const first = signature(until, chiefAccountant, '2024-05-12');
    given([...history, signed(first)])
      .when(sign(chiefAccountant, '2024-06-03', null, register))
      .thenThrows('EXPENDITURE.SAME_SIGNER', { signedAs: 'account_holder' });
  });

  it('refuses a signer not registered in that capacity on the signing date', () => {
    const ended = { ...headSignatory, validTo: '2024-05-11' };
    given(history)
      .when(sign(head, '2024-05-12', null, [ended, chiefSignatory]))
      .thenThrows('SIGNATORY.NOT_REGISTERED', { capacity: 'account_holder', on: '2024-05-12' });
    given(history)
      .when(sign(head, '2024-05-12', 'chief_accountant'))
      .thenThrows('SIGNATORY.NOT_REGISTERED', { capacity: 'chief_accountant' });
  });

  it('refuses a registration that ended before the day the signature is recorded', () => {
    const ended = { ...headSignatory, validTo: '2024-05-31' };
    given(history)
      .when({ ...sign(head, '2024-05-12', null, [ended]), recordedOn: '2024-06-03' })
      .thenThrows('SIGNATORY.NOT_REGISTERED', { on: '2024-06-03' });
  });

  it('refuses the proposer as a signer, whatever the register says', () => {
    given([opened, allocated(1_000_000n), proposed('e1', 1n, { proposedBy: accountant.userId })])
      .when(sign(chiefAccountant))
      .thenThrows('AUTH.SEGREGATION_OF_DUTIES');
  });

  it('refuses an officer (who prepares, never signs) and a unit user of another unit', () => {
    const officerSignatory = { ...chiefSignatory, personId: officer.userId };
    given(history)
      .when(sign(officer, '2024-05-12', null, [officerSignatory]))
      .thenThrows('AUTH.ROLE_FORBIDDEN');
    const elsewhere = { ...chiefAccountant, userId: 'ke-toan-xa', unit: 'XA-BA-DIEN' };
    given(history)
      .when(sign(elsewhere, '2024-05-12', null, [{ ...chiefSignatory, personId: 'ke-toan-xa' }]))
      .thenThrows('AUTH.UNIT_FORBIDDEN');
  });

  it('refuses a second signature the line can no longer cover, recording nothing', () => {
    const spent = [...history, proposed('e2', 500_000n), approved('e2', 500_000n)];
    given([...spent, signed(byChief)])
      .when(sign(head))
      .thenThrows('BUDGET.LINE_OVERDRAWN');
  });

  it('refuses a signature once the expenditure is approved', () => {
    given([...history, approved('e1', 600_000n)])
      .when(sign(head))
      .thenThrows('EXPENDITURE.INVALID_STATE');
  });

  it('refuses a signature dated before the proposal', () => {
    const early = sign(head, '2024-05-09');
    given(history)
      .when({ ...early, data: { ...early.data, proposedOn: '2024-05-10' } } as BudgetLineCommand)
      .thenThrows('DATE.BEFORE_DECIDED_ITEM');
  });

  it('refuses the single approval once signatories are in force, not before', () => {
    const withRegister = (on: string): BudgetLineCommand => {
      const command = approve('e1', undefined, undefined, on);
      return { ...command, data: { ...command.data, signatories } } as BudgetLineCommand;
    };
    given(history)
      .when(withRegister('2024-05-12'))
      .thenThrows('EXPENDITURE.SIGNATURES_REQUIRED', { unit: 'LDTBXH' });
    const later = signatories.map((s) => ({ ...s, validFrom: '2024-06-01' }));
    const before = approve('e1');
    given(history)
      .when({ ...before, data: { ...before.data, signatories: later } } as BudgetLineCommand)
      .thenMatches([{ type: 'ExpenditureApproved' }]);
  });

  it('reads an approval recorded before 0.9.0 (one approver, no signatures) as approved', () => {
    const state = given([...history, approved('e1', 600_000n)]).state;
    expect(state.expenditures.get('e1')?.status).toBe('approved');
    expect(state.expenditures.get('e1')?.signatures).toEqual([]);
  });
});
