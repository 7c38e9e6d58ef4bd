import type { Actor } from '@app/budgeting';
import type { RecordedEvent } from '@app/event-store';
import { date } from '../format';
import { html, type SafeHtml } from '../html';
import type { PageState } from '../page-state';
import { canSeeUnit } from '../visibility';

const str = (value: unknown): string => (typeof value === 'string' ? value : '');

/** After a classification: the codes the line's own stream now holds, or nothing. */
export function classificationDone(
  line: string,
  events: readonly RecordedEvent[],
  state: PageState,
): SafeHtml | null {
  const classified = events.find((e) => e.type === 'BudgetLineClassified');
  if (!classified) return null;
  const c = (classified.data.classification ?? {}) as Record<string, unknown>;
  const vi = state.lang === 'vi';
  return html`<p class="done" role="status" data-testid="form-done">
    ${vi ? 'Dòng' : 'Line'} <strong>${line}</strong> ${vi ? 'đã phân loại' : 'is classified'}:
    ${vi ? 'chương' : 'chapter'} ${str(c.chapter)}, ${vi ? 'khoản' : 'sector'} ${str(c.sector)},
    ${vi ? 'mã CTMTQG' : 'program'} ${str(c.program)}, ${vi ? 'mã nguồn' : 'source'}
    ${str(c.source)}.
  </p>`;
}

/** The year's lead agency periods as recorded, each with the decision naming it. */
export function leadPeriods(events: readonly RecordedEvent[], state: PageState): SafeHtml {
  const lang = state.lang;
  const vi = lang === 'vi';
  const periods = events.filter((e) => e.type === 'LeadAgencyDesignated').map((e) => e.data);
  if (periods.length === 0) {
    return html`<p data-testid="lead-periods">
      ${
        vi
          ? 'Chưa ghi nhận cơ quan chủ trì cho năm này (dùng mặc định BUDGET_LEAD_AGENCY).'
          : 'No lead agency recorded for this year (BUDGET_LEAD_AGENCY applies).'
      }
    </p>`;
  }
  return html`<ul data-testid="lead-periods">
    ${periods.map((p) => {
      const decision = (p.decision ?? {}) as Record<string, unknown>;
      const to = str(p.validTo);
      return html`<li>
        <strong>${str(p.unit)}</strong>: ${date(str(p.validFrom), lang)} –
        ${to ? date(to, lang) : vi ? 'hết năm' : "the year's end"} (${str(decision.number)},
        ${str(decision.issuedOn) ? date(str(decision.issuedOn), lang) : ''})
      </li>`;
    })}
  </ul>`;
}

/** After a trip is recorded: said only when its stream holds it and the user may see its unit. */
export function tripDone(
  events: readonly RecordedEvent[],
  user: Actor,
  state: PageState,
): SafeHtml | null {
  const recorded = events.find((e) => e.type === 'JointTripRecorded');
  if (!recorded || !canSeeUnit(user, str(recorded.data.leadUnit))) return null;
  const t = recorded.data;
  const lang = state.lang;
  const vi = lang === 'vi';
  const members = Array.isArray(t.members) ? t.members.length : 0;
  return html`<p class="done" role="status" data-testid="form-done">
    ${vi ? 'Đã ghi nhận chuyến' : 'Recorded trip'} <strong>${str(t.tripId)}</strong>
    (${str(t.team)}): ${date(str(t.from), lang)} – ${date(str(t.to), lang)}, ${members}
    ${vi ? 'thành viên' : members === 1 ? 'member' : 'members'}.
  </p>`;
}
