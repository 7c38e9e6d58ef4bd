import type { Actor, Authority } from '../shared/actor';
import { authorize } from '../shared/authorization';
import { formatVietnameseDate, parseBusinessDate } from '../shared/dates';
import { assertNever } from '../shared/decider';
import { DomainError } from '../shared/domain-error';
import { formatMoney } from '../shared/money';
import { FISCAL_YEAR_POLICIES } from './fiscal-year.policy';
import type { LineSettlement } from './fiscal-year.settlement';

export type FiscalYearEvent =
  | {
      readonly type: 'FiscalYearCloseProposed';
      readonly data: {
        readonly fiscalYear: number;
        readonly proposedBy: string;
        readonly proposedByPerson?: string;
        /** How many lines of the year were found settled. */
        readonly lines: number;
      };
    }
  | {
      /** Events before 0.9.0 carry only the year (one administrator's command). */
      readonly type: 'FiscalYearClosed';
      readonly data: {
        readonly fiscalYear: number;
        readonly approvedBy?: string;
        readonly authority?: { readonly capacity: string; readonly title: string };
        readonly proposedBy?: string;
        readonly lines?: number;
      };
    };

export interface FiscalYearState {
  readonly status: 'open' | 'proposed' | 'closed';
  readonly proposedBy: string | null;
  readonly proposedByPerson: string | null;
}

interface Base {
  readonly actor: Actor;
  readonly on: string;
  readonly recordedOn?: string;
  readonly fiscalYear: number;
  /** Every line of the year with what is left on it, as the handler read them. */
  readonly lines: readonly LineSettlement[];
}

export type FiscalYearCommand =
  | (Base & { readonly type: 'ProposeFiscalYearClose' })
  | (Base & {
      readonly type: 'ApproveFiscalYearClose';
      readonly authority: Authority | null;
      /** The proposal's effective date: the approval may not precede it. */
      readonly proposedOn: string | null;
    });

export const initialFiscalYearState: FiscalYearState = {
  status: 'open',
  proposedBy: null,
  proposedByPerson: null,
};

export function fiscalYearStreamId(year: number): string {
  return `fiscal-year-${year}`;
}

/** The adjustment period (chỉnh lý) of a year's budget ends on 31/01 of the next year. */
export function adjustmentPeriodEnd(year: number): string {
  return `${year + 1}-01-31`;
}

export const fiscalYearErrors = {
  year: (year: number) =>
    new DomainError(
      'VALIDATION.FISCAL_YEAR',
      'validation',
      {
        vi: `năm ngân sách ${year} nằm ngoài 2000–2100`,
        en: `fiscal year ${year} is outside 2000–2100`,
      },
      { field: 'year' },
    ),
  tooEarly: (year: number, on: string) =>
    new DomainError(
      'FISCAL_YEAR.ADJUSTMENT_PERIOD_NOT_OVER',
      'rule',
      {
        vi: `effectiveDate: năm ${year} chỉ khóa sổ sau thời gian chỉnh lý (sau ${formatVietnameseDate(adjustmentPeriodEnd(year))}); ngày ${formatVietnameseDate(on)} còn trong hoặc trước thời gian đó`,
        en: `effectiveDate: ${year} closes only after its adjustment period (after ${adjustmentPeriodEnd(year)}); ${on} is not after it`,
      },
      { field: 'effectiveDate', notAfter: adjustmentPeriodEnd(year) },
    ),
  unsettled: (year: number, open: readonly LineSettlement[]) => {
    const shown = open.slice(0, 5);
    const list = (lang: 'vi' | 'en') =>
      shown
        .map((l) => `${l.lineId}: ${lang === 'vi' ? formatMoney(l.remainder) : l.remainder} đồng`)
        .join('; ') + (open.length > shown.length ? '; …' : '');
    return new DomainError(
      'FISCAL_YEAR.LINES_NOT_SETTLED',
      'rule',
      {
        vi: `Năm ${year} chưa khóa sổ được: ${open.length} dòng còn số dư chưa chuyển nguồn hoặc hủy (${list('vi')})`,
        en: `${year} cannot be closed: ${open.length} line(s) hold a remainder not carried over or cancelled (${list('en')})`,
      },
      { lines: String(open.length), line: shown[0]?.lineId ?? '' },
    );
  },
  notProposed: (year: number) =>
    new DomainError('FISCAL_YEAR.CLOSE_NOT_PROPOSED', 'conflict', {
      vi: `Chưa có đề nghị khóa sổ năm ${year} để phê duyệt`,
      en: `There is no proposal to close ${year} to approve`,
    }),
  closed: (year: number) =>
    new DomainError('FISCAL_YEAR.ALREADY_CLOSED', 'conflict', {
      vi: `Năm ngân sách ${year} đã khóa sổ`,
      en: `Fiscal year ${year} is already closed`,
    }),
};

function requireClosable(c: FiscalYearCommand, state: FiscalYearState): void {
  if (!Number.isSafeInteger(c.fiscalYear) || c.fiscalYear < 2000 || c.fiscalYear > 2100) {
    throw fiscalYearErrors.year(c.fiscalYear);
  }
  parseBusinessDate(c.on, 'effectiveDate');
  if (state.status === 'closed') throw fiscalYearErrors.closed(c.fiscalYear);
  if (c.on <= adjustmentPeriodEnd(c.fiscalYear))
    throw fiscalYearErrors.tooEarly(c.fiscalYear, c.on);
  const open = c.lines.filter((l) => l.remainder !== 0n);
  if (open.length > 0) throw fiscalYearErrors.unsettled(c.fiscalYear, open);
}

/**
 * Khóa sổ in two steps by two persons: the finance office proposes, an approver approves.
 * Both are judged on their own date and on the lines as they stand then (a line may move
 * between the two), so the approval is what makes the year closed.
 */
export function decideFiscalYear(c: FiscalYearCommand, state: FiscalYearState): FiscalYearEvent[] {
  switch (c.type) {
    case 'ProposeFiscalYearClose': {
      authorize(FISCAL_YEAR_POLICIES.ProposeFiscalYearClose, c.actor, {
        on: c.on,
        recordedOn: c.recordedOn ?? c.on,
      });
      requireClosable(c, state);
      return [
        {
          type: 'FiscalYearCloseProposed',
          data: {
            fiscalYear: c.fiscalYear,
            proposedBy: c.actor.userId,
            ...(c.actor.personId ? { proposedByPerson: c.actor.personId } : {}),
            lines: c.lines.length,
          },
        },
      ];
    }
    case 'ApproveFiscalYearClose': {
      const authority = authorize(FISCAL_YEAR_POLICIES.ApproveFiscalYearClose, c.actor, {
        // The whole year, every part and unit: only a delegation over the whole program.
        targets: [{ unit: null, programPart: '' }],
        on: c.on,
        recordedOn: c.recordedOn ?? c.on,
        authority: c.authority,
        decidedItemOn: c.proposedOn,
        preparedBy: state.proposedBy
          ? [{ userId: state.proposedBy, personId: state.proposedByPerson }]
          : [],
      }) as Authority;
      if (state.status === 'open') throw fiscalYearErrors.notProposed(c.fiscalYear);
      requireClosable(c, state);
      return [
        {
          type: 'FiscalYearClosed',
          data: {
            fiscalYear: c.fiscalYear,
            approvedBy: c.actor.userId,
            authority: { capacity: authority.capacity, title: authority.title },
            proposedBy: state.proposedBy ?? '',
            lines: c.lines.length,
          },
        },
      ];
    }
    default:
      return assertNever(c);
  }
}

export function evolveFiscalYear(state: FiscalYearState, event: FiscalYearEvent): FiscalYearState {
  switch (event.type) {
    case 'FiscalYearCloseProposed':
      return {
        status: 'proposed',
        proposedBy: event.data.proposedBy,
        proposedByPerson: event.data.proposedByPerson ?? null,
      };
    case 'FiscalYearClosed':
      return { ...state, status: 'closed' };
    default:
      return assertNever(event);
  }
}

export const fiscalYearDecider = {
  name: 'fiscal-year@1',
  initialState: initialFiscalYearState,
  evolve: evolveFiscalYear,
  decide: decideFiscalYear,
  streamId: fiscalYearStreamId,
} as const;
