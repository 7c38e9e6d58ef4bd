import { HttpStatus, ValidationPipe, type ValidationError } from '@nestjs/common';
import {
  registerDecorator,
  type ValidationArguments,
  type ValidationOptions,
} from 'class-validator';
import {
  BUSINESS_DATES,
  DOCUMENT_DATES,
  isDateWithin,
  type Messages,
  textProblem,
} from '@app/budgeting';
import { type FieldProblem, ProblemException } from './problem';
import { memoiseValidationMetadata } from './validation-metadata-cache';

/** Whole đồng as a decimal string: no sign, no fraction, no leading zero. */
const MONEY_DIGITS = /^(0|[1-9]\d*)$/;
/** 999 999 999 999 999 999: the contract's largest amount has 18 digits. */
const MONEY_MAX_DIGITS = 18;

export function isMoneyString(value: unknown): value is string {
  return typeof value === 'string' && MONEY_DIGITS.test(value) && value.length <= MONEY_MAX_DIGITS;
}

/** A `YYYY-MM-DD` that exists in the calendar (2024-02-30 does not), within 2000–2100. */
export function isBusinessDate(value: unknown): value is string {
  return isDateWithin(value, BUSINESS_DATES);
}

/**
 * An amount of whole đồng as the contract sends it: a decimal string up to
 * 999999999999999999. A JSON number is refused (money never travels as a float).
 * Two constraints so that a too-large amount gets its own code (as `parseMoney` does).
 */
export function IsMoneyString(options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) => {
    registerDecorator({
      name: 'isMoneyString',
      target: target.constructor,
      propertyName: propertyName as string,
      ...(options ? { options } : {}),
      validator: {
        validate: (value: unknown) => typeof value === 'string' && MONEY_DIGITS.test(value),
        defaultMessage: (args?: ValidationArguments) =>
          `${args?.property ?? 'amount'} must be a string of whole đồng without sign or fraction, e.g. "378000000"`,
      },
    });
    registerDecorator({
      name: 'moneyWithinLimit',
      target: target.constructor,
      propertyName: propertyName as string,
      ...(options ? { options } : {}),
      validator: {
        // Only judges well-formed amounts; the format constraint reports the others.
        validate: (value: unknown) =>
          typeof value !== 'string' ||
          !MONEY_DIGITS.test(value) ||
          value.length <= MONEY_MAX_DIGITS,
        defaultMessage: (args?: ValidationArguments) =>
          `${args?.property ?? 'amount'} must not exceed 999999999999999999`,
      },
    });
  };
}

function dateDecorator(
  name: 'isBusinessDate' | 'isDocumentDate',
  window: { readonly from: string; readonly to: string },
  options?: ValidationOptions,
): PropertyDecorator {
  return (target: object, propertyName: string | symbol) => {
    registerDecorator({
      name,
      target: target.constructor,
      propertyName: propertyName as string,
      constraints: [window.from, window.to],
      ...(options ? { options } : {}),
      validator: {
        validate: (value: unknown) => isDateWithin(value, window),
        defaultMessage: (args?: ValidationArguments) =>
          `${args?.property ?? 'date'} must be a real calendar date YYYY-MM-DD from ${window.from} to ${window.to}`,
      },
    });
  };
}

/** A business date `YYYY-MM-DD` that exists in the calendar, within 2000-01-01 … 2100-12-31. */
export function IsBusinessDate(options?: ValidationOptions): PropertyDecorator {
  return dateDecorator('isBusinessDate', BUSINESS_DATES, options);
}

/** A document's date of issue: older documents are cited too (from 1945-09-02). */
export function IsDocumentDate(options?: ValidationOptions): PropertyDecorator {
  return dateDecorator('isDocumentDate', DOCUMENT_DATES, options);
}

/**
 * Free text that shows something and hides nothing: no control or bidirectional-override
 * characters, not only spaces or zero-width characters (libs/budgeting/src/shared/text.ts).
 */
export function IsVisibleText(options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) => {
    registerDecorator({
      name: 'isVisibleText',
      target: target.constructor,
      propertyName: propertyName as string,
      ...(options ? { options } : {}),
      validator: {
        validate: (value: unknown) =>
          typeof value !== 'string' || value === '' || textProblem(value) === null,
        defaultMessage: (args?: ValidationArguments) =>
          `${args?.property ?? 'text'} must show a visible character and hold no control characters`,
      },
    });
  };
}

type Describe = (field: string, detail: string) => Messages;

/** Stable codes where the constraint's own name would read badly or differs from the domain's. */
const CODE_BY_CONSTRAINT: Readonly<Record<string, string>> = {
  whitelistValidation: 'UNKNOWN_FIELD',
  isMoneyString: 'AMOUNT',
  moneyWithinLimit: 'AMOUNT_TOO_LARGE',
  isBusinessDate: 'DATE',
  isDocumentDate: 'DATE',
  isVisibleText: 'TEXT',
  nestedValidation: 'NESTED',
  unknownValue: 'UNKNOWN_VALUE',
};

/** The number in class-validator's English message ("…shorter than or equal to 200 characters"). */
const numberIn = (detail: string): string => /(-?\d+(?:\.\d+)?)/.exec(detail)?.[1] ?? '?';
/** The list after the colon ("…one of the following values: a, b"). */
const listIn = (detail: string): string => detail.split(': ').slice(1).join(': ') || '?';

const MESSAGES: Readonly<Record<string, Describe>> = {
  whitelistValidation: (f) => ({ vi: `${f}: trường không được phép`, en: `${f}: unknown field` }),
  unknownValue: () => ({
    vi: 'Nội dung yêu cầu phải là một đối tượng JSON',
    en: 'the body must be a JSON object',
  }),
  nestedValidation: (f) => ({
    vi: `${f}: phải là một đối tượng`,
    en: `${f}: must be an object`,
  }),
  isDefined: (f) => ({ vi: `${f}: bắt buộc phải có`, en: `${f}: is required` }),
  isNotEmpty: (f) => ({ vi: `${f}: không được để trống`, en: `${f}: must not be empty` }),
  isString: (f) => ({ vi: `${f}: phải là chuỗi ký tự`, en: `${f}: must be a string` }),
  isBoolean: (f) => ({ vi: `${f}: phải là true hoặc false`, en: `${f}: must be a boolean` }),
  isInt: (f) => ({ vi: `${f}: phải là số nguyên`, en: `${f}: must be an integer` }),
  isNumber: (f) => ({ vi: `${f}: phải là số`, en: `${f}: must be a number` }),
  isPositive: (f) => ({ vi: `${f}: phải là số dương`, en: `${f}: must be positive` }),
  min: (f, d) => ({
    vi: `${f}: không được nhỏ hơn ${numberIn(d)}`,
    en: `${f}: must not be less than ${numberIn(d)}`,
  }),
  max: (f, d) => ({
    vi: `${f}: không được lớn hơn ${numberIn(d)}`,
    en: `${f}: must not be greater than ${numberIn(d)}`,
  }),
  maxLength: (f, d) => ({
    vi: `${f}: không được dài quá ${numberIn(d)} ký tự`,
    en: `${f}: must be at most ${numberIn(d)} characters`,
  }),
  minLength: (f, d) => ({
    vi: `${f}: phải có ít nhất ${numberIn(d)} ký tự`,
    en: `${f}: must be at least ${numberIn(d)} characters`,
  }),
  matches: (f) => ({ vi: `${f}: không đúng định dạng`, en: `${f}: has the wrong format` }),
  isIn: (f, d) => ({
    vi: `${f}: phải là một trong các giá trị: ${listIn(d)}`,
    en: `${f}: must be one of: ${listIn(d)}`,
  }),
  isEnum: (f, d) => ({
    vi: `${f}: phải là một trong các giá trị: ${listIn(d)}`,
    en: `${f}: must be one of: ${listIn(d)}`,
  }),
  isDateString: (f) => ({
    vi: `${f}: phải là ngày theo định dạng YYYY-MM-DD`,
    en: `${f}: must be a date YYYY-MM-DD`,
  }),
  isIso8601: (f) => ({
    vi: `${f}: phải là thời điểm theo ISO 8601`,
    en: `${f}: must be an ISO 8601 date or instant`,
  }),
  isUuid: (f) => ({ vi: `${f}: phải là UUID`, en: `${f}: must be a UUID` }),
  isArray: (f) => ({ vi: `${f}: phải là một danh sách`, en: `${f}: must be an array` }),
  isObject: (f) => ({ vi: `${f}: phải là một đối tượng`, en: `${f}: must be an object` }),
  arrayNotEmpty: (f) => ({ vi: `${f}: danh sách không được rỗng`, en: `${f}: must not be empty` }),
  arrayMinSize: (f, d) => ({
    vi: `${f}: phải có ít nhất ${numberIn(d)} phần tử`,
    en: `${f}: must have at least ${numberIn(d)} items`,
  }),
  arrayMaxSize: (f, d) => ({
    vi: `${f}: không được quá ${numberIn(d)} phần tử`,
    en: `${f}: must have at most ${numberIn(d)} items`,
  }),
  isMoneyString: (f) => ({
    vi: `${f}: số tiền phải là chuỗi số nguyên đồng không âm, không có phần thập phân, ví dụ "378000000"`,
    en: `${f}: must be a string of whole đồng without sign or fraction, e.g. "378000000"`,
  }),
  moneyWithinLimit: (f) => ({
    vi: `${f}: số tiền vượt quá 999.999.999.999.999.999 đồng`,
    en: `${f}: must not exceed 999999999999999999 đồng`,
  }),
  isBusinessDate: (f) => ({
    vi: `${f}: ngày không hợp lệ (định dạng YYYY-MM-DD, phải là ngày có thật, từ năm 2000 đến 2100)`,
    en: `${f}: invalid date (format YYYY-MM-DD, must exist in the calendar, years 2000–2100)`,
  }),
  isDocumentDate: (f) => ({
    vi: `${f}: ngày không hợp lệ (định dạng YYYY-MM-DD, phải là ngày có thật, từ 02/9/1945 đến năm 2100)`,
    en: `${f}: invalid date (format YYYY-MM-DD, must exist in the calendar, from 1945-09-02 to 2100)`,
  }),
  isVisibleText: (f) => ({
    vi: `${f}: phải có ký tự nhìn thấy được và không chứa ký tự điều khiển hay ký tự đảo chiều`,
    en: `${f}: must show a visible character and hold no control or bidirectional-override characters`,
  }),
};

function codeOf(constraint: string): string {
  const suffix =
    CODE_BY_CONSTRAINT[constraint] ??
    constraint
      .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
      .replace(/[^A-Za-z0-9]+/g, '_')
      .toUpperCase();
  return `VALIDATION.${suffix}`;
}

function describe(constraint: string, field: string, detail: string): Messages {
  const known = MESSAGES[constraint];
  if (known) return known(field, detail);
  return {
    vi: `${field}: giá trị không hợp lệ (${constraint})`,
    en: detail || `${field}: invalid value`,
  };
}

/** Every problem of the tree, nested ones included, each with its dotted path. */
export function flattenValidationErrors(
  errors: readonly ValidationError[],
  parent = '',
): FieldProblem[] {
  const problems: FieldProblem[] = [];
  for (const error of errors) {
    const field =
      parent && error.property ? `${parent}.${error.property}` : parent || error.property;
    for (const [constraint, detail] of Object.entries(error.constraints ?? {})) {
      problems.push({
        field,
        code: codeOf(constraint),
        message: describe(constraint, field || 'body', detail),
      });
    }
    if (error.children && error.children.length > 0) {
      problems.push(...flattenValidationErrors(error.children, field));
    }
  }
  return problems;
}

export function validationFailed(errors: readonly FieldProblem[]): ProblemException {
  const fields = [...new Set(errors.map((e) => e.field))].join(', ');
  return new ProblemException(
    HttpStatus.BAD_REQUEST,
    'VALIDATION.FAILED',
    {
      vi: `Yêu cầu không hợp lệ (${errors.length} lỗi: ${fields})`,
      en: `Invalid request (${errors.length} problem(s): ${fields})`,
    },
    errors,
  );
}

/**
 * The global pipe: unknown fields refused (never silently dropped), no implicit type
 * conversion (a number is not an amount string), every problem listed at once.
 */
export function createValidationPipe(): ValidationPipe {
  memoiseValidationMetadata();
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    validationError: { target: false, value: false },
    exceptionFactory: (errors: ValidationError[]) =>
      validationFailed(flattenValidationErrors(errors)),
  });
}
