/*
 * The write forms' script, served as /assets/forms.js (compiled by swc like dashboard.js;
 * no inline script, no CDN). The forms work without it; it only helps:
 * - an amount field (`data-amount`) groups thousands with dots as one types
 *   (1200000000 → 1.200.000.000): digits only, never a float, the server parses exactly;
 * - a date field (`data-date`) takes digits and adds the slashes (19032024 → 19/03/2024),
 *   leaving a date typed with its own slashes (19/3/2024) as it is;
 * - after a refusal, the focus moves to the error summary (`data-error-summary`), so a
 *   keyboard or screen reader user hears what went wrong first;
 * - Back to a form already sent: Chromium fetches the page again (even `private, no-cache`
 *   is revalidated on Back), which brings a fresh idempotency key, so the key the form was
 *   sent with (kept per tab in sessionStorage) is put back: sent again, the API replays its
 *   first answer and appends nothing. Only on Back/Forward: a new visit is a new form;
 * - rows of a list (`fieldset[data-row-list]`, a plan's parts and activities): the filled
 *   ones and one empty show, "Thêm dòng" shows the next, "Xóa dòng" empties one and hides
 *   it (an empty row is not sent). Without script every row shows and works the same.
 * A plain script with its DOM types declared here (the project compiles without the DOM lib).
 */
(() => {
  interface Field {
    value: string;
    selectionStart: number | null;
    setSelectionRange(start: number, end: number): void;
    addEventListener(type: string, listener: () => void): void;
  }
  interface Focusable {
    focus(): void;
  }
  interface Doc {
    querySelectorAll(selector: string): ArrayLike<Field>;
    querySelector(selector: string): Focusable | null;
  }
  const doc = (globalThis as unknown as { document: Doc }).document;

  /** Keeps the caret after the same number of digits once the dots move. */
  function reformat(field: Field, format: (digits: string) => string): void {
    const caret = field.selectionStart ?? field.value.length;
    const digitsBefore = field.value.slice(0, caret).replace(/\D/g, '').length;
    const next = format(field.value.replace(/\D/g, ''));
    if (next === field.value) return;
    field.value = next;
    let seen = 0;
    let position = 0;
    while (position < next.length && seen < digitsBefore) {
      if (/\d/.test(next.charAt(position))) seen++;
      position++;
    }
    field.setSelectionRange(position, position);
  }

  const groupThousands = (digits: string): string =>
    digits.replace(/^0+(?=\d)/, '').replace(/\B(?=(\d{3})+(?!\d))/g, '.');

  const slashDate = (digits: string): string => {
    const d = digits.slice(0, 8);
    if (d.length <= 2) return d;
    if (d.length <= 4) return `${d.slice(0, 2)}/${d.slice(2)}`;
    return `${d.slice(0, 2)}/${d.slice(2, 4)}/${d.slice(4)}`;
  };

  const amounts = doc.querySelectorAll('input[data-amount]');
  for (let i = 0; i < amounts.length; i++) {
    const field = amounts[i];
    if (field) field.addEventListener('input', () => reformat(field, groupThousands));
  }
  /** Slashes only where dd/mm/yyyy puts them (after 2 and 4 digits): 19/3/2024 is left alone. */
  const slashesInPlace = (value: string): boolean => {
    let digits = 0;
    for (const c of value) {
      if (c === '/') {
        if (digits !== 2 && digits !== 4) return false;
      } else if (/\d/.test(c)) digits++;
      else return false;
    }
    return true;
  };
  const dates = doc.querySelectorAll('input[data-date]');
  for (let i = 0; i < dates.length; i++) {
    const field = dates[i];
    if (field) {
      field.addEventListener('input', () => {
        if (slashesInPlace(field.value)) reformat(field, slashDate);
      });
    }
  }
  doc.querySelector('[data-error-summary]')?.focus();

  interface Form {
    getAttribute(name: string): string | null;
    querySelector(selector: string): Field | null;
    addEventListener(type: string, listener: () => void): void;
  }
  interface Tab {
    sessionStorage: { getItem(key: string): string | null; setItem(key: string, v: string): void };
    location: { pathname: string; search: string };
    performance: { getEntriesByType(type: string): ArrayLike<{ type?: string }> };
  }
  const tab = globalThis as unknown as Tab;
  const forms = (
    doc as unknown as { querySelectorAll(s: string): ArrayLike<Form> }
  ).querySelectorAll('form[method="post"]');
  const backOrForward = tab.performance.getEntriesByType('navigation')[0]?.type === 'back_forward';
  for (let i = 0; i < forms.length; i++) {
    const form = forms[i];
    const key = form?.querySelector('input[name="_key"]');
    if (!form || !key) continue;
    const slot = `form-key:${tab.location.pathname}${tab.location.search}:${form.getAttribute('data-testid') ?? i}`;
    try {
      const sent = tab.sessionStorage.getItem(slot);
      if (backOrForward && sent) key.value = sent;
      form.addEventListener('submit', () => tab.sessionStorage.setItem(slot, key.value));
    } catch {
      // No storage (a private window's quota, storage disabled): the server's answers stand.
    }
  }

  interface Row {
    hidden: boolean;
    getAttribute(name: string): string | null;
    querySelectorAll(selector: string): ArrayLike<Field & { hidden: boolean; disabled: boolean }>;
    querySelector(selector: string): (Field & { hidden: boolean }) | null;
    addEventListener(type: string, listener: () => void): void;
  }
  const all = <T>(selector: string): T[] =>
    Array.from(
      (doc as unknown as { querySelectorAll(s: string): ArrayLike<T> }).querySelectorAll(selector),
    );
  const isEmpty = (row: Row): boolean =>
    Array.from(row.querySelectorAll('input, select, textarea')).every((f) => f.value.trim() === '');
  const adders = all<Row>('button[data-row-add]');
  for (const adder of adders) {
    const list = adder.getAttribute('data-row-add');
    const rows = all<Row>(`fieldset[data-row-list="${list}"]`);
    const refresh = (): void => {
      const shown = rows.filter((r) => !r.hidden);
      for (const r of rows) {
        const remove = r.querySelector('button[data-row-remove]');
        if (remove) remove.hidden = shown.length <= 1;
      }
      adder.hidden = shown.length === rows.length;
    };
    // The filled rows, and one empty row to type in (the first, if none is filled).
    let spare = false;
    for (const r of rows) {
      const empty = isEmpty(r) && !r.querySelector('.error, [aria-invalid="true"]');
      r.hidden = empty && spare;
      if (empty) spare = true;
    }
    adder.addEventListener('click', () => {
      const next = rows.find((r) => r.hidden);
      if (next) {
        next.hidden = false;
        (next.querySelector('input, select, textarea') as unknown as Focusable | null)?.focus();
      }
      refresh();
    });
    for (const r of rows) {
      r.querySelector('button[data-row-remove]')?.addEventListener('click', () => {
        for (const f of Array.from(r.querySelectorAll('input, select, textarea'))) f.value = '';
        r.hidden = true;
        refresh();
        (adder as unknown as Focusable).focus();
      });
    }
    refresh();
  }
})();
