import ExcelJS from 'exceljs';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { budget } from './support/budget-cli';

const EXAMPLE = join(__dirname, '..', 'examples', 'ba-to-2024');
const STATEMENT = join(EXAMPLE, 'kho-bac-01-SDKP-DVDT.csv');
const text = readFileSync(STATEMENT, 'utf8');

interface Answer {
  differenceCount: number;
  differences: Record<string, unknown>[];
  unclassifiedLines: string[];
  unitCode: Record<string, unknown>;
}

/** The Ba Tơ example imported once, then reconciled as the finance office would. */
describe('budget reconcile: the Treasury statement against the ledger', () => {
  let dir: string;
  const file = (name: string, content: string) => {
    const path = join(dir, name);
    writeFileSync(path, content);
    return path;
  };
  const reconcile = (path: string, ...more: string[]) =>
    budget(join(dir, 'data'), 'reconcile', path, '--unit', 'LDTBXH', ...more);

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'reconcile-'));
    const imported = await budget(join(dir, 'data'), 'import', EXAMPLE);
    expect(imported.code).toBe(0);
  }, 120_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('finds the example statement in agreement with the example ledger (exit 0)', async () => {
    const run = await reconcile(STATEMENT, '--json');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const answer = JSON.parse(run.stdout) as Answer;
    expect(answer.differenceCount).toBe(0);
    expect(answer.unclassifiedLines).toEqual([]);
    // The example's mã ĐVQHNS (units.yaml) is the one its statement prints.
    expect(answer.unitCode).toEqual({
      status: 'matches',
      recorded: '1056789',
      statement: '1056789',
    });
  }, 60_000);

  it('lists exactly the one amount changed on the statement, with both figures (exit 1)', async () => {
    const changed = text.replace(
      '2;12;622;398;0357;206.771.300;1.860.000.000',
      '2;12;622;398;0357;206.771.300;1.850.000.000',
    );
    const total = changed.replace(
      ';Tổng cộng;;;;254.771.300;2.190.000.000',
      ';Tổng cộng;;;;254.771.300;2.180.000.000',
    );
    const run = await reconcile(file('changed.csv', total), '--json');
    expect(run.code).toBe(1);
    const answer = JSON.parse(run.stdout) as Answer;
    expect(answer.differences).toEqual([
      {
        kind: 'amount_differs',
        key: { source: '12', chapter: '622', sector: '398', program: '0357' },
        row: 12,
        column: 'allocated',
        ledger: '1860000000',
        statement: '1850000000',
      },
    ]);
    const human = await reconcile(join(dir, 'changed.csv'));
    expect(human.stdout).toContain(
      'Dự toán giao trong năm — sổ 1.860.000.000, Kho bạc 1.850.000.000',
    );
  }, 60_000);

  it("lists exactly a changed amount of what the Treasury paid (the example's payments)", async () => {
    // Paid under 0357 to 30/9/2024: 1.400.000 (the inspection) + 30.000.000 (the advance).
    const changed = text
      .replace(
        '2;12;622;398;0357;206.771.300;1.860.000.000;2.066.771.300;31.400.000',
        '2;12;622;398;0357;206.771.300;1.860.000.000;2.066.771.300;30.000.000',
      )
      .replace(
        ';Tổng cộng;;;;254.771.300;2.190.000.000;2.444.771.300;91.400.000',
        ';Tổng cộng;;;;254.771.300;2.190.000.000;2.444.771.300;90.000.000',
      );
    expect(changed).not.toBe(text);
    const run = await reconcile(file('paid-changed.csv', changed), '--json');
    expect(run.code).toBe(1);
    expect((JSON.parse(run.stdout) as Answer).differences).toEqual([
      {
        kind: 'amount_differs',
        key: { source: '12', chapter: '622', sector: '398', program: '0357' },
        row: 12,
        column: 'used',
        ledger: '31400000',
        statement: '30000000',
      },
    ]);
  }, 60_000);

  it('refuses a malformed file naming its row and column, and prints no reconciliation', async () => {
    const bad = text.replace('206.771.300;1.860.000.000', '206.771.300;1.86O.000.000');
    const run = await reconcile(file('bad.csv', bad));
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('TREASURY.STATEMENT_MALFORMED');
    expect(run.stderr).toContain('dòng 12, cột G (Dự toán giao trong năm)');
    expect(run.stderr).toContain('row 12, column G (Dự toán giao trong năm)');
  }, 60_000);

  it('reads the same statement as an XLSX workbook', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('01-SDKP');
    for (const line of text.trim().split('\n')) {
      sheet.addRow(
        line
          .split(';')
          .map((cell) =>
            /^\d{1,3}(\.\d{3})+$/.test(cell) ? Number(cell.replace(/\./g, '')) : cell,
          ),
      );
    }
    const path = join(dir, 'statement.xlsx');
    await workbook.xlsx.writeFile(path);
    const run = await reconcile(path, '--json');
    expect(run.code).toBe(0);
    expect((JSON.parse(run.stdout) as Answer).differenceCount).toBe(0);
  }, 60_000);
});
