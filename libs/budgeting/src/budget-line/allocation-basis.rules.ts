import { DomainError } from '../shared/domain-error';
import { formatVietnameseDate } from '../shared/dates';
import { parseDocumentNumber } from '../shared/document-number';
import { formatMoney, type Money } from '../shared/money';

/**
 * A decision an allocation cites, as the register holds it (null when it is not
 * registered). The application looks it up; the decider judges it.
 */
export interface DecisionFacts {
  readonly number: string;
  readonly type: string;
  readonly issuer: string;
  readonly issuedOn: string;
  /** What the decision assigns in total, when the register says; null: not stated. */
  readonly amount: Money | null;
  /** What allocations under it already took. */
  readonly allocated: Money;
}

/** A spending unit as the register holds it (null when it is not registered). */
export interface UnitFacts {
  readonly code: string;
  readonly validFrom: string;
  readonly validTo: string | null;
}

/**
 * Which documents may put money on a line: decisions (QĐ) of a People's Committee or its
 * chairman (the number's issuer part, `30/QĐ-UBND`), who assign estimates to the units
 * under them (Law on the State Budget 83/2015/QH13, Art. 49–50). Data, not code: a
 * province that assigns by another issuer changes this list.
 */
export const ALLOCATION_DECISIONS = { types: ['QĐ'], issuers: ['UBND'] } as const;

function refused(code: string, vi: string, en: string, details: Record<string, string> = {}) {
  return new DomainError(code, 'rule', { vi, en }, { field: 'decision', ...details });
}

/** The decision must be registered, of the right kind and issuer, issued by `on`, and not exceeded. */
export function checkAllocationBasis(
  decision: string,
  facts: DecisionFacts | null,
  amount: Money,
  on: string,
): void {
  if (!facts) {
    throw refused(
      'DOCUMENT.NOT_REGISTERED',
      `Quyết định ${decision} chưa được đăng ký trong sổ văn bản (đăng ký trước khi giao dự toán)`,
      `Decision ${decision} is not registered (register it before allocating under it)`,
      { decision },
    );
  }
  const issuer = parseDocumentNumber(facts.number).issuer;
  const types: readonly string[] = ALLOCATION_DECISIONS.types;
  const issuers: readonly string[] = ALLOCATION_DECISIONS.issuers;
  if (!types.includes(facts.type) || !issuers.includes(issuer)) {
    throw refused(
      'DOCUMENT.NOT_AN_ALLOCATION_DECISION',
      `${facts.number} (${facts.type}, ${facts.issuer}) không phải quyết định giao dự toán của Ủy ban nhân dân`,
      `${facts.number} (${facts.type}, ${facts.issuer}) is not a People's Committee decision assigning estimates`,
      { decision: facts.number },
    );
  }
  if (facts.issuedOn > on) {
    throw refused(
      'DOCUMENT.ISSUED_AFTER',
      `Quyết định ${facts.number} ban hành ngày ${formatVietnameseDate(facts.issuedOn)}, sau ngày hiệu lực ${formatVietnameseDate(on)}`,
      `Decision ${facts.number} was issued on ${facts.issuedOn}, after the effective date ${on}`,
      { decision: facts.number, issuedOn: facts.issuedOn },
    );
  }
  if (facts.amount !== null && facts.allocated + amount > facts.amount) {
    throw refused(
      'DOCUMENT.AMOUNT_EXCEEDED',
      `Vượt số tiền của quyết định ${facts.number}: đã giao ${formatMoney(facts.allocated)}, giao thêm ${formatMoney(amount)}, tối đa ${formatMoney(facts.amount)} đồng`,
      `Exceeds decision ${facts.number}: ${facts.allocated} allocated, ${amount} more, at most ${facts.amount} đồng`,
      { decision: facts.number, amount: facts.amount.toString() },
    );
  }
}

/** The line's unit must be registered and in existence on the effective date. */
export function checkUnitExists(unit: string, facts: UnitFacts | null, on: string): void {
  const active =
    facts !== null && on >= facts.validFrom && (facts.validTo === null || on <= facts.validTo);
  if (!active) {
    throw new DomainError(
      'UNIT.NOT_REGISTERED',
      'rule',
      {
        vi: `Đơn vị ${unit} ${facts ? `không còn hiệu lực ngày ${formatVietnameseDate(on)}` : 'chưa được đăng ký'}`,
        en: `Unit ${unit} ${facts ? `does not exist on ${on}` : 'is not registered'}`,
      },
      { field: 'unit', unit },
    );
  }
}
