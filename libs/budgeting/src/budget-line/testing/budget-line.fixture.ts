/**
 * Test-only: one budget line of the Ba Tơ plan, its people and the events and commands the
 * budget-line specs build their histories from.
 */
import { deciderSpec } from '@app/testing/decider';
import type { Actor, Authority } from '../../shared/actor';
import {
  accountant,
  approver,
  officer,
  viceChairman2024 as authority,
} from '../../shared/testing/actors.fixture';
import { budgetLineId, type BudgetLineKey } from '../budget-line-key';
import { budgetLineDecider } from '../budget-line.decider';
import type { BudgetLineCommand } from '../budget-line.commands';
import type { BudgetLineEvent, DecisionCitation } from '../budget-line.events';
import type { DecisionFacts } from '../allocation-basis.rules';
import { parseDocumentNumber } from '../../shared/document-number';
import type { BudgetLineState } from '../budget-line.state';
import type { NormClaim } from '../../norms/norm-claim';

export const key: BudgetLineKey = {
  fiscalYear: 2024,
  programPart: 'DA7.TDA1',
  fundSource: 'central',
  sourceYear: 2024,
  unit: 'LDTBXH',
};
export const lineId = budgetLineId(key);
/** What the registers say: 30/QĐ-UBND registered, the unit in existence. */
export const registered = {
  decisionDocument: {
    number: '30/QĐ-UBND',
    type: 'QĐ',
    issuer: 'UBND huyện Ba Tơ',
    issuedOn: '2024-03-25',
    amount: null,
    allocated: 0n,
  },
  unitRegistration: { code: 'LDTBXH', validFrom: '2021-01-01', validTo: null },
};
/** What the register says of a cancellation's decision: a People's Committee decision of `issuedOn`. */
export function cancellationDecision(number: string, issuedOn = '2024-03-25') {
  return { decisionDocument: { ...registered.decisionDocument, number, issuedOn } };
}
/**
 * The register's entry for a decision a test cites (an extension's): of the citation's
 * date, a QĐ when its number says so, else a resolution (NQ, as 111/2024/QH15).
 */
export function registeredAs(cited: DecisionCitation): DecisionFacts {
  const type = parseDocumentNumber(cited.number).type ?? 'NQ';
  return { ...registered.decisionDocument, ...cited, type };
}
export const carriedKey: BudgetLineKey = { ...key, sourceYear: 2023 };
export const carriedId = budgetLineId(carriedKey);

export { accountant, admin, approver, officer } from '../../shared/testing/actors.fixture';
export const otherOfficer: Actor = { ...officer, userId: 'can-bo-xa', unit: 'XA-BA-DIEN' };
export { viceChairman2024 as authority } from '../../shared/testing/actors.fixture';

/** Effective dates of history events, as the store's envelope would give them. */
const effectiveDates = new WeakMap<BudgetLineEvent, string>();

/** The event as recorded with this effective date (a copy; the event's data is unchanged). */
export function dated(event: BudgetLineEvent, on: string): BudgetLineEvent {
  const copy = { ...event };
  effectiveDates.set(copy, on);
  return copy;
}

/** Folds as the store does: a dated event evolves with its date, an undated one without. */
export const evolveDated = (state: BudgetLineState, event: BudgetLineEvent): BudgetLineState =>
  budgetLineDecider.evolve(state, event, effectiveDates.get(event));

/** The line's decide takes its id: bound here, so the shared helper drives it like any decider. */
export const given = (history: readonly BudgetLineEvent[], id = lineId) =>
  deciderSpec<BudgetLineCommand, BudgetLineEvent, BudgetLineState>({
    ...budgetLineDecider,
    evolve: evolveDated,
    decide: (command, state) => budgetLineDecider.decide(command, state, id),
  })(history);

export const opened: BudgetLineEvent = {
  type: 'BudgetLineOpened',
  data: { budgetLineId: lineId, ...key },
};
export const allocated = (amount: bigint): BudgetLineEvent => ({
  type: 'FundsAllocated',
  data: { budgetLineId: lineId, amount, decision: '30/QĐ-UBND', legalBasis: ['30/QĐ-UBND'] },
});
/**
 * A trip claimed as per-diem only: `persons` × `days` from `from` (what `personDays`
 * said before 0.9.0, now with the trip's dates the norm is read on).
 */
export const perDiemTrip = (
  amount: bigint,
  persons: number,
  days: number,
  from = '2024-05-06',
): NormClaim => {
  const to = new Date(Date.parse(`${from}T00:00:00Z`) + (days - 1) * 86_400_000);
  return {
    period: { from, to: to.toISOString().slice(0, 10) },
    items: [{ kind: 'per_diem', amount, persons, days }],
  };
};

export const proposed = (
  id: string,
  amount: bigint,
  extra: Partial<Extract<BudgetLineEvent, { type: 'ExpenditureProposed' }>['data']> = {},
): BudgetLineEvent => ({
  type: 'ExpenditureProposed',
  data: {
    budgetLineId: lineId,
    expenditureId: id,
    amount,
    category: 'training',
    description: 'Tập huấn',
    payee: 'Trung tâm',
    activity: null,
    voucher: null,
    personDays: null,
    jointTeam: false,
    proposedBy: officer.userId,
    correction: null,
    ...extra,
  },
});
export const approved = (id: string, amount: bigint): BudgetLineEvent => ({
  type: 'ExpenditureApproved',
  data: {
    budgetLineId: lineId,
    expenditureId: id,
    amount,
    approvedBy: approver.userId,
    authority: { capacity: 'KT. Chủ tịch', title: 'Phó Chủ tịch' },
    legalBasis: ['30/QĐ-UBND'],
    normApplied: null,
  },
});

export const propose = (
  id: string,
  amount: bigint,
  extra: Partial<Extract<BudgetLineCommand, { type: 'ProposeExpenditure' }>['data']> = {},
  actor = officer,
  on = '2024-05-10',
): BudgetLineCommand => ({
  type: 'ProposeExpenditure',
  actor,
  on,
  data: {
    expenditureId: id,
    amount,
    category: 'training',
    description: 'Tập huấn',
    payee: 'Trung tâm',
    activity: null,
    voucher: null,
    personDays: null,
    jointTeam: false,
    leadAgency: 'LDTBXH',
    ...extra,
  },
});
export const approve = (
  id: string,
  actor = approver,
  auth: Authority | null = authority,
  on = '2024-05-12',
): BudgetLineCommand => ({
  type: 'ApproveExpenditure',
  actor,
  on,
  data: { expenditureId: id, authority: auth, legalBasis: ['30/QĐ-UBND'] },
});

export const otherAccountant: Actor = { ...accountant, userId: 'ke-toan-xa', unit: 'XA-BA-DIEN' };
/** A district-wide accountant (no unit): acts on every unit's lines. */
export const districtAccountant: Actor = { ...accountant, userId: 'ke-toan-huyen', unit: null };

export const reject = (
  id: string,
  actor = approver,
  auth: Authority | null = authority,
  on = '2024-05-12',
): BudgetLineCommand => ({
  type: 'RejectExpenditure',
  actor,
  on,
  data: { expenditureId: id, authority: auth, reason: 'Thiếu hồ sơ' },
});
export const rejected = (id: string, line = lineId): BudgetLineEvent => ({
  type: 'ExpenditureRejected',
  data: {
    budgetLineId: line,
    expenditureId: id,
    rejectedBy: approver.userId,
    authority: { capacity: 'KT. Chủ tịch', title: 'Phó Chủ tịch' },
    reason: 'Thiếu hồ sơ',
  },
});
export const disburse = (id: string, actor = accountant, on = '2024-05-20'): BudgetLineCommand => ({
  type: 'DisburseExpenditure',
  actor,
  on,
  data: { expenditureId: id, voucher: 'UNC-0012', paidOn: on },
});
export const disbursed = (id: string, amount: bigint, line = lineId): BudgetLineEvent => ({
  type: 'ExpenditureDisbursed',
  data: {
    budgetLineId: line,
    expenditureId: id,
    amount,
    voucher: 'UNC-0012',
    paidOn: '2024-05-20',
  },
});
export const reverse = (id: string, actor = accountant, on = '2024-06-01'): BudgetLineCommand => ({
  type: 'ReverseExpenditure',
  actor,
  on,
  data: { expenditureId: id, reason: 'Kho bạc từ chối' },
});

/** 2023 money carried into 2024 by Decision 699/QĐ-UBND: spendable until 31/12/2024. */
export const carriedOpened: BudgetLineEvent = {
  type: 'BudgetLineOpened',
  data: { budgetLineId: carriedId, ...carriedKey },
};
export const carriedIn = (amount: bigint, transferId = 'c699'): BudgetLineEvent => ({
  type: 'FundsCarriedIn',
  data: {
    budgetLineId: carriedId,
    amount,
    decision: '699/QĐ-UBND',
    transferId,
    fromLine: null,
    deadline: '2024-12-31',
  },
});
