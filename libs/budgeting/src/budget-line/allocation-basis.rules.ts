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

/**
 * Which documents may cancel part of a line's estimate (hủy dự toán): the authority that
 * assigned it, so the same kinds as an allocation. Data, like ALLOCATION_DECISIONS.
 */
export const CANCELLATION_DECISIONS = ALLOCATION_DECISIONS;

/**
 * Which documents may extend a carry-over deadline (gia hạn). The law does not name one
 * authority: the Law on the State Budget (Art. 64) and Decree 163/2016/NĐ-CP (Art. 43) end
 * carried-over money at 31/12 of the next year; the NTP extensions came from National
 * Assembly resolutions (108/2023/QH15, 111/2024/QH15, numbered by the legislature's term),
 * applied by People's Committees' decisions and, where a resolution delegates it, by a
 * People's Council or the Prime Minister. So every one of those is accepted, as data: a
 * province whose practice is narrower shortens the list.
 */
export const EXTENSION_DECISIONS = {
  types: ['QĐ', 'NQ'],
  issuers: ['UBND', 'HĐND', 'TTg', 'CP', 'QH14', 'QH15', 'QH16'],
} as const;

/** What a write citing a decision does with it, for the register's refusals. */
interface DecisionUse {
  readonly kinds: { readonly types: readonly string[]; readonly issuers: readonly string[] };
  /** The code refusing a document of another kind or issuer. */
  readonly wrongKind: string;
  /** The act, as the messages name it: "giao dự toán" / "allocating under it". */
  readonly act: { readonly vi: string; readonly en: string };
  /** What a document of the right kind is, with whose: "quyết định giao dự toán của Ủy ban nhân dân". */
  readonly kind: { readonly vi: string; readonly en: string };
}

const ALLOCATION_USE: DecisionUse = {
  kinds: ALLOCATION_DECISIONS,
  wrongKind: 'DOCUMENT.NOT_AN_ALLOCATION_DECISION',
  act: { vi: 'giao dự toán', en: 'allocating under it' },
  kind: {
    vi: 'quyết định giao dự toán của Ủy ban nhân dân',
    en: "People's Committee decision assigning estimates",
  },
};

const CANCELLATION_USE: DecisionUse = {
  kinds: CANCELLATION_DECISIONS,
  wrongKind: 'DOCUMENT.NOT_A_CANCELLATION_DECISION',
  act: { vi: 'hủy dự toán', en: 'cancelling under it' },
  kind: {
    vi: 'quyết định hủy dự toán của Ủy ban nhân dân',
    en: "People's Committee decision cancelling estimates",
  },
};

const EXTENSION_USE: DecisionUse = {
  kinds: EXTENSION_DECISIONS,
  wrongKind: 'DOCUMENT.NOT_AN_EXTENSION_DECISION',
  act: { vi: 'gia hạn kinh phí chuyển nguồn', en: 'extending a deadline under it' },
  kind: {
    vi: 'quyết định hoặc nghị quyết gia hạn của Quốc hội, Chính phủ, Thủ tướng, Hội đồng nhân dân hoặc Ủy ban nhân dân',
    en: "decision or resolution extending deadlines of the National Assembly, the Government, the Prime Minister, a People's Council or a People's Committee",
  },
};

/** The cited decision must be registered, of a kind `use` accepts, and issued by `on`. */
function checkRegistered(
  decision: string,
  facts: DecisionFacts | null,
  on: string,
  use: DecisionUse,
): asserts facts is DecisionFacts {
  if (!facts) {
    throw refused(
      'DOCUMENT.NOT_REGISTERED',
      `Quyết định ${decision} chưa được đăng ký trong sổ văn bản (đăng ký trước khi ${use.act.vi})`,
      `Decision ${decision} is not registered (register it before ${use.act.en})`,
      { decision },
    );
  }
  const issuer = parseDocumentNumber(facts.number).issuer;
  if (!use.kinds.types.includes(facts.type) || !use.kinds.issuers.includes(issuer)) {
    throw refused(
      use.wrongKind,
      `${facts.number} (${facts.type}, ${facts.issuer}) không phải ${use.kind.vi}`,
      `${facts.number} (${facts.type}, ${facts.issuer}) is not a ${use.kind.en}`,
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
}

/** A cancellation's decision: registered, a People's Committee decision, issued by `on`. */
export function checkCancellationBasis(
  decision: string,
  facts: DecisionFacts | null,
  on: string,
): void {
  checkRegistered(decision, facts, on, CANCELLATION_USE);
}

/**
 * An extension's decision: registered, a kind EXTENSION_DECISIONS accepts, issued by `on`,
 * and cited with the register's date of issue (the citation is what the event keeps).
 */
export function checkExtensionBasis(
  cited: { readonly number: string; readonly issuedOn: string },
  facts: DecisionFacts | null,
  on: string,
): void {
  // First: the register's date of issue is the one the other checks read.
  if (facts && cited.issuedOn !== facts.issuedOn) {
    throw new DomainError(
      'DOCUMENT.ISSUED_ON_MISMATCH',
      'rule',
      {
        vi: `Quyết định ${facts.number} ban hành ngày ${formatVietnameseDate(facts.issuedOn)} theo sổ văn bản, không phải ngày ${formatVietnameseDate(cited.issuedOn)}`,
        en: `Decision ${facts.number} was issued on ${facts.issuedOn} according to the register, not on ${cited.issuedOn}`,
      },
      { field: 'decisionIssuedOn', decision: facts.number, issuedOn: facts.issuedOn },
    );
  }
  checkRegistered(cited.number, facts, on, EXTENSION_USE);
}

/** The decision must be registered, of the right kind and issuer, issued by `on`, and not exceeded. */
export function checkAllocationBasis(
  decision: string,
  facts: DecisionFacts | null,
  amount: Money,
  on: string,
): void {
  checkRegistered(decision, facts, on, ALLOCATION_USE);
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
