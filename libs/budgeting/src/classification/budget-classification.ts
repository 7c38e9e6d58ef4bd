import { DomainError } from '../shared/domain-error';
import { formatVietnameseDate } from '../shared/dates';
import {
  BUDGET_CODE_TABLE,
  findBudgetCode,
  isInForce,
  type BudgetCode,
  type BudgetCodeKind,
} from './budget-codes';

/**
 * How a budget line is classified for the Treasury (mục lục NSNN): the estimate is
 * assigned and reported per chương, loại–khoản, program code and budget source, so a
 * line carries these four; a payment adds its tiểu mục (`economicCode`).
 */
export interface LineClassification {
  /** Chương (3 digits). */
  readonly chapter: string;
  /** Khoản of loại–khoản, the Treasury's "mã ngành kinh tế" (3 digits). */
  readonly sector: string;
  /** Mã chương trình mục tiêu quốc gia (4 digits). */
  readonly program: string;
  /** Mã nguồn NSNN of the Treasury (2 digits). */
  readonly source: string;
}

export const CLASSIFICATION_FIELDS = ['chapter', 'sector', 'program', 'source'] as const;

const KIND_OF: Record<(typeof CLASSIFICATION_FIELDS)[number], BudgetCodeKind> = {
  chapter: 'chapter',
  sector: 'sector',
  program: 'program',
  source: 'source',
};

const KIND_LABEL: Record<BudgetCodeKind, { vi: string; en: string }> = {
  chapter: { vi: 'chương', en: 'chapter' },
  sector: { vi: 'loại–khoản', en: 'sector (loại–khoản)' },
  program: { vi: 'mã chương trình mục tiêu quốc gia', en: 'national target program code' },
  source: { vi: 'mã nguồn ngân sách', en: 'budget source code' },
  item: { vi: 'mục', en: 'item (mục)' },
  subItem: { vi: 'tiểu mục', en: 'sub-item (tiểu mục)' },
};

export const classificationErrors = {
  unknown: (field: string, kind: BudgetCodeKind, code: string) =>
    new DomainError(
      'BUDGET.CLASSIFICATION_UNKNOWN_CODE',
      'validation',
      {
        vi: `${field}: "${code}" không có trong bảng mục lục ngân sách (${KIND_LABEL[kind].vi}) của phần mềm`,
        en: `${field}: "${code}" is not in the product's budget index table (${KIND_LABEL[kind].en})`,
      },
      { field, code },
    ),
  notInForce: (field: string, found: BudgetCode, on: string) =>
    new DomainError(
      'BUDGET.CLASSIFICATION_NOT_IN_FORCE',
      'validation',
      {
        vi: `${field}: mã ${found.code} (${KIND_LABEL[found.kind].vi}) không có hiệu lực ngày ${formatVietnameseDate(on)} (hiệu lực từ ${formatVietnameseDate(found.validFrom)}${found.validTo ? ` đến ${formatVietnameseDate(found.validTo)}` : ''}, theo ${found.source})`,
        en: `${field}: code ${found.code} (${KIND_LABEL[found.kind].en}) is not in force on ${on} (in force from ${found.validFrom}${found.validTo ? ` to ${found.validTo}` : ''}, per ${found.source})`,
      },
      { field, code: found.code, on },
    ),
  programMismatch: (field: string, found: BudgetCode, programPart: string) =>
    new DomainError(
      'BUDGET.CLASSIFICATION_PROGRAM_MISMATCH',
      'validation',
      {
        vi: `${field}: mã ${found.code} là của ${found.programPart ?? ''}, không phải của ${programPart}`,
        en: `${field}: code ${found.code} belongs to ${found.programPart ?? ''}, not to ${programPart}`,
      },
      { field, code: found.code, programPart },
    ),
  conflict: (current: LineClassification, requested: LineClassification) =>
    new DomainError(
      'BUDGET.CLASSIFICATION_CONFLICT',
      'conflict',
      {
        vi: `classification: dòng ngân sách đã được phân loại ${describeClassification(current)}, không đổi sang ${describeClassification(requested)}`,
        en: `classification: the line is already classified ${describeClassification(current)}, not ${describeClassification(requested)}`,
      },
      { field: 'classification' },
    ),
};

/** "chương 622, khoản 398, CTMTQG 0356, nguồn 12": as a Treasury statement names a row. */
export function describeClassification(c: LineClassification): string {
  return `chương ${c.chapter}, khoản ${c.sector}, CTMTQG ${c.program}, nguồn ${c.source}`;
}

function codeInForce(
  field: string,
  kind: BudgetCodeKind,
  code: string,
  on: string,
  codes: readonly BudgetCode[],
): BudgetCode {
  const found = findBudgetCode(kind, code, codes);
  if (!found) throw classificationErrors.unknown(field, kind, code);
  if (!isInForce(found, on)) throw classificationErrors.notInForce(field, found, on);
  return found;
}

/**
 * Every code of a line's classification must be in the table and in force on the
 * command's date; a program code of one project (`DA6`) fits only that project's lines.
 */
export function validateLineClassification(
  classification: LineClassification,
  programPart: string,
  on: string,
  codes: readonly BudgetCode[] = BUDGET_CODE_TABLE.codes,
): LineClassification {
  for (const field of CLASSIFICATION_FIELDS) {
    const found = codeInForce(
      `classification.${field}`,
      KIND_OF[field],
      classification[field],
      on,
      codes,
    );
    const part = found.programPart;
    if (field === 'program' && part && programPart !== part && !programPart.startsWith(`${part}.`))
      throw classificationErrors.programMismatch(`classification.${field}`, found, programPart);
  }
  return classification;
}

/** A payment's tiểu mục: in the table and in force on the payment's date. */
export function validateEconomicCode(
  code: string,
  on: string,
  codes: readonly BudgetCode[] = BUDGET_CODE_TABLE.codes,
): string {
  return codeInForce('economicCode', 'subItem', code, on, codes).code;
}

export function sameClassification(a: LineClassification, b: LineClassification): boolean {
  return CLASSIFICATION_FIELDS.every((field) => a[field] === b[field]);
}
