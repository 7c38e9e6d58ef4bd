import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { budget } from './support/budget-cli';

const EXAMPLE = join(__dirname, '..', 'examples', 'ba-to-2024');
const STATEMENT = readFileSync(join(EXAMPLE, 'kho-bac-01-SDKP-DVDT.csv'), 'utf8');
const UNIT_LINE = 'Đơn vị: Phòng Lao động – Thương binh và Xã hội huyện Ba Tơ;;;;;;;;;;';

/** The example statement with the ĐVQHNS the Treasury prints under the unit's name. */
const printing = (code: string) =>
  STATEMENT.replace(UNIT_LINE, `${UNIT_LINE}\nMã ĐVQHNS: ${code};;;;;;;;;;`);

interface Answer {
  differenceCount: number;
  differences: Record<string, unknown>[];
  unitCode: Record<string, unknown>;
}

/**
 * Issue 17 item 4: the unit's mã ĐVQHNS is reference data (units.yaml →
 * budgetRelationshipCodes, or POST /units/{code}/budget-relationship-codes), and the
 * reconciliation checks the statement's against it.
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
    const example = join(dir, 'example');
    cpSync(EXAMPLE, example, { recursive: true });
    const units = readFileSync(join(example, 'units.yaml'), 'utf8');
    const withCode = units.replace(
      "    kind: lead_agency\n    validFrom: '2021-01-01'\n    validTo: '2025-06-30'\n",
      "    kind: lead_agency\n    validFrom: '2021-01-01'\n    validTo: '2025-06-30'\n" +
        "    budgetRelationshipCodes:\n      - budgetRelationshipCode: '1040123'\n        validFrom: '2021-01-01'\n        illustrative: true\n",
    );
    expect(withCode).not.toBe(units);
    writeFileSync(join(example, 'units.yaml'), withCode);
    const imported = await budget(join(dir, 'data'), 'import', example);
    expect(imported.stderr).toBe('');
    expect(imported.code).toBe(0);
  }, 120_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('agrees when the statement prints the unit’s code (exit 0)', async () => {
    const run = await reconcile(printing('1040123'), '--json');
    expect(run.code).toBe(0);
    const answer = JSON.parse(run.stdout) as Answer;
    expect(answer.differenceCount).toBe(0);
    expect(answer.unitCode).toEqual({
      status: 'matches',
      recorded: '1040123',
      statement: '1040123',
    });
  }, 60_000);

  it("lists another unit's code as the first and only difference (exit 1), in words too", async () => {
    const run = await reconcile(printing('1040999'), '--json');
    expect(run.code).toBe(1);
    const answer = JSON.parse(run.stdout) as Answer;
    expect(answer.differences).toEqual([
      { kind: 'unit_code_differs', ledger: '1040123', statement: '1040999' },
    ]);
    const human = await reconcile(printing('1040999'));
    expect(human.stdout).toContain(
      'Mã ĐVQHNS trên bảng (1040999) khác mã của đơn vị LDTBXH trong sổ (1040123)',
    );
    expect(human.stdout).toContain('Mã ĐVQHNS: trên bảng 1040999, của đơn vị trong sổ 1040123');
  }, 60_000);

  it('says the code was not compared when the statement prints none', async () => {
    const run = await reconcile(STATEMENT);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(
      'Bảng không ghi mã ĐVQHNS: không đối chiếu với mã 1040123 của đơn vị LDTBXH.',
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
