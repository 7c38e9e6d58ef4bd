/*
 * Dashboard forms: how every write form works (the pattern to follow for a new one).
 *
 * 1. Declare the form as data (form-def.ts `FormDef`): its fields (`text`, `textarea`,
 *    `amount` 1.200.000.000, `date` dd/mm/yyyy, `select`, `list` one item a line), each
 *    named as the API body's field (or `api: 'vouchers.0.number'`), and `fieldOf` for
 *    refusal codes that carry no field (BUDGET.LINE_OVERDRAWN → amount); a refusal naming a
 *    nested path (`specimen.number`) shows beside the field whose `api` it is, and
 *    `fieldAt` places a path the domain names otherwise (`classification.sector`). Example:
 *    expenditure-actions.ts. A form with pickers may render by hand (propose.form.ts)
 *    with the same widgets (form-view.ts).
 * 2. GET: `FormGate.visit()` (signed in, else to /login) → `renderForm()`: the session's
 *    CSRF token (`_csrf`) and a fresh idempotency key (`_key`) ride as hidden fields.
 *    Pages pass `forms: true` to `page()` for /assets/forms.js (groups digits as one
 *    types, adds the date's slashes, focuses the error summary).
 * 3. POST: `FormGate.open()`: signed in, same origin (cross-site.ts) AND the CSRF token
 *    of the session; a refusal is a 403 page and a line in the security log.
 * 4. `submitForm(bridge, req, res, post, { path, body: () => bodyOf(def, …), fields,
 *    fieldOf })`: a field it cannot read (amount by the domain's parseMoney, exact bigint,
 *    never a float; a date) is shown beside the field and nothing is sent; else
 *    `FormBridge` hands the JSON body to the API route itself, in process — same DTO
 *    validation, guard and policy (@Allow), Idempotency-Key layer, command handler and
 *    `authorize`, security log of refusals. No second implementation of any rule.
 * 5. `ok` → redirect 303 to where the result shows (post/redirect/get). Not ok → render
 *    the same form with `values: post.fields` (input kept), `errors` beside their fields,
 *    `top` in the error summary, the problem's status, and a NEW key (the refusal is kept
 *    under the old one). A double submit resends the same key: the API appends once and
 *    answers the second with the first answer replayed.
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
    vi: 'Ngày theo dạng ngày/tháng/năm, ví dụ 19/3/2024',
    en: 'The date as day/month/year, e.g. 19/3/2024',
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
