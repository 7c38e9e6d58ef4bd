import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DATA_FILES } from './data-set';
import type { ImportProblem } from './import-problem';
import { loadDataSet } from './load-data-set';
import { DATA_FILE_SCHEMAS } from './schema-check';

const EXAMPLE = join(__dirname, '..', '..', '..', '..', 'examples', 'ba-to-2024');

const temporary: string[] = [];

/** A copy of the example with some files edited (or written), in a temporary folder. */
function copy(edits: Readonly<Record<string, (text: string) => string>>): string {
  const root = mkdtempSync(join(tmpdir(), 'data-set-'));
  temporary.push(root);
  const dir = join(root, 'ba-to-2024');
  cpSync(EXAMPLE, dir, { recursive: true });
  for (const [file, edit] of Object.entries(edits)) {
    const path = join(dir, file);
    let before = '';
    try {
      before = readFileSync(path, 'utf8');
    } catch {
      // a new file
    }
    const after = edit(before);
    if (after === before) throw new Error(`the edit of ${file} changed nothing`);
    writeFileSync(path, after);
  }
  return dir;
}

function where(problems: readonly ImportProblem[]): string[] {
  return problems.map((p) => `${p.file}: ${p.path} ${p.code}`);
}

afterAll(() => {
  for (const dir of temporary) rmSync(dir, { recursive: true, force: true });
});

describe('the Ba Tơ 2024 example', () => {
  it('loads with no problem: schemas, references, sums and the domain rules', async () => {
    const { dataSet, problems } = await loadDataSet(EXAMPLE);

    expect(problems).toEqual([]);
    expect(dataSet?.plan?.parts.map((p) => [p.code, p.budgetAmount])).toEqual([
      ['DA6.TDA2', '378000000'],
      ['DA7.TDA1', '1470000000'],
      ['DA7.TDA2', '596771300'],
    ]);
  });

  it("keeps beside each file, for editors, a copy of the importer's own schema", () => {
    for (const [file, schema] of Object.entries(DATA_FILE_SCHEMAS)) {
      const name = file.replace(/\.yaml$/, '.schema.json');
      const text = readFileSync(join(EXAMPLE, file), 'utf8');

      expect(text.split('\n')[0]).toBe(`# yaml-language-server: $schema=./${name}`);
      expect(JSON.parse(readFileSync(join(EXAMPLE, name), 'utf8'))).toEqual(schema);
    }
  });

  it('marks every amount of the budget lines illustrative, the split being assumed', async () => {
    const { dataSet } = await loadDataSet(EXAMPLE);

    expect(dataSet?.lines?.lines.every((line) => line.illustrative === true)).toBe(true);
  });
});

describe('a data set with problems in several files', () => {
  it('lists every problem at once, each at its file and path', async () => {
    const dir = copy({
      [DATA_FILES.units]: (t) =>
        t
          .replace("validFrom: '2021-01-01'", "validFrom: '2021-02-30'")
          .replace('code: TCKH', 'code: UBMTTQ'),
      [DATA_FILES.lines]: (t) =>
        t
          .replace("amount: '30000000'", 'amount: 30000000')
          .replace('approvedBy: lu-dinh-tich', 'approvedBy: ai-do'),
      [DATA_FILES.plan]: (t) => t.replace("budgetAmount: '596771300'", "budgetAmount: '596771000'"),
    });

    const { dataSet, problems } = await loadDataSet(dir);

    expect(dataSet).toBeNull();
    expect(where(problems)).toEqual([
      'units.yaml: units[0].validFrom IMPORT.INVALID_DATE',
      'units.yaml: units[3].code IMPORT.DUPLICATE',
      'budget-lines.yaml: lines[1].amount IMPORT.SCHEMA',
      'budget-lines.yaml: lines[8].approvedBy IMPORT.UNKNOWN_PERSON',
      'plan.yaml: parts[2].budgetAmount IMPORT.PART_TOTAL',
    ]);
    expect(problems.find((p) => p.code === 'IMPORT.PART_TOTAL')?.message.vi).toContain(
      'các dòng của nó trong budget-lines.yaml cộng lại 596.771.300 đồng (thừa 300 đồng)',
    );
    expect(problems.find((p) => p.path === 'lines[1].amount')?.message.en).toContain(
      'quoted, e.g. "378000000"',
    );
  });

  it('gives the line of a YAML syntax error', async () => {
    const dir = copy({
      [DATA_FILES.people]: (t) => t.replace('role: approver', 'role: [approver'),
    });

    const { problems } = await loadDataSet(dir);

    expect(problems).toMatchObject([
      { file: 'people.yaml', code: 'IMPORT.YAML_SYNTAX', line: expect.any(Number) as number },
    ]);
  });

  it('names a file that is not part of a data set (a misspelt name would be ignored)', async () => {
    const dir = copy({ 'unit.yaml': () => 'units: []\n' });

    const { problems } = await loadDataSet(dir);

    expect(where(problems)).toEqual(['unit.yaml:  IMPORT.UNKNOWN_FILE']);
  });
});

describe('a data set the domain refuses', () => {
  it("reports the domain's refusal at the item's field, before any store is opened", async () => {
    const dir = copy({
      [DATA_FILES.documents]: (t) =>
        t.replace('- number: 699/QĐ-UBND\n    type: QĐ', '- number: 699/QĐ-UBND\n    type: KH'),
    });

    const { problems } = await loadDataSet(dir);

    expect(where(problems)).toEqual(['documents.yaml: documents[5].type DOCUMENT.NUMBER_MISMATCH']);
  });

  it('takes the deadline a carry-over decision states, and refuses one before the carry-over or on an allocation', async () => {
    const stated = copy({
      [DATA_FILES.lines]: (t) =>
        t.replace(
          "amount: '120000000'\n    decision: 699/QĐ-UBND",
          "amount: '120000000'\n    decision: 699/QĐ-UBND\n    deadline: '2025-06-30'",
        ),
    });
    expect((await loadDataSet(stated)).problems).toEqual([]);

    const early = copy({
      [DATA_FILES.lines]: (t) =>
        t.replace(
          "amount: '120000000'\n    decision: 699/QĐ-UBND",
          "amount: '120000000'\n    decision: 699/QĐ-UBND\n    deadline: '2024-01-01'",
        ),
    });
    expect(where((await loadDataSet(early)).problems)).toEqual([
      'budget-lines.yaml: lines[9].deadline TRANSFER.DEADLINE_BEFORE_CARRY_OVER',
    ]);

    const onAllocation = copy({
      [DATA_FILES.lines]: (t) =>
        t.replace('decision: 30/QĐ-UBND', "decision: 30/QĐ-UBND\n    deadline: '2024-12-31'"),
    });
    expect(where((await loadDataSet(onAllocation)).problems)).toEqual([
      'budget-lines.yaml: lines[0].deadline IMPORT.NOT_FOR_ALLOCATION',
    ]);
  });

  it('refuses an approval outside the signer’s delegation', async () => {
    const dir = copy({
      [DATA_FILES.people]: (t) => t.replace('programParts: [DA6, DA7]', 'programParts: [DA6]'),
    });

    const { problems } = await loadDataSet(dir);

    // The carry-overs of DA7 lines and the plan (DA6 and DA7) need an approval Lữ Đình
    // Tích may no longer give; without the approved plan, no payment has an activity.
    expect(where(problems)).toEqual([
      'budget-lines.yaml: lines[9].approvedBy AUTH.OUTSIDE_DELEGATION',
      'budget-lines.yaml: lines[10].approvedBy AUTH.OUTSIDE_DELEGATION',
      'plan.yaml: approval.approvedBy AUTH.OUTSIDE_DELEGATION',
      'payments.yaml: payments[0].activity PLAN.NOT_APPROVED',
      'payments.yaml: payments[1].activity PLAN.NOT_APPROVED',
      'payments.yaml: payments[2].activity PLAN.NOT_APPROVED',
    ]);
  });
});

describe('payments in the data set (payments.yaml, as the expenditure routes)', () => {
  const payments = (edit: (text: string) => string) => copy({ [DATA_FILES.payments]: edit });

  it('loads the example: three payments, each through proposal, both signatures and the Treasury', async () => {
    const { dataSet, problems } = await loadDataSet(EXAMPLE);
    expect(problems).toEqual([]);
    const steps = (dataSet?.payments?.payments ?? []).map((p) => [
      p.id,
      p.signatures?.length,
      p.treasury?.map((t) => t.step),
      p.settlements?.length ?? 0,
    ]);
    expect(steps).toEqual([
      ['pano-2024-dot-1', 2, ['sent', 'refused', 'sent', 'accepted'], 0],
      ['kiem-tra-2024-08', 2, ['sent', 'accepted'], 0],
      ['tap-huan-ctxh-tam-ung', 2, ['sent', 'accepted'], 1],
    ]);
  });

  it('refuses the second signature by the same person, at its item, with the route’s code', async () => {
    const dir = payments((t) =>
      t.replace(
        "      - { by: truong-phong-ldtbxh, on: '2024-07-23' }",
        "      - { by: ke-toan-truong-ldtbxh, on: '2024-07-23' }",
      ),
    );
    const { problems } = await loadDataSet(dir);
    // One capacity signs once (she holds only the chief accountant's).
    expect(where(problems)).toEqual([
      'payments.yaml: payments[0].signatures[1].capacity EXPENDITURE.ALREADY_SIGNED',
    ]);
  });

  it('refuses a claim above the norm, at the claim’s item, and what follows it is not tried', async () => {
    const dir = payments((t) =>
      t
        .replace("amount: '1400000'", "amount: '1500000'")
        .replace(
          "{ kind: per_diem, amount: '800000', persons: 2, days: 2 }",
          "{ kind: per_diem, amount: '900000', persons: 2, days: 2 }",
        ),
    );
    const { problems } = await loadDataSet(dir);
    expect(where(problems)).toEqual([
      'payments.yaml: payments[1].normClaim.items[0] BUDGET.EXCEEDS_SPENDING_NORM',
    ]);
  });

  it('refuses a payment naming no plan activity once the plan is in force, and a person not in people.yaml', async () => {
    const dir = payments((t) =>
      t
        .replace('    activity: DA6.TDA2-pano\n', '')
        .replace(
          "      - { by: truong-phong-ldtbxh, on: '2024-08-08' }",
          "      - { by: khong-co-ai, on: '2024-08-08' }",
        )
        .replace(
          '      - { by: truong-phong-ldtbxh, capacity: account_holder',
          '      - { by: khong-co-ai, capacity: account_holder',
        ),
    );
    const { problems } = await loadDataSet(dir);
    expect(where(problems)).toEqual([
      'payments.yaml: payments[1].signatures[1].by IMPORT.UNKNOWN_PERSON',
    ]);
    const named = await loadDataSet(
      payments((t) => t.replace('    activity: DA6.TDA2-pano\n', '')),
    );
    expect(where(named.problems)).toEqual([
      'payments.yaml: payments[0].activity PLAN.ACTIVITY_REQUIRED',
    ]);
  });
});

/** The text from the first match of `from` on, with each line's "# " removed. */
function uncomment(from: RegExp): (text: string) => string {
  return (t) => {
    const at = t.search(from);
    return t.slice(0, at) + t.slice(at).replace(/^( *)# ?/gm, '$1');
  };
}

/** The example's commented-out 812/QĐ-UBND of 20/11/2024, and an extension citing it. */
function withExtension(extension: string): Readonly<Record<string, (text: string) => string>> {
  return {
    [DATA_FILES.documents]: uncomment(/ {2}# - number: 812/),
    [DATA_FILES.lines]: (t) => `${t.trimEnd()}\nextensions:\n${extension}`,
  };
}

/** The extension's one item, naming DA7.TDA1 of `fundSource`/`sourceYear`. */
function extension(fields: string, line = 'fundSource: central, sourceYear: 2023'): string {
  return (
    `  - decision: 812/QĐ-UBND\n${fields}` +
    `    lines:\n      - { programPart: DA7.TDA1, ${line}, unit: LDTBXH }\n`
  );
}

describe('a deadline extension in the data set (gia hạn, as POST /carry-over-extensions)', () => {
  it('takes a decision moving a carried-over line’s deadline later, on the decision’s date', async () => {
    const dir = copy(withExtension(extension("    deadline: '2025-06-30'\n")));

    const { dataSet, problems } = await loadDataSet(dir);

    expect(problems).toEqual([]);
    expect(dataSet?.lines?.extensions).toEqual([
      {
        decision: '812/QĐ-UBND',
        deadline: '2025-06-30',
        lines: [
          { programPart: 'DA7.TDA1', fundSource: 'central', sourceYear: 2023, unit: 'LDTBXH' },
        ],
      },
    ]);
  });

  it('takes the example commented out at the end of budget-lines.yaml and documents.yaml', async () => {
    const dir = copy({
      [DATA_FILES.documents]: uncomment(/ {2}# - number: 812/),
      [DATA_FILES.lines]: uncomment(/^# extensions:/m),
    });

    const { dataSet, problems } = await loadDataSet(dir);

    expect(problems).toEqual([]);
    expect(dataSet?.lines?.extensions?.[0]).toMatchObject({
      decision: '812/QĐ-UBND',
      deadline: '2025-06-30',
      illustrative: true,
    });
  });

  it.each([
    [
      'a line of current-year money',
      extension("    deadline: '2025-06-30'\n", 'fundSource: central, sourceYear: 2024'),
      'extensions[0].lines[0] BUDGET.NO_CARRY_OVER_DEADLINE',
    ],
    [
      'a line the ledger does not have',
      extension("    deadline: '2025-06-30'\n", 'fundSource: district, sourceYear: 2023'),
      'extensions[0].lines[0] BUDGET.LINE_NOT_FOUND',
    ],
    [
      'a deadline not later than the current one',
      extension("    deadline: '2024-12-31'\n"),
      'extensions[0].deadline BUDGET.DEADLINE_NOT_LATER',
    ],
    [
      'an extension dated after the deadline, the decision not covering lapsed money',
      extension("    deadline: '2025-06-30'\n    effectiveDate: '2025-02-10'\n"),
      'extensions[0].coversLapsed BUDGET.CARRY_OVER_ALREADY_LAPSED',
    ],
    [
      'a decision issued after the extension’s effective date',
      extension("    deadline: '2025-06-30'\n    effectiveDate: '2024-11-01'\n"),
      'extensions[0].decision DOCUMENT.ISSUED_AFTER',
    ],
  ])('refuses %s, at the item’s field, with the route’s code', async (_what, item, expected) => {
    const { dataSet, problems } = await loadDataSet(copy(withExtension(item)));

    expect(dataSet).toBeNull();
    expect(where(problems)).toEqual([`budget-lines.yaml: ${expected}`]);
    expect(problems[0]?.message.vi).toMatch(/[ạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựđ]/u);
    expect(problems[0]?.line).toEqual(expect.any(Number));
  });

  it('takes an extension dated after the deadline when the decision covers lapsed money', async () => {
    const item = extension(
      "    deadline: '2025-06-30'\n    effectiveDate: '2025-02-10'\n    coversLapsed: true\n",
    );

    expect((await loadDataSet(copy(withExtension(item)))).problems).toEqual([]);
  });

  it('wants the decision in documents.yaml, real dates, each line once, and some line', async () => {
    const dir = copy({
      [DATA_FILES.lines]: (t) =>
        `${t.trimEnd()}\nextensions:\n` +
        extension("    deadline: '2025-02-30'\n") +
        `      - { programPart: DA7.TDA1, fundSource: central, sourceYear: 2023, unit: LDTBXH }\n` +
        `  - decision: 812/QĐ-UBND\n    deadline: '2025-06-30'\n    lines: []\n`,
    });

    const { dataSet, problems } = await loadDataSet(dir);

    expect(dataSet).toBeNull();
    expect(where(problems)).toEqual([
      'budget-lines.yaml: extensions[0].decision IMPORT.UNKNOWN_DOCUMENT',
      'budget-lines.yaml: extensions[0].deadline IMPORT.INVALID_DATE',
      'budget-lines.yaml: extensions[0].lines[1] IMPORT.DUPLICATE',
      'budget-lines.yaml: extensions[1].decision IMPORT.UNKNOWN_DOCUMENT',
      'budget-lines.yaml: extensions[1].lines IMPORT.SCHEMA',
    ]);
  });
});
