import type { Type } from '@nestjs/common';
import type { SchemaObject } from '@nestjs/swagger';
import { plainToInstance } from 'class-transformer';
import { getMetadataStorage } from 'class-validator';

type ValidationMetadata = ReturnType<
  ReturnType<typeof getMetadataStorage>['getTargetValidationMetadatas']
>[number];

/**
 * Request body schemas read from the DTOs' class-validator decorators, the rules the
 * validation pipe enforces, so the document needs no @ApiProperty copies of them (and no
 * build-time swagger plugin). A constraint not listed here is simply left out of the
 * schema; the server still enforces it.
 */

type Describe = (schema: SchemaObject, constraints: readonly unknown[]) => void;

const MONEY: SchemaObject = {
  type: 'string',
  pattern: '^(0|[1-9]\\d*)$',
  maxLength: 18,
  description: 'whole đồng as a decimal string, at most 999999999999999999',
  example: '378000000',
};

const first = (constraints: readonly unknown[]): unknown => constraints[0];
const asNumber = (value: unknown): number | undefined =>
  typeof value === 'number' ? value : undefined;

const BY_CONSTRAINT: Readonly<Record<string, Describe>> = {
  isString: (s) => void (s.type ??= 'string'),
  isNotEmpty: (s) => void (s.minLength ??= 1),
  maxLength: (s, c) => void (s.maxLength = asNumber(first(c))),
  minLength: (s, c) => void (s.minLength = asNumber(first(c))),
  matches: (s, c) => {
    const pattern = first(c);
    s.type ??= 'string';
    if (pattern instanceof RegExp) s.pattern = pattern.source;
    else if (typeof pattern === 'string') s.pattern = pattern;
  },
  isIn: (s, c) => {
    const values = first(c);
    if (!Array.isArray(values)) return;
    s.enum = [...(values as unknown[])];
    const types = new Set(s.enum.map((v) => typeof v));
    if (types.size === 1 && (types.has('string') || types.has('number'))) {
      s.type ??= types.has('string') ? 'string' : 'number';
    }
  },
  isInt: (s) => void (s.type = 'integer'),
  isNumber: (s) => void (s.type = 'number'),
  isBoolean: (s) => void (s.type = 'boolean'),
  min: (s, c) => void (s.minimum = asNumber(first(c))),
  max: (s, c) => void (s.maximum = asNumber(first(c))),
  isPositive: (s) => {
    s.minimum = 0;
    s.exclusiveMinimum = true;
  },
  isUuid: (s) => {
    s.type = 'string';
    s.format = 'uuid';
  },
  isDateString: (s) => {
    s.type = 'string';
    s.format = 'date-time';
  },
  isIso8601: (s) => {
    s.type = 'string';
    s.format = 'date-time';
  },
  isBusinessDate: (s) => {
    s.type = 'string';
    s.format = 'date';
    s.example ??= '2024-03-19';
  },
  isDocumentDate: (s) => {
    s.type = 'string';
    s.format = 'date';
    s.example ??= '2022-01-18';
  },
  isVisibleText: (s) => void (s.type = 'string'),
  isMoneyString: (s) => void Object.assign(s, MONEY),
  isObject: (s) => void (s.type = 'object'),
};

const ARRAY_CONSTRAINTS: Readonly<Record<string, Describe>> = {
  isArray: () => undefined,
  arrayNotEmpty: (s) => void (s.minItems = 1),
  arrayMinSize: (s, c) => void (s.minItems = asNumber(first(c))),
  arrayMaxSize: (s, c) => void (s.maxItems = asNumber(first(c))),
};

/** The class `@Type(() => X)` makes of a nested value, as the validation pipe will. */
function nestedClass(dto: Type, property: string, isArray: boolean): Type | undefined {
  try {
    const sample = plainToInstance(dto, { [property]: isArray ? [{}] : {} }) as Record<
      string,
      unknown
    >;
    const value: unknown = isArray
      ? (sample[property] as unknown[] | undefined)?.[0]
      : sample[property];
    const made = (value as { constructor?: unknown } | null | undefined)?.constructor;
    return typeof made === 'function' && made !== Object ? (made as Type) : undefined;
  } catch {
    return undefined;
  }
}

/** `true` for an optional property: `@IsOptional()` or `@ValidateIf(...)`. */
function isConditional(rules: readonly ValidationMetadata[]): boolean {
  return rules.some((r) => r.type === 'conditionalValidation');
}

function constraintName(rule: ValidationMetadata): string {
  return rule.name ?? rule.type;
}

/**
 * Builds the schemas of `dto` and of the DTOs nested in it. `ref` names a nested DTO's
 * component (and queues it to be described).
 */
export function describeDto(dto: Type, ref: (nested: Type) => string): SchemaObject | undefined {
  const rules = getMetadataStorage().getTargetValidationMetadatas(dto, '', true, false);
  if (rules.length === 0) return undefined;
  const byProperty = new Map<string, ValidationMetadata[]>();
  for (const rule of rules) {
    byProperty.set(rule.propertyName, [...(byProperty.get(rule.propertyName) ?? []), rule]);
  }

  const properties: Record<string, SchemaObject | { $ref: string }> = {};
  const required: string[] = [];
  for (const [property, propertyRules] of byProperty) {
    const designType: unknown = Reflect.getMetadata(
      'design:type',
      dto.prototype as object,
      property,
    );
    const isArray =
      designType === Array ||
      propertyRules.some((r) => r.each || constraintName(r) in ARRAY_CONSTRAINTS);
    const item: SchemaObject = {};
    const array: SchemaObject = { type: 'array' };
    let nested: Type | undefined;
    for (const rule of propertyRules) {
      const name = constraintName(rule);
      if (rule.type === 'nestedValidation') {
        nested = nestedClass(dto, property, isArray);
        continue;
      }
      const arrayRule = ARRAY_CONSTRAINTS[name];
      if (arrayRule) arrayRule(array, rule.constraints ?? []);
      else BY_CONSTRAINT[name]?.(item, rule.constraints ?? []);
    }
    if (!item.type && !nested) {
      if (designType === String) item.type = 'string';
      else if (designType === Number) item.type = 'number';
      else if (designType === Boolean) item.type = 'boolean';
    }
    const itemSchema = nested ? { $ref: ref(nested) } : item;
    properties[property] = isArray ? { ...array, items: itemSchema } : itemSchema;
    if (!isConditional(propertyRules)) required.push(property);
  }
  return {
    type: 'object',
    // The pipe refuses unknown fields (forbidNonWhitelisted).
    additionalProperties: false,
    properties,
    ...(required.length > 0 ? { required } : {}),
  };
}
