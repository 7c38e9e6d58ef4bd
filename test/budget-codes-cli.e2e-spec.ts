import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { budget } from './support/budget-cli';

const EXAMPLE = join(__dirname, '..', 'examples', 'ba-to-2024');
const STATEMENT = readFileSync(join(EXAMPLE, 'kho-bac-01-SDKP-DVDT.csv'), 'utf8');
/** The example's mã ĐVQHNS (units.yaml), which its statement prints under the unit's name. */
const CODE = '1056789';
const CODE_LINE = `Mã ĐVQHNS: ${CODE};;;;;;;;;;\n`;

/** The example statement printing another ĐVQHNS, or none (''). */
const printing = (code: string) =>
  STATEMENT.replace(CODE_LINE, code === '' ? '' : `Mã ĐVQHNS: ${code};;;;;;;;;;\n`);

interface Answer {
  differenceCount: number;
  differences: Record<string, unknown>[];
  unitCode: Record<string, unknown>;
}

/**
 * Issue 17 item 4: the unit's mã ĐVQHNS is reference data (units.yaml →
 * budgetRelationshipCodes, or POST /units/{code}/budget-relationship-codes), and the
 * reconciliation checks the statement's against it. The Ba Tơ example records one
 * (illustrative) for Phòng LĐ-TB&XH and its statement prints it.
 */
describe("budget codes on the command line: the unit's ĐVQHNS in reconcile, the report by code", () => {
  let dir: string;
  const reconcile = (content: string, ...more: string[]) => {
    const path = join(dir, `statement-${Math.random().toString(36).slice(2)}.csv`);
    writeFileSync(path, content);
    return budget(join(dir, 'data'), 'reconcile', path, '--unit', 'LDTBXH', ...more);
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'dvqhns-'));
    expect(STATEMENT).toContain(CODE_LINE);
    const imported = await budget(join(dir, 'data'), 'import', EXAMPLE);
    expect(imported.stderr).toBe('');
    expect(imported.code).toBe(0);
  }, 120_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('agrees when the statement prints the unit’s code (exit 0)', async () => {
    const run = await reconcile(STATEMENT, '--json');
    expect(run.code).toBe(0);
    const answer = JSON.parse(run.stdout) as Answer;
    expect(answer.differenceCount).toBe(0);
    expect(answer.unitCode).toEqual({
      status: 'matches',
      recorded: CODE,
      statement: CODE,
    });
  }, 60_000);

  it("lists another unit's code as the first and only difference (exit 1), in words too", async () => {
    const run = await reconcile(printing('1040999'), '--json');
    expect(run.code).toBe(1);
    const answer = JSON.parse(run.stdout) as Answer;
    expect(answer.differences).toEqual([
      { kind: 'unit_code_differs', ledger: CODE, statement: '1040999' },
    ]);
    const human = await reconcile(printing('1040999'));
    expect(human.stdout).toContain(
      `Mã ĐVQHNS trên bảng (1040999) khác mã của đơn vị LDTBXH trong sổ (${CODE})`,
    );
    expect(human.stdout).toContain(`Mã ĐVQHNS: trên bảng 1040999, của đơn vị trong sổ ${CODE}`);
  }, 60_000);

  it('says the code was not compared when the statement prints none', async () => {
    const run = await reconcile(printing(''));
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(
      `Bảng không ghi mã ĐVQHNS: không đối chiếu với mã ${CODE} của đơn vị LDTBXH.`,
    );
  }, 60_000);

  it('budget report --group-by code totals by budget code, the total the same as by project', async () => {
    const data = join(dir, 'data');
    const csv = async (name: string, ...more: string[]) => {
      const out = join(dir, name);
      const run = await budget(
        data,
        'report',
        'disbursement',
        '--fiscal-year',
        '2024',
        '--format',
        'csv',
        '--out',
        out,
        ...more,
      );
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      return readFileSync(out, 'utf8').split('\n');
    };
    const byProgram = await csv('by-program.csv');
    const byCode = await csv('by-code.csv', '--group-by', 'code');
    const total = (rows: string[]) => rows.find((l) => l.startsWith('total,'));
    expect(total(byCode)).toBeDefined();
    expect(total(byCode)).toBe(total(byProgram));
    expect(byCode.some((l) => l.startsWith('chapter,622,I,Chương 622'))).toBe(true);
    expect(byCode.some((l) => l.startsWith('program,622.398.0357.12,'))).toBe(true);

    const refused = await budget(
      data,
      'report',
      'outputs',
      '--fiscal-year',
      '2024',
      '--format',
      'csv',
      '--out',
      join(dir, 'outputs.csv'),
      '--group-by',
      'code',
    );
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('--group-by');
  }, 120_000);
});
