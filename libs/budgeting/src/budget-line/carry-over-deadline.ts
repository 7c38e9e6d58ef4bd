import { carryOverDeadline, formatVietnameseDate, parseBusinessDate } from '../shared/dates';
import { parseDocumentNumber } from '../shared/document-number';
import { DomainError } from '../shared/domain-error';
import type { DecisionCitation } from './budget-line.events';

/**
 * Where a carried-over line's deadline comes from: the carry-over decision stated it
 * ('decision'), or it stated none and the ledger used 31/12 of the receiving year
 * ('default'). Events recorded before 0.9.0 carry no basis: they were all the default.
 */
export type DeadlineBasis = 'decision' | 'default';

export const deadlineErrors = {
  beforeCarryOver: (deadline: string, on: string) =>
    new DomainError(
      'TRANSFER.DEADLINE_BEFORE_CARRY_OVER',
      'validation',
      {
        vi: `deadline: hạn sử dụng ${formatVietnameseDate(deadline)} trước ngày chuyển nguồn ${formatVietnameseDate(on)}`,
        en: `deadline: the deadline ${deadline} precedes the carry-over's date ${on}`,
      },
      { field: 'deadline', deadline, on },
    ),
  onlyForCarryOver: () =>
    new DomainError(
      'TRANSFER.DEADLINE_ONLY_FOR_CARRY_OVER',
      'validation',
      {
        vi: 'deadline: chỉ quyết định chuyển nguồn mới nêu hạn sử dụng',
        en: 'deadline: only a carry-over decision states a deadline',
      },
      { field: 'deadline' },
    ),
  conflicting: (line: string, current: string, stated: string) =>
    new DomainError(
      'BUDGET.CARRY_OVER_DEADLINE_CONFLICT',
      'rule',
      {
        vi: `deadline: dòng ${line} đã có hạn sử dụng ${formatVietnameseDate(current)}; tiền chuyển nguồn với hạn ${formatVietnameseDate(stated)} phải theo quyết định gia hạn, không ghi chung dòng với hạn khác`,
        en: `deadline: line ${line} already has the deadline ${current}; money carried over with the deadline ${stated} cannot share it (extend the line's deadline by a decision instead)`,
      },
      { field: 'deadline', current, stated },
    ),
  intoCurrentYear: (line: string, deadline: string) =>
    new DomainError(
      'BUDGET.CARRIED_DEADLINE_INTO_CURRENT_YEAR',
      'rule',
      {
        vi: `toLine: kinh phí chuyển nguồn (hạn sử dụng ${formatVietnameseDate(deadline)}) không chuyển sang dòng ${line} của kinh phí năm nay: tiền giữ hạn sử dụng của nó`,
        en: `toLine: carried-over money (deadline ${deadline}) does not move onto ${line}, a line of the year's own money: the money keeps its deadline`,
      },
      { field: 'toLine', deadline },
    ),
  noDeadline: (line: string) =>
    new DomainError('BUDGET.NO_CARRY_OVER_DEADLINE', 'rule', {
      vi: `Dòng ${line} không có kinh phí chuyển nguồn nên không có hạn để gia hạn`,
      en: `Line ${line} holds no carried-over money: it has no deadline to extend`,
    }),
  notLater: (current: string, asked: string) =>
    new DomainError(
      'BUDGET.DEADLINE_NOT_LATER',
      'validation',
      {
        vi: `deadline: hạn mới ${formatVietnameseDate(asked)} phải sau hạn hiện tại ${formatVietnameseDate(current)}`,
        en: `deadline: the new deadline ${asked} must be after the current one, ${current}`,
      },
      { field: 'deadline', current, asked },
    ),
  alreadyLapsed: (line: string, deadline: string) =>
    new DomainError(
      'BUDGET.CARRY_OVER_ALREADY_LAPSED',
      'rule',
      {
        vi: `Kinh phí chuyển nguồn của dòng ${line} đã hết hạn ngày ${formatVietnameseDate(deadline)}: chỉ gia hạn được khi quyết định cho phép tiếp tục sử dụng kinh phí đã hết hạn (coversLapsed)`,
        en: `The carried-over money of line ${line} lapsed on ${deadline}: it is extended only by a decision that allows money already lapsed to be used again (coversLapsed)`,
      },
      { field: 'coversLapsed', deadline },
    ),
};

/** The deadline a carry-over records: the decision's, else 31/12 of the receiving year. */
export function carryOverDeadlineOf(
  stated: string | null | undefined,
  fiscalYear: number,
  on: string,
): { readonly deadline: string; readonly deadlineBasis: DeadlineBasis } {
  if (stated === null || stated === undefined) {
    return { deadline: carryOverDeadline(fiscalYear), deadlineBasis: 'default' };
  }
  const deadline = parseBusinessDate(stated, 'deadline');
  if (deadline < on) throw deadlineErrors.beforeCarryOver(deadline, on);
  return { deadline, deadlineBasis: 'decision' };
}

/** A citation checked for form: a real number and date; the issuer read from the number. */
export function citationOf(
  number: string,
  issuedOn: string,
  issuer?: string | null,
): DecisionCitation {
  const parsed = parseDocumentNumber(number, 'decision');
  const date = parseBusinessDate(issuedOn, 'decisionIssuedOn', {
    from: '1945-09-02',
    to: '2100-12-31',
  });
  return { number: parsed.text, issuedOn: date, issuer: issuer?.trim() || parsed.issuer };
}

interface DeadlineFacts {
  readonly carryOverDeadline: string | null;
  readonly deadlineBasis: DeadlineBasis | null;
  readonly deadlineExtensions: readonly string[];
  /** The carry-over decision that set the deadline (or stated none), when the reader knows it. */
  readonly deadlineDecision?: string | null;
}

/**
 * Where the deadline comes from, for people: "theo quyết định 699/QĐ-UBND" (or "theo quyết
 * định" when the reader does not know which), "gia hạn: 111/2024/QH15", "mặc định 31/12".
 */
export function deadlineBasisLabel(line: DeadlineFacts, lang: 'vi' | 'en'): string {
  const extended = line.deadlineExtensions;
  if (extended.length > 0) {
    return `${lang === 'vi' ? 'gia hạn' : 'extended'}: ${extended.join(', ')}`;
  }
  if (line.deadlineBasis === 'decision') {
    const decision = line.deadlineDecision ? ` ${line.deadlineDecision}` : '';
    return lang === 'vi' ? `theo quyết định${decision}` : `by decision${decision}`;
  }
  return lang === 'vi' ? 'mặc định 31/12' : 'default 31/12';
}

/**
 * How people read a line's deadline: "31/12/2024 (mặc định 31/12)", "30/6/2025 (theo quyết
 * định)", "31/12/2025 (gia hạn: 111/2024/QH15)"; '' for a line without carried-over money.
 */
export function describeDeadline(line: DeadlineFacts, lang: 'vi' | 'en'): string {
  const date = line.carryOverDeadline;
  if (date === null) return '';
  const shown = lang === 'vi' ? formatVietnameseDate(date) : date;
  return `${shown} (${deadlineBasisLabel(line, lang)})`;
}
