import { DomainError } from './domain-error';

/** Whole đồng. Public sums exceed 2^53, so money is a bigint and never a float. */
export type Money = bigint;

/** The largest amount the wire format accepts: 18 digits (the contract's limit). */
export const MAX_AMOUNT = 999_999_999_999_999_999n;

/**
 * The most one budget line may hold (10^15 đồng, "một triệu tỷ", about half the State's
 * whole annual spending; the program's five-year central budget is 4.8 × 10^13), and so
 * the most any one amount written to the ledger may be: an allocation, a carry-over, a
 * transfer, an expenditure, a plan's part or total, a decision's amount. Checked at every
 * write by the deciders, whatever the door. Why this value: every amount a line's read
 * model holds (a sum of its movements, each column bounded by what came in) stays below
 * 2^53, so it is exact as a number in XLSX and JSON tooling, and far inside the 18 digits
 * the read stores sum exactly (whose sums over many lines are split so they stay exact
 * however many lines there are).
 */
export const MAX_LINE_AMOUNT = 1_000_000_000_000_000n;

/** Refuses an amount above MAX_LINE_AMOUNT (400: it can never be right, whatever the ledger holds). */
export function requireWithinLineBound(amount: Money, field = 'amount'): Money {
  if (amount > MAX_LINE_AMOUNT) {
    throw new DomainError(
      'VALIDATION.AMOUNT_TOO_LARGE',
      'validation',
      {
        vi: `${field}: số tiền vượt quá ${formatMoney(MAX_LINE_AMOUNT)} đồng, mức tối đa một dòng ngân sách được giữ`,
        en: `${field}: amount exceeds ${MAX_LINE_AMOUNT.toString()} đồng, the most a budget line may hold`,
      },
      { field, max: MAX_LINE_AMOUNT.toString() },
    );
  }
  return amount;
}

const DIGITS = /^(0|[1-9]\d*)$/;

/**
 * Parses whole đồng from a decimal string ("378000000") or Vietnamese grouping
 * ("378.000.000"). Refuses signs, fractions, exponents and anything over MAX_AMOUNT.
 */
export function parseMoney(text: string, field = 'amount'): Money {
  const plain = /^\d{1,3}(\.\d{3})+$/.test(text) ? text.replaceAll('.', '') : text;
  if (typeof text !== 'string' || !DIGITS.test(plain)) {
    throw new DomainError('VALIDATION.AMOUNT', 'validation', {
      vi: `${field}: số tiền phải là số nguyên đồng không âm, ví dụ "378000000"`,
      en: `${field}: amount must be a non-negative whole number of đồng, e.g. "378000000"`,
    });
  }
  const value = BigInt(plain);
  if (value > MAX_AMOUNT) {
    throw new DomainError('VALIDATION.AMOUNT_TOO_LARGE', 'validation', {
      vi: `${field}: số tiền vượt quá ${formatMoney(MAX_AMOUNT)} đồng`,
      en: `${field}: amount exceeds ${MAX_AMOUNT.toString()} đồng`,
    });
  }
  return value;
}

/** Vietnamese format: 2.444.771.300 (dots between thousands). */
export function formatMoney(amount: Money): string {
  const negative = amount < 0n;
  const digits = (negative ? -amount : amount).toString();
  const grouped = digits.replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  return negative ? `-${grouped}` : grouped;
}

/** Decimal string for the wire and stored events. */
export function moneyToWire(amount: Money): string {
  return amount.toString();
}

export function sumMoney(amounts: Iterable<Money>): Money {
  let total = 0n;
  for (const a of amounts) total += a;
  return total;
}
