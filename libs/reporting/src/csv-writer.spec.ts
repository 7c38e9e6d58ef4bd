import { csvField, toCsv } from './csv-writer';
import type { ReportTable } from './table';

const TABLE: ReportTable = {
  title: 'T',
  subtitle: [],
  sheetName: 'S',
  columns: [
    { key: 'name', header: 'Nội dung', kind: 'text' },
    { key: 'amount', header: 'NS tỉnh', group: 'Dự toán', kind: 'money' },
    { key: 'rate', header: 'Tỷ lệ (%)', kind: 'rate' },
  ],
  rows: [
    { cells: { name: 'Pano; 2 mặt', amount: 30000000n, rate: 8.16 }, level: 'part', code: 'DA6' },
  ],
};

describe('CSV for Excel', () => {
  it('separates with ";" for a Vietnamese Excel, quoting fields that hold one, and keeps amounts plain', () => {
    expect(toCsv(TABLE, { separator: ';' })).toBe(
      '\ufeffCấp;Mã;Nội dung;Dự toán - NS tỉnh;Tỷ lệ (%)\r\npart;DA6;"Pano; 2 mặt";30000000;"8,16"\r\n',
    );
  });

  it('marks every row when asked (illustrative figures)', () => {
    const csv = toCsv(TABLE, { markColumn: { header: 'Số liệu minh họa', value: 'minh họa' } });
    expect(
      csv
        .split('\r\n')
        .slice(0, 2)
        .map((l) => l.split(',').at(-1)),
    ).toEqual(['Số liệu minh họa', 'minh họa']);
  });

  it('defuses formulas in text but leaves a lone dash (a sub-item) alone', () => {
    expect(csvField('=HYPERLINK("x")')).toBe('"\'=HYPERLINK(""x"")"');
    expect(csvField('-')).toBe('-');
    expect(csvField('-5')).toBe("'-5");
  });
});
