import { refusalOf } from '@app/testing/decider';
import { formatMoney, MAX_AMOUNT, moneyToWire, parseMoney, sumMoney } from './money';

describe('money (whole đồng)', () => {
  it('reads a decimal string or Vietnamese grouping', () => {
    expect(parseMoney('378000000')).toBe(378_000_000n);
    expect(parseMoney('378.000.000')).toBe(378_000_000n);
    expect(parseMoney('1.000')).toBe(1000n);
    expect(parseMoney('0')).toBe(0n);
    expect(parseMoney('999999999999999999')).toBe(MAX_AMOUNT);
  });

  it('refuses signs, fractions, exponents, leading zeros, spaces and loose dots, naming the field', () => {
    for (const text of [
      '-1',
      '+1',
      '1.5',
      '1,000',
      '1e6',
      '007',
      ' 1',
      '1 ',
      '',
      '1.00',
      '.100',
      '1.000.00',
      '12.3456',
    ]) {
      const error = refusalOf(() => parseMoney(text, 'số tiền'));
      expect({ text, code: error.code, kind: error.kind }).toEqual({
        text,
        code: 'VALIDATION.AMOUNT',
        kind: 'validation',
      });
      expect(error.messages.vi).toMatch(/^số tiền: /);
      expect(error.messages.en).toMatch(/^số tiền: /);
    }
    expect(refusalOf(() => parseMoney(42 as unknown as string)).code).toBe('VALIDATION.AMOUNT');
  });

  it('refuses more than 18 digits', () => {
    const error = refusalOf(() => parseMoney('1000000000000000000'));
    expect(error.code).toBe('VALIDATION.AMOUNT_TOO_LARGE');
    expect(error.messages.vi).toContain('999.999.999.999.999.999');
    expect(error.messages.en).toContain('999999999999999999');
  });

  it('writes amounts as people read them: dots between thousands', () => {
    expect(formatMoney(2_444_771_300n)).toBe('2.444.771.300');
    expect(formatMoney(0n)).toBe('0');
    expect(formatMoney(999n)).toBe('999');
    expect(formatMoney(1000n)).toBe('1.000');
    expect(formatMoney(-1_500_000n)).toBe('-1.500.000');
  });

  it('puts amounts on the wire as plain decimal strings, and sums them exactly', () => {
    expect(moneyToWire(378_000_000n)).toBe('378000000');
    expect(sumMoney([])).toBe(0n);
    expect(sumMoney([MAX_AMOUNT, 1n])).toBe(1_000_000_000_000_000_000n);
  });
});
