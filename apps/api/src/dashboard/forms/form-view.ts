import { html, type SafeHtml } from '../html';
import type { Lang } from '../format';
import { CSRF_FIELD, KEY_FIELD, type FieldError, type FormFields } from './form-infra';

/** What every field of one rendered form needs: the language, what was typed, the errors. */
export interface FormContext {
  readonly lang: Lang;
  readonly values: FormFields;
  readonly errors: readonly FieldError[];
  /** Prefix of the fields' ids when one page holds several forms (`sign-` → `sign-f-capacity`). */
  readonly idPrefix?: string;
}

export interface FieldSpec {
  readonly name: string;
  readonly label: string;
  readonly hint?: string;
  readonly required?: boolean;
}

export interface Choice {
  readonly value: string;
  readonly label: string;
}

const TEXT = {
  summaryTitle: { vi: 'Chưa ghi được: hãy sửa rồi gửi lại', en: 'Not recorded: fix and resubmit' },
  required: { vi: '(bắt buộc)', en: '(required)' },
  choose: { vi: '— chọn —', en: '— choose —' },
  amountHint: { vi: 'đồng, ví dụ 1.200.000.000', en: 'đồng, e.g. 1.200.000.000' },
  dateHint: { vi: 'ngày/tháng/năm, ví dụ 19/3/2024', en: 'day/month/year, e.g. 19/3/2024' },
} as const;

function idOf(ctx: FormContext, name: string): string {
  return `${ctx.idPrefix ?? ''}f-${name.replace(/[^A-Za-z0-9_-]/g, '-')}`;
}

function errorOf(ctx: FormContext, name: string): string | undefined {
  return ctx.errors.find((e) => e.field === name)?.message;
}

/** Label, hint, the control, and its error (aria-describedby ties them together). */
function wrap(
  ctx: FormContext,
  spec: FieldSpec,
  hint: string | undefined,
  control: SafeHtml,
): SafeHtml {
  const id = idOf(ctx, spec.name);
  const error = errorOf(ctx, spec.name);
  return html`<div class="field${error ? ' has-error' : ''}">
    <label for="${id}"
      >${spec.label}${spec.required ? html` <span class="req">${TEXT.required[ctx.lang]}</span>` : ''}</label
    >
    ${hint ? html`<span class="hint" id="${id}-hint">${hint}</span>` : ''} ${control}
    ${error ? html`<p class="field-error" id="${id}-error">${error}</p>` : ''}
  </div>`;
}

function describedBy(ctx: FormContext, spec: FieldSpec, hint: string | undefined): SafeHtml {
  const id = idOf(ctx, spec.name);
  const ids = [hint ? `${id}-hint` : '', errorOf(ctx, spec.name) ? `${id}-error` : '']
    .filter(Boolean)
    .join(' ');
  return html`${ids ? html`aria-describedby="${ids}"` : ''}
  ${errorOf(ctx, spec.name) ? html`aria-invalid="true"` : ''} ${spec.required ? html`required` : ''}`;
}

export function textField(ctx: FormContext, spec: FieldSpec & { maxLength?: number }): SafeHtml {
  return wrap(
    ctx,
    spec,
    spec.hint,
    html`<input
      type="text"
      id="${idOf(ctx, spec.name)}"
      name="${spec.name}"
      value="${ctx.values[spec.name] ?? ''}"
      maxlength="${spec.maxLength ?? 300}"
      ${describedBy(ctx, spec, spec.hint)}
    />`,
  );
}

export function textArea(ctx: FormContext, spec: FieldSpec): SafeHtml {
  return wrap(
    ctx,
    spec,
    spec.hint,
    html`<textarea
      id="${idOf(ctx, spec.name)}"
      name="${spec.name}"
      rows="3"
      maxlength="2000"
      ${describedBy(ctx, spec, spec.hint)}
    >
${ctx.values[spec.name] ?? ''}</textarea>`,
  );
}

/** Whole đồng with Vietnamese grouping; the client script inserts the dots as one types. */
export function amountField(ctx: FormContext, spec: FieldSpec): SafeHtml {
  const hint = spec.hint ?? TEXT.amountHint[ctx.lang];
  return wrap(
    ctx,
    spec,
    hint,
    html`<input
      type="text"
      inputmode="numeric"
      autocomplete="off"
      pattern="[0-9]{1,3}(\\.?[0-9]{3})*"
      data-amount
      id="${idOf(ctx, spec.name)}"
      name="${spec.name}"
      value="${ctx.values[spec.name] ?? ''}"
      ${describedBy(ctx, spec, hint)}
    />`,
  );
}

/** dd/mm/yyyy as text whatever the browser's locale (a date control would follow it). */
export function dateField(ctx: FormContext, spec: FieldSpec): SafeHtml {
  const hint = spec.hint ?? TEXT.dateHint[ctx.lang];
  return wrap(
    ctx,
    spec,
    hint,
    html`<input
      type="text"
      inputmode="numeric"
      autocomplete="off"
      placeholder="dd/mm/yyyy"
      pattern="[0-9]{1,2}/[0-9]{1,2}/[0-9]{4}"
      data-date
      id="${idOf(ctx, spec.name)}"
      name="${spec.name}"
      value="${ctx.values[spec.name] ?? ''}"
      ${describedBy(ctx, spec, hint)}
    />`,
  );
}

export function selectField(
  ctx: FormContext,
  spec: FieldSpec & { choices: readonly Choice[]; empty?: boolean },
): SafeHtml {
  const current = ctx.values[spec.name] ?? '';
  return wrap(
    ctx,
    spec,
    spec.hint,
    html`<select
      id="${idOf(ctx, spec.name)}"
      name="${spec.name}"
      ${describedBy(ctx, spec, spec.hint)}
    >
      ${spec.empty === false ? '' : html`<option value="">${TEXT.choose[ctx.lang]}</option>`}
      ${spec.choices.map(
        (c) =>
          html`<option value="${c.value}" ${c.value === current ? html`selected` : ''}>
            ${c.label}
          </option>`,
      )}
    </select>`,
  );
}

/**
 * The error summary at the top: every error, each a link to its field; the client script
 * moves the focus here, so a screen reader says what went wrong first.
 */
function errorSummary(ctx: FormContext, top: readonly string[], id: string): SafeHtml {
  if (top.length === 0 && ctx.errors.length === 0) return html``;
  return html`<div
    class="error-summary"
    role="alert"
    tabindex="-1"
    aria-labelledby="${id}-errors-title"
    data-error-summary
    data-testid="error-summary"
  >
    <h2 id="${id}-errors-title">${TEXT.summaryTitle[ctx.lang]}</h2>
    <ul>
      ${top.map((m) => html`<li>${m}</li>`)}
      ${ctx.errors.map((e) => html`<li><a href="#${idOf(ctx, e.field)}">${e.message}</a></li>`)}
    </ul>
  </div>`;
}

/**
 * A write form: POST to `action`, with the session's CSRF token and the idempotency key
 * hidden, the error summary on top, the fields, and one submit button.
 */
export function formShell(input: {
  readonly ctx: FormContext;
  readonly action: string;
  readonly csrf: string;
  readonly key: string;
  readonly title: string;
  readonly submit: string;
  readonly topErrors?: readonly string[];
  readonly fields: SafeHtml;
  readonly testId?: string;
  readonly intro?: SafeHtml;
  /** 1 for a page that is the form; 2 for one form among others on a page. */
  readonly level?: 1 | 2;
}): SafeHtml {
  const id = input.testId ?? 'form';
  const heading =
    input.level === 2
      ? html`<h2 id="${id}-title">${input.title}</h2>`
      : html`<h1 id="${id}-title">${input.title}</h1>`;
  return html`<section class="write-form" aria-labelledby="${id}-title">
    ${heading} ${errorSummary(input.ctx, input.topErrors ?? [], id)} ${input.intro ?? ''}
    <form method="post" action="${input.action}" novalidate data-testid="${input.testId ?? 'form'}">
      <input type="hidden" name="${CSRF_FIELD}" value="${input.csrf}" />
      <input type="hidden" name="${KEY_FIELD}" value="${input.key}" />
      ${input.fields}
      <div class="actions"><button type="submit">${input.submit}</button></div>
    </form>
  </section>`;
}
