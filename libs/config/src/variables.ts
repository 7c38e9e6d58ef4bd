import { z } from 'zod';

/** A message in both languages, as every user-facing text of the ledger. */
export interface Bilingual {
  readonly vi: string;
  readonly en: string;
}

/** Which programs read a variable (the README's table says so). */
export type Program = 'api' | 'cli' | 'projector';

/**
 * One environment variable: the schema its text must satisfy (zod, from the raw string),
 * what a good value is in both languages (the start-up refusal names it), its default
 * and what it means (the README's table is rendered from these).
 */
export interface Variable<T> {
  readonly schema: z.ZodType<T, string | undefined>;
  readonly rule: Bilingual;
  /** Shown in the README; null: no default (unset means "not used"). */
  readonly default: string | null;
  readonly meaning: string;
  readonly programs: readonly Program[];
  /** Never echoed in an error (URLs with passwords, keys). */
  readonly secret?: boolean;
}

const blankIsUnset = (raw: string | undefined): string | undefined =>
  raw === undefined || raw.trim() === '' ? undefined : raw.trim();

/** A whole number in [min, max], written in plain decimal digits. */
export function integer(
  min: number,
  max: number,
  fallback: number,
): z.ZodType<number, string | undefined> {
  return z
    .string()
    .optional()
    .transform(blankIsUnset)
    .pipe(
      z
        .string()
        .regex(/^\d+$/)
        .transform(Number)
        .pipe(z.number().int().min(min).max(max))
        .optional(),
    )
    .transform((value) => value ?? fallback);
}

export function oneOf<const T extends readonly [string, ...string[]]>(
  values: T,
  fallback: T[number],
): z.ZodType<T[number], string | undefined> {
  return z
    .string()
    .optional()
    .transform((raw) => blankIsUnset(raw)?.toLowerCase())
    .pipe(z.enum(values).optional())
    .transform((value) => value ?? fallback);
}

export function text(fallback: string): z.ZodType<string, string | undefined> {
  return z
    .string()
    .optional()
    .transform((raw) => blankIsUnset(raw) ?? fallback);
}

export function optionalText(): z.ZodType<string | null, string | undefined> {
  return z
    .string()
    .optional()
    .transform((raw) => blankIsUnset(raw) ?? null);
}

/** `on`/`off` (also `1`/`0`, `true`/`false`). */
export function onOff(fallback: boolean): z.ZodType<boolean, string | undefined> {
  return oneOf(['on', 'off', '1', '0', 'true', 'false'], fallback ? 'on' : 'off').transform(
    (value) => value === 'on' || value === '1' || value === 'true',
  );
}

export const ON_OFF_RULE: Bilingual = {
  vi: '"on" hoặc "off" (hoặc 1/0)',
  en: '"on" or "off" (or 1/0)',
};

/** `vi` or `en`, also as a locale (`en-US`, `vi_VN.UTF-8`). */
export function language(fallback: 'vi' | 'en'): z.ZodType<'vi' | 'en', string | undefined> {
  return z
    .string()
    .optional()
    .transform(blankIsUnset)
    .pipe(
      z
        .string()
        .regex(/^(vi|en)([-_.].*)?$/i)
        .transform((value) => (value.slice(0, 2).toLowerCase() === 'en' ? 'en' : 'vi'))
        .optional(),
    )
    .transform((value) => value ?? fallback);
}
