import { authorize } from '../shared/authorization';
import { formatVietnameseDate } from '../shared/dates';
import { DomainError } from '../shared/domain-error';
import { requireDate, requireText } from './field.validation';
import { REFERENCE_POLICIES } from './reference.policy';
import type {
  SpendingUnitCommand,
  SpendingUnitEvent,
  SpendingUnitState,
} from './spending-unit.events';

/**
 * The unit's budget-relationship code (mã số đơn vị có quan hệ với ngân sách, mã ĐVQHNS)
 * as the finance office issues it (Thông tư 185/2015/TT-BTC): seven digits, which the
 * Treasury prints on the unit's statements. A unit keeps a code until another one takes
 * effect; the history stays, so a statement of any date is checked against the code in
 * force on it.
 */
export interface BudgetRelationshipCode {
  /** Seven digits. What the first digit says of the unit's kind is not checked (see README). */
  readonly budgetRelationshipCode: string;
  /** From this day on (inclusive), until the next code's validFrom. */
  readonly validFrom: string;
  /** The certificate or notice that assigns it (giấy chứng nhận mã số ĐVQHNS), if cited. */
  readonly certificate: string | null;
}

const SEVEN_DIGITS = /^[0-9]{7}$/;

type Record_ = Extract<SpendingUnitCommand, { type: 'RecordBudgetRelationshipCode' }>;

/** The code in force on `day` (the latest that took effect by then), or null. */
export function budgetRelationshipCodeOn(
  codes: readonly BudgetRelationshipCode[] | undefined,
  day: string,
): BudgetRelationshipCode | null {
  let found: BudgetRelationshipCode | null = null;
  for (const c of codes ?? []) if (c.validFrom <= day) found = c;
  return found;
}

/** The history with `c` in it, ordered by validFrom. */
export function withBudgetRelationshipCode(
  codes: readonly BudgetRelationshipCode[] | undefined,
  c: BudgetRelationshipCode,
): readonly BudgetRelationshipCode[] {
  return [...(codes ?? []).filter((o) => o.validFrom !== c.validFrom), c].sort((a, b) =>
    a.validFrom < b.validFrom ? -1 : a.validFrom > b.validFrom ? 1 : 0,
  );
}

function invalidCode(value: string): DomainError {
  return new DomainError(
    'UNIT.INVALID_BUDGET_RELATIONSHIP_CODE',
    'validation',
    {
      vi: `budgetRelationshipCode: mã ĐVQHNS "${value}" phải gồm đúng 7 chữ số (ví dụ 1234567)`,
      en: `budgetRelationshipCode: the budget-relationship code "${value}" must be exactly 7 digits (e.g. 1234567)`,
    },
    { field: 'budgetRelationshipCode' },
  );
}

/**
 * Records the unit's mã ĐVQHNS from a date. The same code from the same date, or a code
 * that is already the one in force on that date, records nothing; another code from a
 * date that already has one is refused (a correction of a wrong entry is not supported:
 * see README). The date lies within the unit's existence.
 */
export function recordBudgetRelationshipCode(
  command: Record_,
  state: SpendingUnitState,
): SpendingUnitEvent[] {
  authorize(REFERENCE_POLICIES.RecordBudgetRelationshipCode, command.actor);
  requireDate(command.on, 'on');
  const { code } = command.data;
  if (state.status !== 'registered' || state.unit.code !== code) {
    throw new DomainError(
      'UNIT.NOT_REGISTERED',
      'not_found',
      { vi: `Chưa đăng ký đơn vị ${code}`, en: `Unit ${code} is not registered` },
      { field: 'code', code },
    );
  }
  const value = command.data.budgetRelationshipCode;
  if (typeof value !== 'string' || !SEVEN_DIGITS.test(value)) throw invalidCode(String(value));
  const validFrom = requireDate(command.data.validFrom, 'validFrom');
  const certificate =
    command.data.certificate === null || command.data.certificate === undefined
      ? null
      : requireText(command.data.certificate, 'certificate');
  const { unit } = state;
  if (validFrom < unit.validFrom || (unit.validTo !== null && validFrom > unit.validTo)) {
    throw new DomainError(
      'UNIT.BUDGET_CODE_OUTSIDE_UNIT_VALIDITY',
      'validation',
      {
        vi: `validFrom: ngày ${formatVietnameseDate(validFrom)} nằm ngoài thời gian hoạt động của đơn vị ${code} (từ ${formatVietnameseDate(unit.validFrom)}${unit.validTo ? ` đến ${formatVietnameseDate(unit.validTo)}` : ''})`,
        en: `validFrom: ${validFrom} lies outside unit ${code}'s existence (from ${unit.validFrom}${unit.validTo ? ` to ${unit.validTo}` : ''})`,
      },
      { field: 'validFrom', unitValidFrom: unit.validFrom, unitValidTo: unit.validTo ?? '' },
    );
  }
  const sameDay = state.budgetRelationshipCodes?.find((c) => c.validFrom === validFrom);
  if (sameDay && sameDay.budgetRelationshipCode !== value) {
    throw new DomainError(
      'UNIT.BUDGET_CODE_CONFLICT',
      'conflict',
      {
        vi: `budgetRelationshipCode: đơn vị ${code} đã có mã ĐVQHNS ${sameDay.budgetRelationshipCode} từ ngày ${formatVietnameseDate(validFrom)}; mã mới phải có ngày hiệu lực khác`,
        en: `budgetRelationshipCode: unit ${code} already has budget-relationship code ${sameDay.budgetRelationshipCode} from ${validFrom}; a new code takes another date`,
      },
      { field: 'budgetRelationshipCode', current: sameDay.budgetRelationshipCode },
    );
  }
  const inForce = budgetRelationshipCodeOn(state.budgetRelationshipCodes, validFrom);
  if (inForce?.budgetRelationshipCode === value) return [];
  return [
    {
      type: 'BudgetRelationshipCodeRecorded',
      data: {
        code,
        budgetRelationshipCode: value,
        validFrom,
        certificate,
        recordedBy: command.actor,
        on: command.on,
      },
    },
  ];
}

/** The code as the event records it (without who recorded it and when). */
export function budgetRelationshipCodeOf(
  data: Extract<SpendingUnitEvent, { type: 'BudgetRelationshipCodeRecorded' }>['data'],
): BudgetRelationshipCode {
  const { budgetRelationshipCode, validFrom, certificate } = data;
  return { budgetRelationshipCode, validFrom, certificate };
}
