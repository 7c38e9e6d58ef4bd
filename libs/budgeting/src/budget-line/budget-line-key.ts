import { DomainError } from '../shared/domain-error';

export const FUND_SOURCES = ['central', 'provincial', 'district'] as const;
export type FundSource = (typeof FUND_SOURCES)[number];

/**
 * What identifies a budget line: fiscal year, program part, fund source, source year
 * (2023 for carried-over money spent in 2024) and spending unit.
 */
export interface BudgetLineKey {
  readonly fiscalYear: number;
  readonly programPart: string;
  readonly fundSource: FundSource;
  readonly sourceYear: number;
  readonly unit: string;
}

const PROGRAM_PART = /^DA\d+(\.TDA\d+)?(\.ND\d+)?$/;
const UNIT = /^[A-Z0-9_-]{2,40}$/;

function invalid(field: string, vi: string, en: string): DomainError {
  return new DomainError(
    'VALIDATION.BUDGET_LINE_KEY',
    'validation',
    { vi: `${field}: ${vi}`, en: `${field}: ${en}` },
    { field },
  );
}

export function validateBudgetLineKey(key: BudgetLineKey): BudgetLineKey {
  if (!Number.isInteger(key.fiscalYear) || key.fiscalYear < 2000 || key.fiscalYear > 2100) {
    throw invalid('fiscalYear', 'năm ngân sách không hợp lệ', 'invalid fiscal year');
  }
  if (!PROGRAM_PART.test(key.programPart)) {
    throw invalid(
      'programPart',
      'mã dự án/tiểu dự án không hợp lệ (ví dụ DA7.TDA1)',
      'invalid program part (e.g. DA7.TDA1)',
    );
  }
  if (!FUND_SOURCES.includes(key.fundSource)) {
    throw invalid(
      'fundSource',
      'nguồn vốn phải là central, provincial hoặc district',
      'fund source must be central, provincial or district',
    );
  }
  if (
    !Number.isInteger(key.sourceYear) ||
    key.sourceYear > key.fiscalYear ||
    key.sourceYear < key.fiscalYear - 5
  ) {
    throw invalid(
      'sourceYear',
      'năm nguồn phải không sau năm ngân sách',
      'source year must not be after the fiscal year',
    );
  }
  if (!UNIT.test(key.unit)) throw invalid('unit', 'mã đơn vị không hợp lệ', 'invalid unit code');
  return key;
}

/** Readable and stable: `2024.DA7.TDA1.central.2024.LDTBXH`. */
export function budgetLineId(key: BudgetLineKey): string {
  return `${key.fiscalYear}.${key.programPart}.${key.fundSource}.${key.sourceYear}.${key.unit}`;
}

export function parseBudgetLineId(id: string): BudgetLineKey {
  const match =
    /^(\d{4})\.(DA\d+(?:\.TDA\d+)?(?:\.ND\d+)?)\.(central|provincial|district)\.(\d{4})\.([A-Z0-9_-]{2,40})$/.exec(
      id,
    );
  if (!match)
    throw invalid(
      'budgetLineId',
      `mã dòng ngân sách không hợp lệ "${id}"`,
      `invalid budget line id "${id}"`,
    );
  const [, fy, part, source, sy, unit] = match;
  return validateBudgetLineKey({
    fiscalYear: Number(fy),
    programPart: part ?? '',
    fundSource: source as FundSource,
    sourceYear: Number(sy),
    unit: unit ?? '',
  });
}

export function budgetLineStreamId(id: string): string {
  return `budget-line-${id}`;
}

/** Money carried over from an earlier year's estimate. */
export function isCarriedOver(key: BudgetLineKey): boolean {
  return key.sourceYear < key.fiscalYear;
}
