import { refusalOf } from '@app/testing/decider';
import { carryOverDeadline, formatVietnameseDate, parseBusinessDate } from './dates';

describe('business dates', () => {
  it('takes a calendar date written YYYY-MM-DD', () => {
    expect(parseBusinessDate('2024-03-19', 'effectiveDate')).toBe('2024-03-19');
    expect(parseBusinessDate('2024-02-29', 'effectiveDate')).toBe('2024-02-29');
  });

  it('refuses dates that do not exist or are written otherwise, naming the field', () => {
    for (const text of [
      '2023-02-29',
      '2024-13-01',
      '2024-04-31',
      '2024-00-10',
      '19/3/2024',
      '2024-3-19',
      '2024-03-19T00:00:00Z',
      '',
      ' 2024-03-19',
    ]) {
      const error = refusalOf(() => parseBusinessDate(text, 'effectiveDate'));
      expect({ text, code: error.code, details: error.details }).toEqual({
        text,
        code: 'VALIDATION.DATE',
        details: { field: 'effectiveDate' },
      });
      expect(error.kind).toBe('validation');
      expect(error.messages.vi).toContain('effectiveDate');
      expect(error.messages.en).toContain(`"${text}"`);
    }
    expect(refusalOf(() => parseBusinessDate(20240319 as unknown as string, 'd')).code).toBe(
      'VALIDATION.DATE',
    );
  });

  it('reads dates the Vietnamese way: 19/3/2024', () => {
    expect(formatVietnameseDate('2024-03-19')).toBe('19/3/2024');
    expect(formatVietnameseDate('2024-12-31T23:00:00Z')).toBe('31/12/2024');
  });

  it('lets carried-over money be spent until 31/12 of the year it was carried into', () => {
    expect(carryOverDeadline(2024)).toBe('2024-12-31');
  });
});
