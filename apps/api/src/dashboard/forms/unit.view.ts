import { CAPACITY_LABELS, type SigningCapacity } from '@app/budgeting';
import type { RecordedEvent } from '@app/event-store';
import { date, type Lang } from '../format';
import { html, type SafeHtml } from '../html';
import { href, type PageState } from '../page-state';
import { STANDING_NAMES, UNIT_KIND_NAMES } from './reference.forms';

/** A unit as its page shows it, read from its own stream (the events its decider folds). */
export interface UnitView {
  readonly code: string;
  readonly name: string;
  readonly kind: string;
  readonly validFrom: string;
  readonly validTo: string | null;
  readonly signatories: readonly Readonly<Record<string, unknown>>[];
  readonly codes: readonly Readonly<Record<string, unknown>>[];
}

const str = (value: unknown): string => (typeof value === 'string' ? value : '');

export function unitViewOf(events: readonly RecordedEvent[]): UnitView | null {
  const registered = events.find((e) => e.type === 'SpendingUnitRegistered');
  if (!registered) return null;
  // A later validity change moves the end date; the latest one is in force.
  const changed = events.filter((e) => e.type === 'SpendingUnitValidityChanged').at(-1);
  const validTo = changed ? changed.data.validTo : registered.data.validTo;
  return {
    code: str(registered.data.code),
    name: str(registered.data.name),
    kind: str(registered.data.kind),
    validFrom: str(registered.data.validFrom),
    validTo: typeof validTo === 'string' ? validTo : null,
    signatories: events.filter((e) => e.type === 'UnitSignatoryRegistered').map((e) => e.data),
    codes: events
      .filter((e) => e.type === 'BudgetRelationshipCodeRecorded')
      .map((e) => e.data)
      .sort((a, b) => (str(a.validFrom) < str(b.validFrom) ? -1 : 1)),
  };
}

function period(from: string, to: string | null, lang: Lang): string {
  const start = from ? date(from, lang) : '';
  if (!to) return lang === 'vi' ? `từ ${start}` : `from ${start}`;
  return `${start} – ${date(to, lang)}`;
}

function fact(label: string, value: SafeHtml | string, testId: string): SafeHtml {
  return html`<div>
    <dt>${label}</dt>
    <dd data-testid="${testId}">${value}</dd>
  </div>`;
}

function signatoryItem(s: Readonly<Record<string, unknown>>, lang: Lang): SafeHtml {
  const capacity = CAPACITY_LABELS[str(s.capacity) as SigningCapacity]?.[lang] ?? str(s.capacity);
  const standing =
    STANDING_NAMES[str(s.standing) as keyof typeof STANDING_NAMES]?.[lang] ?? str(s.standing);
  const specimen = (s.specimen ?? {}) as Record<string, unknown>;
  return html`<li>
    <strong>${str(s.name)}</strong> (${str(s.title)}; ${standing}) — ${capacity},
    ${period(str(s.validFrom), str(s.validTo) || null, lang)};
    ${lang === 'vi' ? 'mẫu chữ ký' : 'specimen'} ${str(specimen.number)}
    (${str(specimen.registeredOn) ? date(str(specimen.registeredOn), lang) : ''});
    ${lang === 'vi' ? 'mã người dùng' : 'user id'} <code>${str(s.personId)}</code>
  </li>`;
}

/** What the ledger holds of the unit: name, kind, validity, signatories, mã ĐVQHNS. */
export function unitFacts(view: UnitView, state: PageState): SafeHtml {
  const lang = state.lang;
  const vi = lang === 'vi';
  const kind = UNIT_KIND_NAMES[view.kind as keyof typeof UNIT_KIND_NAMES]?.[lang] ?? view.kind;
  return html`<dl class="facts">
      ${fact(vi ? 'Mã đơn vị' : 'Code', view.code, 'unit-code')}
      ${fact(vi ? 'Loại' : 'Kind', kind, 'unit-kind')}
      ${fact(vi ? 'Hiệu lực' : 'In force', period(view.validFrom, view.validTo, lang), 'unit-validity')}
      ${fact(
        vi ? 'Mã ĐVQHNS' : 'Budget-relationship code',
        view.codes.length === 0
          ? vi
            ? 'chưa ghi'
            : 'none recorded'
          : view.codes
              .map(
                (c) => `${str(c.budgetRelationshipCode)} (${period(str(c.validFrom), null, lang)})`,
              )
              .join('; '),
        'unit-budget-codes',
      )}
    </dl>
    <h2>${vi ? 'Người ký tài khoản' : 'Account signatories'}</h2>
    ${
      view.signatories.length === 0
        ? html`<p data-testid="unit-signatories">
            ${
              vi
                ? 'Chưa đăng ký: các khoản chi của đơn vị do một người phê duyệt.'
                : "None registered: the unit's payments are approved by one approver."
            }
          </p>`
        : html`<ul data-testid="unit-signatories">
            ${view.signatories.map((s) => signatoryItem(s, lang))}
          </ul>`
    }`;
}

/** A small GET form on the registration page: open a unit already registered by its code. */
export function openUnitForm(state: PageState): SafeHtml {
  const vi = state.lang === 'vi';
  return html`<form method="get" action="${href('/units', state)}" class="open-unit">
    <label for="open-unit-code"
      >${vi ? 'Mở đơn vị đã đăng ký (mã)' : 'Open a registered unit (code)'}</label
    >
    <input type="text" id="open-unit-code" name="code" maxlength="40" />
    ${state.lang === 'en' ? html`<input type="hidden" name="lang" value="en" />` : ''}
    <button type="submit">${vi ? 'Mở' : 'Open'}</button>
  </form>`;
}
