/*
 * Dashboard forms: how every write form works (the pattern to follow for a new one).
 *
 * 1. GET renders the form with `formShell()` (form-view.ts): it carries the session's CSRF
 *    token (`_csrf`) and a fresh idempotency key (`_key`) as hidden fields. Amounts are
 *    `amountField()` (1.200.000.000), dates `dateField()` (dd/mm/yyyy text + pattern,
 *    whatever the browser's locale); /assets/dashboard.js groups digits as one types.
 * 2. POST goes through `FormGate.open()` (form-gate.ts): signed in (else to /login),
 *    same-origin (cross-site.ts) and the CSRF token matching the session; a refusal is a
 *    403 page and a line in the security log.
 * 3. The handler turns the fields into the API's JSON body with `parseAmount()` (the
 *    domain's parseMoney: exact bigint, never a float) and `parseDate()`; a field it
 *    cannot read is a `FieldError` shown next to the field, and nothing is sent.
 * 4. `FormBridge.send()` hands the body to the API route itself (same path, same DTO
 *    validation, same guard and policy, same Idempotency-Key layer, same command handler
 *    and `authorize`, same security log of refusals): there is no second implementation.
 * 5. On 2xx: redirect 303 (post/redirect/get) to where the result shows. On a problem:
 *    re-render the same form with what the user typed, the problem's message next to its
 *    field (`errors[].field`, or the form's `fieldOf` code map) or at the top in the error
 *    summary (focused by the client script), and a NEW idempotency key (the refusal is
 *    kept under the old one). A double submit sends the same key: the API appends once
 *    and the second answer is the first one replayed.
 */
import type { Request } from 'express';
import { createHash, randomUUID, timingSafeEqual } from 'node:crypto';
import { isDateWithin, parseMoney, type Money } from '@app/budgeting';
import type { Lang } from '../format';

/** Hidden field names every form carries. */
export const CSRF_FIELD = '_csrf';
export const KEY_FIELD = '_key';

/**
 * The CSRF token of a session: a hash of the session id, which lives only in an HttpOnly
 * cookie and the browser, never in a page. Another site can neither read the token nor
 * compute it; every replica derives the same one without a shared secret or a new table,
 * and sign-out (a new session id) changes it.
 */
export function csrfTokenFor(sessionId: string): string {
  return createHash('sha256').update(`csrf:${sessionId}`, 'utf8').digest('base64url');
}

export function csrfMatches(sessionId: string, sent: unknown): boolean {
  if (typeof sent !== 'string') return false;
  const expected = Buffer.from(csrfTokenFor(sessionId), 'utf8');
  const given = Buffer.from(sent, 'utf8');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** A new idempotency key for a rendered form (the API's Idempotency-Key shape). */
export function newFormKey(): string {
  return randomUUID();
}

const KEY_SHAPE = /^[A-Za-z0-9_.:-]{1,200}$/;

export function formKeyOf(fields: FormFields): string | null {
  const key = fields[KEY_FIELD];
  return typeof key === 'string' && KEY_SHAPE.test(key) ? key : null;
}

/** What a urlencoded form sent: every value a string (repeated names keep the last). */
export type FormFields = Readonly<Record<string, string>>;

export function formFieldsOf(req: Request): FormFields {
  const body = (req.body ?? {}) as Record<string, unknown>;
  const fields: Record<string, string> = {};
  for (const [name, value] of Object.entries(body)) {
    const last: unknown = Array.isArray(value) ? value[value.length - 1] : value;
    if (typeof last === 'string') fields[name] = last;
  }
  return fields;
}

/** A field the form could not read, or the API refused: shown next to the field. */
export interface FieldError {
  readonly field: string;
  readonly message: string;
}

export class FieldErrors extends Error {
  constructor(readonly errors: readonly FieldError[]) {
    super(errors.map((e) => `${e.field}: ${e.message}`).join('; '));
    this.name = 'FieldErrors';
  }
}

const MESSAGES = {
  amount: {
    vi: 'Số tiền là số nguyên đồng, nhóm nghìn bằng dấu chấm, ví dụ 1.200.000.000',
    en: 'The amount is whole đồng, thousands grouped with dots, e.g. 1.200.000.000',
  },
  date: {
    vi: 'Ngày theo dạng ngày/tháng/năm, ví dụ 19/03/2024',
    en: 'The date as day/month/year, e.g. 19/03/2024',
  },
  required: { vi: 'Trường này bắt buộc', en: 'This field is required' },
} as const;

export function requiredMessage(lang: Lang): string {
  return MESSAGES.required[lang];
}

/**
 * An amount as Vietnamese officials write it (1.200.000.000, or plain digits), parsed by
 * the domain's own parser to an exact bigint. Spaces are forgiven; a comma, a sign or a
 * fraction is not (1,5 could mean a fraction or a thousand).
 */
export function parseAmount(text: string, field: string, lang: Lang): Money {
  const compact = text.replace(/\s+/g, '');
  try {
    if (compact === '') throw new Error('empty');
    return parseMoney(compact, field);
  } catch {
    throw new FieldErrors([{ field, message: MESSAGES.amount[lang] }]);
  }
}

const VN_DATE = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/;

/** dd/mm/yyyy (d/m/yyyy too) → YYYY-MM-DD, a real calendar date in the ledger's years. */
export function parseDate(text: string, field: string, lang: Lang): string {
  const match = VN_DATE.exec(text.trim());
  const iso = match
    ? `${match[3]}-${match[2]!.padStart(2, '0')}-${match[1]!.padStart(2, '0')}`
    : '';
  if (!isDateWithin(iso)) throw new FieldErrors([{ field, message: MESSAGES.date[lang] }]);
  return iso;
}

/** YYYY-MM-DD → dd/mm/yyyy, the value a date field shows. */
export function dateInputValue(iso: string): string {
  const [y, m, d] = iso.slice(0, 10).split('-');
  return `${d}/${m}/${y}`;
}

/** Runs every field parser, collecting all their errors rather than stopping at the first. */
export function collectFieldErrors<T>(read: (attempt: <V>(fn: () => V) => V | undefined) => T): T {
  const errors: FieldError[] = [];
  const attempt = <V>(fn: () => V): V | undefined => {
    try {
      return fn();
    } catch (error) {
      if (error instanceof FieldErrors) {
        errors.push(...error.errors);
        return undefined;
      }
      throw error;
    }
  };
  const value = read(attempt);
  if (errors.length > 0) throw new FieldErrors(errors);
  return value;
}
