import { BUSINESS_DATES, parseBusinessDate } from '../shared/dates';
import { DomainError } from '../shared/domain-error';
import { textProblem } from '../shared/text';
import type { DocumentNumber } from '../shared/document-number';
import { parseDocumentReference } from './document-reference';

/*
 * Commands normally arrive through validated DTOs, but a decider is also fed by imports
 * and the CLI, so it re-checks what it relies on. Every refusal names its field.
 */

export function requireText(value: string, field: string): string {
  const text = typeof value === 'string' ? value.trim() : '';
  if (text === '') {
    throw new DomainError(
      'VALIDATION.REQUIRED',
      'validation',
      { vi: `${field}: không được để trống`, en: `${field}: is required` },
      { field },
    );
  }
  const problem = textProblem(text);
  if (problem === 'control') {
    throw new DomainError(
      'VALIDATION.CONTROL_CHARACTER',
      'validation',
      {
        vi: `${field}: chứa ký tự điều khiển hoặc ký tự đảo chiều không được phép`,
        en: `${field}: holds control or bidirectional-override characters`,
      },
      { field },
    );
  }
  if (problem === 'invisible') {
    throw new DomainError(
      'VALIDATION.INVISIBLE_TEXT',
      'validation',
      {
        vi: `${field}: phải có ít nhất một ký tự nhìn thấy được`,
        en: `${field}: must hold at least one visible character`,
      },
      { field },
    );
  }
  return text;
}

export function requireOneOf<T extends string>(
  value: string,
  allowed: readonly T[],
  field: string,
): T {
  const found = allowed.find((candidate) => candidate === value);
  if (found === undefined) {
    throw new DomainError(
      'VALIDATION.NOT_ALLOWED',
      'validation',
      {
        vi: `${field}: giá trị "${value}" không hợp lệ (chấp nhận: ${allowed.join(', ')})`,
        en: `${field}: "${value}" is not allowed (one of: ${allowed.join(', ')})`,
      },
      { field, value: String(value), allowed: allowed.join(',') },
    );
  }
  return found;
}

/**
 * A business date, its refusal naming the field (parseBusinessDate's own refusal does).
 * A month or day out of range ("2024-13-01") is refused the same way: isDateWithin tests
 * the Date before reading it, so no RangeError escapes.
 */
export function requireDate(
  text: string,
  field: string,
  window: { readonly from: string; readonly to: string } = BUSINESS_DATES,
): string {
  return parseBusinessDate(text, field, window);
}

/** Validity dates are inclusive; an open end (null) means "until changed". */
export function requireValidity(validFrom: string, validTo: string | null): void {
  requireDate(validFrom, 'validFrom');
  if (validTo === null) return;
  requireDate(validTo, 'validTo');
  if (validTo < validFrom) {
    throw new DomainError(
      'VALIDATION.VALIDITY_RANGE',
      'validation',
      {
        vi: `validTo: ngày hết hiệu lực ${validTo} trước ngày bắt đầu ${validFrom}`,
        en: `validTo: end of validity ${validTo} is before its start ${validFrom}`,
      },
      { field: 'validTo', validFrom, validTo },
    );
  }
}

/** A document number, checked and trimmed; the refusal names the field in its details. */
export function requireDocumentNumber(text: string, field: string): DocumentNumber {
  return parseDocumentReference(text, field);
}

/** A list of cited document numbers (legal basis), each checked, trimmed and kept in order. */
export function requireDocumentNumbers(numbers: readonly string[], field: string): string[] {
  return numbers.map((number, index) => requireDocumentNumber(number, `${field}[${index}]`).text);
}
