import type { SafeHtml } from '../html';
import type { Lang } from '../format';
import {
  collectFieldErrors,
  FieldErrors,
  parseAmount,
  parseDate,
  requiredMessage,
  type FormFields,
} from './form-infra';
import { fieldsInRows, type RowLists } from './form-rows';
import {
  amountField,
  dateField,
  formShell,
  selectField,
  textArea,
  textField,
  type FormContext,
} from './form-view';

export type Text = Readonly<Record<Lang, string>>;

/**
 * One field of a declared form. `api` is where its value goes in the API's JSON body, a
 * dotted path (`vouchers.0.number`; digits make arrays); by default the field's name.
 * - text, textarea: trimmed text;
 * - amount: 1.200.000.000 → "1200000000" (exact, parseMoney);
 * - date: dd/mm/yyyy → YYYY-MM-DD;
 * - select: one of `choices`;
 * - list: one item a line (or separated by ;), e.g. legal basis documents → string[].
 * An empty optional field is left out of the body, never sent empty.
 */
export interface FieldDef {
  readonly name: string;
  readonly kind: 'text' | 'textarea' | 'amount' | 'date' | 'select' | 'list';
  readonly label: Text;
  readonly hint?: Text;
  readonly required?: boolean;
  readonly choices?: readonly { readonly value: string; readonly label: Text }[];
  readonly api?: string;
  readonly maxLength?: number;
}

/** A form declared as data: its fields, its API route, and its refusal codes' fields. */
export interface FormDef {
  /** Unique on its page: the `data-testid` of the form is `<id>-form`. */
  readonly id: string;
  readonly title: Text;
  readonly submit: Text;
  readonly fields: readonly FieldDef[];
  /** A refusal the API gives without a field → the field it is about. */
  readonly fieldOf?: Readonly<Record<string, string>>;
  /** A path a domain refusal names that is not a field's `api` (`classification.sector`) → the field. */
  readonly fieldAt?: Readonly<Record<string, string>>;
  /** Fixed values of the body the user does not type (e.g. `kind: 'carry_over'`). */
  readonly fixed?: Readonly<Record<string, unknown>>;
  /** Lists of the body shown as rows that can be added and removed (form-rows.ts). */
  readonly rowLists?: RowLists;
}

const LIST_SEPARATOR = /[\n;]+/;

function setPath(body: Record<string, unknown>, path: string, value: unknown): void {
  const parts = path.split('.');
  let node: Record<string, unknown> = body;
  parts.forEach((part, i) => {
    if (i === parts.length - 1) {
      node[part] = value;
      return;
    }
    const nextIsIndex = /^\d+$/.test(parts[i + 1] ?? '');
    node[part] ??= nextIsIndex ? [] : {};
    node = node[part] as Record<string, unknown>;
  });
}

function valueOf(def: FieldDef, raw: string, lang: Lang): unknown {
  switch (def.kind) {
    case 'amount':
      return parseAmount(raw, def.name, lang).toString();
    case 'date':
      return parseDate(raw, def.name, lang);
    case 'list':
      return raw
        .split(LIST_SEPARATOR)
        .map((s) => s.trim())
        .filter(Boolean);
    case 'select':
      if (def.choices && !def.choices.some((c) => c.value === raw)) {
        throw new FieldErrors([{ field: def.name, message: requiredMessage(lang) }]);
      }
      return raw;
    case 'text':
    case 'textarea':
      return raw;
  }
}

/** The API's JSON body from what the form sent; every unreadable field reported at once. */
export function bodyOf(def: FormDef, fields: FormFields, lang: Lang): Record<string, unknown> {
  return collectFieldErrors((attempt) => {
    const body: Record<string, unknown> = { ...(def.fixed ?? {}) };
    for (const field of def.fields) {
      const raw = (fields[field.name] ?? '').trim();
      if (raw === '') {
        if (field.required) {
          attempt(() => {
            throw new FieldErrors([{ field: field.name, message: requiredMessage(lang) }]);
          });
        }
        continue;
      }
      const value = attempt(() => valueOf(field, raw, lang));
      if (value !== undefined) setPath(body, field.api ?? field.name, value);
    }
    return body;
  });
}

function fieldHtml(ctx: FormContext, def: FieldDef): SafeHtml {
  const spec = {
    name: def.name,
    label: def.label[ctx.lang],
    ...(def.hint ? { hint: def.hint[ctx.lang] } : {}),
    ...(def.required ? { required: true } : {}),
  };
  switch (def.kind) {
    case 'amount':
      return amountField(ctx, spec);
    case 'date':
      return dateField(ctx, spec);
    case 'textarea':
    case 'list':
      return textArea(ctx, spec);
    case 'select':
      return selectField(ctx, {
        ...spec,
        choices: (def.choices ?? []).map((c) => ({ value: c.value, label: c.label[ctx.lang] })),
      });
    case 'text':
      return textField(ctx, { ...spec, maxLength: def.maxLength ?? 300 });
  }
}

/** The field names a refusal may be placed beside. */
export function fieldNames(def: FormDef): string[] {
  return def.fields.map((f) => f.api?.split('.')[0] ?? f.name);
}

/** Where a refusal of a nested API field (`members.0.name`) is shown: the field typing it. */
export function apiFieldMap(def: FormDef): Record<string, string> {
  return {
    ...Object.fromEntries(def.fields.filter((f) => f.api).map((f) => [f.api!, f.name])),
    ...def.fieldAt,
  };
}

/** A declared form, rendered: hidden CSRF token and key, error summary, fields, submit. */
export function renderForm(input: {
  readonly def: FormDef;
  readonly ctx: FormContext;
  readonly action: string;
  readonly csrf: string;
  readonly key: string;
  readonly topErrors?: readonly string[];
  readonly intro?: SafeHtml;
  /** 2 when the page holds several forms: their fields' ids are then prefixed by the form's id. */
  readonly level?: 1 | 2;
}): SafeHtml {
  const { def } = input;
  const ctx = input.level === 2 ? { ...input.ctx, idPrefix: `${def.id}-` } : input.ctx;
  return formShell({
    ctx,
    level: input.level ?? 1,
    action: input.action,
    csrf: input.csrf,
    key: input.key,
    title: def.title[ctx.lang],
    submit: def.submit[ctx.lang],
    testId: `${def.id}-form`,
    ...(input.topErrors ? { topErrors: input.topErrors } : {}),
    ...(input.intro ? { intro: input.intro } : {}),
    fields: fieldsInRows(def.fields, def.rowLists, ctx.lang, (f) => fieldHtml(ctx, f)),
  });
}
