import type { DomainError } from '../shared/domain-error';
import {
  validateEconomicCode,
  validateLineClassification,
  type LineClassification,
} from './budget-classification';
import { BUDGET_CODE_TABLE, type BudgetCode } from './budget-codes';

const ba_to: LineClassification = { chapter: '622', sector: '398', program: '0357', source: '12' };

function refusal(run: () => unknown): DomainError {
  try {
    run();
  } catch (error) {
    return error as DomainError;
  }
  throw new Error('expected a refusal');
}

describe('the budget code table shipped with the product', () => {
  it('names a source document and validity for every code, and says whether it was verified', () => {
    const documents = new Set(BUDGET_CODE_TABLE.sources.map((s) => s.document));
    for (const code of BUDGET_CODE_TABLE.codes) {
      expect(code.name.length).toBeGreaterThan(0);
      expect(code.validFrom).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(typeof code.verified).toBe('boolean');
      if (code.source.includes('/TT-BTC')) expect(documents).toContain(code.source);
    }
  });

  it('holds no code twice for the same kind', () => {
    const keys = BUDGET_CODE_TABLE.codes.map((c) => `${c.kind}:${c.code}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('files every tiểu mục under a mục of the table', () => {
    const items = new Set(
      BUDGET_CODE_TABLE.codes.filter((c) => c.kind === 'item').map((c) => c.code),
    );
    for (const sub of BUDGET_CODE_TABLE.codes.filter((c) => c.kind === 'subItem')) {
      expect(items).toContain(sub.parent);
    }
  });

  it('marks every placeholder number as unverified, with a note saying so', () => {
    for (const code of BUDGET_CODE_TABLE.codes.filter((c) => c.placeholder)) {
      expect(code.verified).toBe(false);
      expect(code.note).toMatch(/GIỮ CHỖ|PLACEHOLDER/);
    }
  });
});

describe('validating a line classification', () => {
  it('accepts codes in the table and in force on the date', () => {
    expect(validateLineClassification(ba_to, 'DA7.TDA1', '2024-03-25')).toEqual(ba_to);
  });

  it('refuses a code not in the table, naming the field in both languages', () => {
    const error = refusal(() =>
      validateLineClassification({ ...ba_to, sector: '999' }, 'DA7.TDA1', '2024-03-25'),
    );
    expect(error.code).toBe('BUDGET.CLASSIFICATION_UNKNOWN_CODE');
    expect(error.kind).toBe('validation');
    expect(error.details).toEqual({ field: 'classification.sector', code: '999' });
    expect(error.messages.vi).toContain('classification.sector');
    expect(error.messages.en).toContain('classification.sector');
  });

  it('refuses a code not yet in force on the date', () => {
    // The 2021–2025 program codes came with 51/2022/TT-BTC.
    const error = refusal(() => validateLineClassification(ba_to, 'DA7.TDA1', '2022-01-10'));
    expect(error.code).toBe('BUDGET.CLASSIFICATION_NOT_IN_FORCE');
    expect(error.details).toEqual({
      field: 'classification.program',
      code: '0357',
      on: '2022-01-10',
    });
    expect(error.messages.vi).toContain('10/1/2022');
  });

  it('refuses a code no longer in force', () => {
    const ended: BudgetCode[] = BUDGET_CODE_TABLE.codes.map((c) =>
      c.kind === 'sector' && c.code === '398' ? { ...c, validTo: '2023-12-31' } : c,
    );
    const error = refusal(() => validateLineClassification(ba_to, 'DA7.TDA1', '2024-01-01', ended));
    expect(error.code).toBe('BUDGET.CLASSIFICATION_NOT_IN_FORCE');
    expect(error.details.field).toBe('classification.sector');
  });

  it("refuses another project's program code", () => {
    const error = refusal(() =>
      validateLineClassification({ ...ba_to, program: '0356' }, 'DA7.TDA2', '2024-03-25'),
    );
    expect(error.code).toBe('BUDGET.CLASSIFICATION_PROGRAM_MISMATCH');
    expect(error.details).toEqual({
      field: 'classification.program',
      code: '0356',
      programPart: 'DA7.TDA2',
    });
  });

  it('accepts the whole program’s code on any of its parts', () => {
    const whole = { ...ba_to, program: '0350' };
    expect(validateLineClassification(whole, 'DA6.TDA2', '2024-03-25')).toEqual(whole);
  });

  it('refuses a mục where a tiểu mục is due on a payment', () => {
    expect(validateEconomicCode('6702', '2024-05-10')).toBe('6702');
    const error = refusal(() => validateEconomicCode('6700', '2024-05-10'));
    expect(error.code).toBe('BUDGET.CLASSIFICATION_UNKNOWN_CODE');
    expect(error.details).toEqual({ field: 'economicCode', code: '6700' });
  });
});
