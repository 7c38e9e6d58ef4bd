import { html, type SafeHtml } from '../html';
import type { Lang } from '../format';

/** A list of the API body (`activities`) whose rows the form shows as repeated groups. */
export type RowLists = Readonly<Record<string, Readonly<Record<Lang, string>>>>;

const ROW = /^([^.]+)\.(\d+)\./;

const BUTTONS = {
  add: { vi: 'Thêm dòng', en: 'Add a row' },
  remove: { vi: 'Xóa dòng', en: 'Remove the row' },
} as const;

/**
 * The fields, each row of a listed list in its own fieldset (legend "Hoạt động 2"). Every
 * row is in the page, so the form works without script; forms.js hides the empty rows
 * after the first, and offers to add one back or to empty and hide one (`data-row-*`).
 */
export function fieldsInRows<F extends { readonly api?: string }>(
  fields: readonly F[],
  lists: RowLists | undefined,
  lang: Lang,
  render: (field: F) => SafeHtml,
): SafeHtml {
  if (!lists) return html`${fields.map(render)}`;
  const out: SafeHtml[] = [];
  let i = 0;
  while (i < fields.length) {
    const row = ROW.exec(fields[i]?.api ?? '');
    const name = row?.[1];
    const legend = name ? lists[name] : undefined;
    if (!row || !name || !legend) {
      out.push(render(fields[i] as F));
      i++;
      continue;
    }
    const prefix = `${name}.${row[2]}.`;
    const group: F[] = [];
    while (i < fields.length && (fields[i]?.api ?? '').startsWith(prefix)) {
      group.push(fields[i] as F);
      i++;
    }
    const n = Number(row[2]) + 1;
    out.push(
      html`<fieldset class="form-row" data-row-list="${name}" data-row="${String(n)}">
        <legend>${legend[lang]} ${String(n)}</legend>
        ${group.map(render)}
        <button type="button" class="secondary" data-row-remove hidden>
          ${BUTTONS.remove[lang]}
        </button>
      </fieldset>`,
    );
    const next = ROW.exec(fields[i]?.api ?? '');
    if (next?.[1] !== name) {
      out.push(
        html`<p class="row-actions">
          <button type="button" class="secondary" data-row-add="${name}" hidden>
            ${BUTTONS.add[lang]}
          </button>
        </p>`,
      );
    }
  }
  return html`${out}`;
}
