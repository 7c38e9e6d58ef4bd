import { refusalOf } from '@app/testing/decider';
import {
  budgetLineId,
  budgetLineStreamId,
  isCarriedOver,
  parseBudgetLineId,
  validateBudgetLineKey,
  type BudgetLineKey,
} from './budget-line-key';
import { key } from './testing/budget-line.fixture';

describe('budget line identity', () => {
  it('is written year.part.source.sourceYear.unit, and read back', () => {
    expect(budgetLineId(key)).toBe('2024.DA7.TDA1.central.2024.LDTBXH');
    expect(parseBudgetLineId('2024.DA7.TDA1.central.2024.LDTBXH')).toEqual(key);
    const deep = {
      ...key,
      programPart: 'DA1.TDA2.ND3',
      fundSource: 'district' as const,
      unit: 'TU-PHAP_2',
    };
    expect(parseBudgetLineId(budgetLineId(deep))).toEqual(deep);
    expect(budgetLineStreamId('2024.DA7.central.2024.YTE')).toBe(
      'budget-line-2024.DA7.central.2024.YTE',
    );
  });

  it('takes every fund source and a source year up to five years back', () => {
    for (const fundSource of ['central', 'provincial', 'district'] as const) {
      expect(validateBudgetLineKey({ ...key, fundSource })).toEqual({ ...key, fundSource });
    }
    expect(validateBudgetLineKey({ ...key, sourceYear: 2019 })).toMatchObject({ sourceYear: 2019 });
    expect(validateBudgetLineKey({ ...key, fiscalYear: 2000, sourceYear: 2000 })).toBeDefined();
    expect(validateBudgetLineKey({ ...key, fiscalYear: 2100, sourceYear: 2100 })).toBeDefined();
  });

  it('refuses each part that is not one, naming the field', () => {
    const cases: [Partial<BudgetLineKey>, string][] = [
      [{ fiscalYear: 1999, sourceYear: 1999 }, 'fiscalYear'],
      [{ fiscalYear: 2101, sourceYear: 2101 }, 'fiscalYear'],
      [{ fiscalYear: 2024.5 }, 'fiscalYear'],
      [{ programPart: 'DA7.' }, 'programPart'],
      [{ programPart: 'da7' }, 'programPart'],
      [{ programPart: 'DA7.ND1.TDA1' }, 'programPart'],
      [{ programPart: 'XDA7' }, 'programPart'],
      [{ fundSource: 'world-bank' as BudgetLineKey['fundSource'] }, 'fundSource'],
      [{ sourceYear: 2025 }, 'sourceYear'],
      [{ sourceYear: 2018 }, 'sourceYear'],
      [{ sourceYear: 2023.5 }, 'sourceYear'],
      [{ unit: 'L' }, 'unit'],
      [{ unit: 'ldtbxh' }, 'unit'],
      [{ unit: 'A'.repeat(41) }, 'unit'],
      [{ unit: 'LĐTBXH' }, 'unit'],
    ];
    for (const [change, field] of cases) {
      const error = refusalOf(() => validateBudgetLineKey({ ...key, ...change }));
      expect({ change, code: error.code, details: error.details }).toEqual({
        change,
        code: 'VALIDATION.BUDGET_LINE_KEY',
        details: { field },
      });
      expect(error.kind).toBe('validation');
      expect(error.messages.vi.startsWith(`${field}: `)).toBe(true);
      expect(error.messages.en.startsWith(`${field}: `)).toBe(true);
    }
    expect(validateBudgetLineKey({ ...key, unit: 'A'.repeat(40) }).unit).toHaveLength(40);
  });

  it('refuses an id that does not parse, quoting it', () => {
    for (const id of [
      '',
      '2024.DA7.TDA1.central.2024',
      'x2024.DA7.TDA1.central.2024.LDTBXH',
      '2024.DA7.TDA1.central.2024.LDTBXH.',
      '2024.DA7.TDA1.other.2024.LDTBXH',
    ]) {
      const error = refusalOf(() => parseBudgetLineId(id));
      expect({ id, code: error.code, details: error.details }).toEqual({
        id,
        code: 'VALIDATION.BUDGET_LINE_KEY',
        details: { field: 'budgetLineId' },
      });
      expect(error.messages.en).toContain(`"${id}"`);
    }
    expect(refusalOf(() => parseBudgetLineId('2024.DA7.TDA1.central.2025.LDTBXH')).details).toEqual(
      {
        field: 'sourceYear',
      },
    );
  });

  it('tells carried-over money by its earlier source year', () => {
    expect(isCarriedOver(key)).toBe(false);
    expect(isCarriedOver({ ...key, sourceYear: 2023 })).toBe(true);
  });
});
