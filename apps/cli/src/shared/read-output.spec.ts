import { renderCsv } from './csv';
import { renderTable } from './table';
import { formatVietnamTime, formatVietnamTimeForSheet } from '@app/budgeting';
import { parseKnownAtOption } from './vietnam-time';

describe('renderTable', () => {
  it('aligns amounts right, Vietnamese letters counting once, with a totals row', () => {
    const table = renderTable(
      [{ header: 'Đơn vị' }, { header: 'Còn lại', align: 'right' }],
      [
        ['LĐTBXH', '1.350.000.000'],
        // "Y tế" with a combining accent, as some keyboards type it.
        ['Y te\u0302\u0301', '378.000.000'],
      ],
      ['Tổng cộng', '1.728.000.000'],
    );
    expect(table.split('\n')).toEqual([
      'Đơn vị           Còn lại',
      '---------  -------------',
      'LĐTBXH     1.350.000.000',
      'Y tế         378.000.000',
      '---------  -------------',
      'Tổng cộng  1.728.000.000',
    ]);
  });
});

describe('renderCsv', () => {
  it('starts with the BOM, quotes what needs it, keeps amounts plain, ends lines with CRLF', () => {
    expect(
      renderCsv(
        ['Nội dung', 'Số tiền'],
        [
          ['Hủy, hết hạn', 120000000n],
          [null, -5n],
        ],
      ),
    ).toBe('\uFEFFNội dung,Số tiền\r\n"Hủy, hết hạn",120000000\r\n,-5\r\n');
  });

  it('never lets typed text run as a formula in Excel', () => {
    expect(renderCsv(['a'], [['=HYPERLINK("x")'], ['+1'], ['@SUM(A1)']])).toBe(
      '\uFEFFa\r\n"\'=HYPERLINK(""x"")"\r\n\'+1\r\n\'@SUM(A1)\r\n',
    );
  });
});

describe('Vietnam time', () => {
  it('shows instants on Vietnamese clocks (UTC+7)', () => {
    expect(formatVietnamTime('2024-06-30T17:05:09.123Z')).toBe('1/7/2024 00:05:09');
    expect(formatVietnamTimeForSheet('2024-06-30T17:05:09.123Z')).toBe('2024-07-01 00:05:09');
  });

  it.each([
    ['2024-07-01T01:30:00Z', '2024-07-01T01:30:00Z'],
    ['2024-07-01T08:30:00+07:00', '2024-07-01T08:30:00+07:00'],
    ['2024-07-01T08:30', '2024-07-01T08:30:00+07:00'],
    ['2024-07-01 08:30:15.5', '2024-07-01T08:30:15.5+07:00'],
    ['2024-07-01', '2024-07-01T00:00:00+07:00'],
  ])('reads --known-at %s as %s', (text, value) => {
    expect(parseKnownAtOption(text)).toEqual({ value });
  });

  it.each(['yesterday', '2024-02-30T10:00Z', '2024-07-01T24:00', '2024-13-01'])(
    'refuses --known-at %s',
    (text) => {
      expect(parseKnownAtOption(text)).toMatchObject({
        problem: { field: '--known-at', message: { en: expect.stringContaining(text) as string } },
      });
    },
  );
});
