import { DomainError } from './domain-error';

/** Whole đồng. Public sums exceed 2^53, so money is a bigint and never a float. */
export type Money = bigint;

/** The largest amount the contract accepts: 18 digits. */
export const MAX_AMOUNT = 999_999_999_999_999_999n;

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
