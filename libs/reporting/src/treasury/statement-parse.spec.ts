import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DomainError } from '@app/budgeting';
import { readCsvRows } from './csv-read';
import { parseStatementAmount, parseTreasuryStatement, type SheetRow } from './statement-parse';

const EXAMPLE = join(
  __dirname,
  '..',
  '..',
  '..',
  '..',
  'examples',
  'ba-to-2024',
  'kho-bac-01-SDKP-DVDT.csv',
);
const example = readFileSync(EXAMPLE, 'utf8');

const sheet = (text: string): SheetRow[] =>
  readCsvRows(text).map((cells, i) => ({ number: i + 1, cells }));

function refusal(text: string): DomainError {
  try {
    parseTreasuryStatement(sheet(text));
  } catch (error) {
    return error as DomainError;
  }
  throw new Error('expected the statement to be refused');
}

const HEADER =
  'STT;Mã nguồn NSNN;Mã chương;Mã ngành KT;Mã CTMT, DA;Dự toán giao trong năm;Dự toán đã sử dụng';

describe('reading the Treasury statement of estimates used (01-SDKP/ĐVDT)', () => {
  describe('when the file is the Ba Tơ example', () => {
    it('reads its header block, its two rows and every amount column', () => {
      const statement = parseTreasuryStatement(sheet(example));
      expect(statement.fiscalYear).toBe(2024);
      expect(statement.asOf).toBe('2024-09-30');
      expect(statement.columns).toEqual([
        'carriedIn',
        'allocated',
        'usable',
        'used',
        'cancelled',
        'remaining',
      ]);
      expect(statement.rows).toHaveLength(2);
      expect(statement.rows[1]).toEqual({
        source: '12',
        chapter: '622',
        sector: '398',
        program: '0357',
        row: 12,
        amounts: {
          carriedIn: 206_771_300n,
          allocated: 1_860_000_000n,
          usable: 2_066_771_300n,
          used: 31_400_000n,
          cancelled: 0n,
          remaining: 2_035_371_300n,
        },
      });
    });
  });

  describe('when the file is malformed', () => {
    it('names the row and the column of an amount that is not whole đồng', () => {
      const error = refusal(`${HEADER}\n1;12;622;398;0357;1.86O.000;0`);
      expect(error.code).toBe('TREASURY.STATEMENT_MALFORMED');
      expect(error.details).toEqual({ row: '2', column: 'F (Dự toán giao trong năm)' });
      expect(error.messages.vi).toContain('dòng 2, cột F (Dự toán giao trong năm)');
      expect(error.messages.en).toContain('row 2, column F (Dự toán giao trong năm)');
    });

    it('refuses a fractional amount rather than rounding it', () => {
      expect(refusal(`${HEADER}\n1;12;622;398;0357;1.000,50;0`).details.column).toMatch(/^F /);
    });

    it('names the row and column of a code of the wrong shape', () => {
      const error = refusal(`${HEADER}\n1;12;622;39;0357;1.000;0`);
      expect(error.details).toEqual({ row: '2', column: 'D (Mã ngành KT)' });
    });

    it('refuses the same codes twice, naming both rows', () => {
      const error = refusal(`${HEADER}\n1;12;622;398;0357;1.000;0\n2;12;622;398;0357;2.000;0`);
      expect(error.details).toEqual({ row: '3' });
      expect(error.messages.en).toContain('row 2');
    });

    it('refuses a total row that does not add up, naming its column', () => {
      const error = refusal(`${HEADER}\n1;12;622;398;0357;1.000;0\n;Tổng cộng;;;;1.001;0`);
      expect(error.details).toEqual({ row: '3', column: 'F (Dự toán giao trong năm)' });
    });

    it('refuses a file without the four code columns', () => {
      const error = refusal('STT;Mã chương;Dự toán giao trong năm\n1;622;1.000');
      expect(error.code).toBe('TREASURY.STATEMENT_MALFORMED');
      expect(error.messages.vi).toContain('Mã nguồn NSNN');
    });

    it('refuses a quote left open, naming its line', () => {
      const error = refusal(`${HEADER}\n1;"12;622;398;0357;1.000;0`);
      expect(error.details).toEqual({ row: '2' });
    });
  });

  it('reads amounts as the Treasury prints them, never as floating point', () => {
    expect(parseStatementAmount('2.444.771.300')).toBe(2_444_771_300n);
    expect(parseStatementAmount('2444771300')).toBe(2_444_771_300n);
    expect(parseStatementAmount('2.444.771.300,00')).toBe(2_444_771_300n);
    expect(parseStatementAmount(' ')).toBe(0n);
    expect(parseStatementAmount('-1.000')).toBe(-1000n);
    expect(parseStatementAmount('9.007.199.254.740.993')).toBe(9_007_199_254_740_993n);
    expect(parseStatementAmount('1,5')).toBeNull();
    expect(parseStatementAmount('12.34')).toBeNull();
  });

  it('reads comma-separated files and quoted cells alike', () => {
    const csv =
      '"STT","Mã nguồn NSNN","Mã chương","Mã ngành KT","Mã CTMT, DA","Dự toán giao trong năm"\n1,12,622,398,0357,"1.000"';
    const statement = parseTreasuryStatement(sheet(csv));
    expect(statement.rows[0]?.amounts).toEqual({ allocated: 1000n });
  });
});
