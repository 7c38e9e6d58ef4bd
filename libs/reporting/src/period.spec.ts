import { dayBefore, describePeriod, parsePeriod, PeriodError } from './period';

describe('reporting periods of a fiscal year', () => {
  it.each([
    ['year', '2024-01-01', '2024-12-31', 'Năm 2024'],
    [
      'year-final',
      '2024-01-01',
      '2025-01-31',
      'Năm 2024 (kể cả thời gian chỉnh lý đến ngày 31/01/2025)',
    ],
    ['H1', '2024-01-01', '2024-06-30', '6 tháng đầu năm 2024'],
    ['h2', '2024-07-01', '2024-12-31', '6 tháng cuối năm 2024'],
    ['Q2', '2024-04-01', '2024-06-30', 'Quý II năm 2024'],
    ['M2', '2024-02-01', '2024-02-29', 'Tháng 2 năm 2024'],
    ['2024-03-19..2024-05-02', '2024-03-19', '2024-05-02', 'Từ ngày 19/3/2024 đến ngày 2/5/2024'],
  ])('%s runs from %s to %s, called "%s"', (spec, from, to, label) => {
    expect(parsePeriod(2024, spec)).toMatchObject({ from, to, label: { vi: label } });
  });

  it('says the dates of a named period in its description', () => {
    expect(describePeriod(parsePeriod(2024, 'Q2'), 'vi')).toBe(
      'Quý II năm 2024 (từ ngày 1/4/2024 đến ngày 30/6/2024)',
    );
  });

  it.each(['Q5', 'M13', 'M0', 'yesterday', '2024-02-30..2024-03-01', '2024-05-01..2024-04-01'])(
    'refuses %s',
    (spec) => {
      expect(() => parsePeriod(2024, spec)).toThrow(PeriodError);
    },
  );

  it('finds the day before a period, across months and leap days', () => {
    expect(dayBefore('2024-03-01')).toBe('2024-02-29');
    expect(dayBefore('2024-01-01')).toBe('2023-12-31');
  });
});
