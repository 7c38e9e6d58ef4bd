import type { UserInput } from '@app/api-state';
import { type Authority, ROLES, type Role, type Messages } from '@app/budgeting';
import { type UsageProblem, UsageError } from '../shared/cli-errors';

/** What `budget users add` takes besides the name. */
export interface NewUserOptions {
  readonly role?: string;
  readonly unit?: string;
  /** The id of an existing user: this account is another of that person's. */
  readonly person?: string;
  readonly capacity?: string;
  readonly title?: string;
  readonly scope?: string;
  readonly from?: string;
  readonly to?: string;
  readonly expires?: string;
}

export interface NewUser {
  readonly user: Omit<UserInput, 'id'>;
  readonly expiresAt: Date | null;
}

export const ROLE_LABELS: Readonly<Record<Role, Messages>> = {
  officer: { vi: 'cán bộ nghiệp vụ', en: 'officer' },
  accountant: { vi: 'kế toán', en: 'accountant' },
  approver: { vi: 'người phê duyệt', en: 'approver' },
  auditor: { vi: 'kiểm toán viên', en: 'auditor' },
  admin: { vi: 'quản trị viên', en: 'administrator' },
};

// The shapes the API and the domain accept (budget-line-key.ts, user-authority.ts).
const UNIT = /^[A-Z0-9_-]{2,40}$/;
const PROGRAM_PART = /^DA\d+(\.TDA\d+)?(\.ND\d+)?$/;
/** "KT." signs for the head, "TM." for a collective body, "TL."/"TUQ." by order; or the head. */
const CAPACITY = /^((KT|TM|TL|TUQ)\. \S.*|Chủ tịch)$/u;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;
const MAX_NAME = 200;
const MAX_TEXT = 200;

/** Options only an approver's delegation takes, as the user types them. */
const DELEGATION_OPTIONS = ['capacity', 'title', 'scope', 'from', 'to'] as const;

function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

function isCalendarDate(text: string): boolean {
  if (!DATE.test(text)) return false;
  const parsed = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === text;
}

class Problems {
  readonly list: UsageProblem[] = [];
  add(field: string, vi: string, en: string): void {
    this.list.push({ field, message: { vi: `${field}: ${vi}`, en: `${field}: ${en}` } });
  }
}

function checkDate(problems: Problems, field: string, value: string | undefined): string | null {
  if (value === undefined) return null;
  if (isCalendarDate(value)) return value;
  problems.add(
    field,
    `ngày không hợp lệ "${value}" (định dạng YYYY-MM-DD, phải là ngày có thật)`,
    `invalid date "${value}" (format YYYY-MM-DD, must exist in the calendar)`,
  );
  return null;
}

function checkText(problems: Problems, field: string, value: string | undefined): string | null {
  if (value === undefined) return null;
  const text = value.normalize('NFC').trim();
  if (text === '') problems.add(field, 'không được để trống', 'must not be empty');
  else if (text.length > MAX_TEXT) {
    problems.add(field, `dài quá ${MAX_TEXT} ký tự`, `longer than ${MAX_TEXT} characters`);
  }
  return text;
}

function parseScope(problems: Problems, value: string | undefined): string[] {
  if (value === undefined) return [];
  const parts = value
    .split(',')
    .map((p) => p.trim())
    .filter((p) => p !== '');
  const bad = parts.filter((p) => !PROGRAM_PART.test(p));
  if (parts.length === 0 || bad.length > 0) {
    problems.add(
      '--scope',
      `phạm vi không hợp lệ "${bad.join(',') || value}": danh sách dự án/tiểu dự án cách nhau bởi dấu phẩy, ví dụ DA6,DA7.TDA1`,
      `invalid scope "${bad.join(',') || value}": comma-separated program parts, e.g. DA6,DA7.TDA1`,
    );
  }
  return [...new Set(parts)];
}

function parseExpiry(problems: Problems, value: string | undefined, now: Date): Date | null {
  if (value === undefined) return null;
  const at = INSTANT.test(value) ? new Date(value) : null;
  if (!at || Number.isNaN(at.getTime())) {
    problems.add(
      '--expires',
      `thời điểm không hợp lệ "${value}" (ISO 8601 có múi giờ, ví dụ 2025-06-30T17:00:00+07:00)`,
      `invalid instant "${value}" (ISO 8601 with a time zone, e.g. 2025-06-30T17:00:00+07:00)`,
    );
    return null;
  }
  if (at.getTime() <= now.getTime()) {
    problems.add(
      '--expires',
      `"${value}" đã qua: mã truy cập sẽ hết hạn ngay`,
      `"${value}" is in the past: the token would never work`,
    );
  }
  return at;
}

/**
 * Checks everything `budget users add` was given and lists every problem at once, each
 * naming its option in Vietnamese and English (exit 2). An approver needs the capacity it
 * signs in; the delegation options mean nothing for other roles and are refused there.
 */
export function parseNewUser(
  name: string | undefined,
  options: NewUserOptions,
  now: Date = new Date(),
): NewUser {
  const problems = new Problems();
  // NFC: the same name typed on another keyboard (decomposed diacritics) stays the same name.
  const trimmedName = (name ?? '').normalize('NFC').trim();
  if (trimmedName === '') problems.add('<name>', 'thiếu họ tên', 'the name is missing');
  else if (trimmedName.length > MAX_NAME) {
    problems.add('<name>', `dài quá ${MAX_NAME} ký tự`, `longer than ${MAX_NAME} characters`);
  }

  const roleList = ROLES.join(', ');
  let role: Role | null = null;
  if (options.role === undefined) {
    problems.add(
      '--role',
      `thiếu vai trò (một trong: ${roleList})`,
      `the role is missing (one of: ${roleList})`,
    );
  } else if (isRole(options.role.trim())) {
    role = options.role.trim() as Role;
  } else {
    problems.add(
      '--role',
      `vai trò không hợp lệ "${options.role}" (một trong: ${roleList})`,
      `unknown role "${options.role}" (one of: ${roleList})`,
    );
  }

  const unit = options.unit === undefined ? null : options.unit.trim();
  if (unit !== null && !UNIT.test(unit)) {
    problems.add(
      '--unit',
      `mã đơn vị không hợp lệ "${options.unit}" (2–40 ký tự A-Z, 0-9, _ hoặc -)`,
      `invalid unit code "${options.unit}" (2–40 characters A-Z, 0-9, _ or -)`,
    );
  }

  // Officers and accountants work for a unit: without one they would act district-wide.
  if ((role === 'officer' || role === 'accountant') && unit === null) {
    problems.add(
      '--unit',
      `${role === 'officer' ? 'cán bộ nghiệp vụ' : 'kế toán'} phải thuộc một đơn vị: --unit MÃ_ĐƠN_VỊ`,
      `an ${role} must belong to a unit: --unit CODE`,
    );
  }
  const person = options.person === undefined ? null : options.person.trim();
  if (person !== null && !/^[A-Za-z0-9_.-]{1,100}$/.test(person)) {
    problems.add(
      '--person',
      `mã người dùng không hợp lệ "${person}"`,
      `invalid user id "${person}"`,
    );
  }

  let authority: Authority | null = null;
  if (role !== null && role !== 'approver') {
    for (const option of DELEGATION_OPTIONS) {
      if (options[option] === undefined) continue;
      problems.add(
        `--${option}`,
        `chỉ dùng cho vai trò approver (người phê duyệt), không dùng cho ${role}`,
        `only for the approver role, not for ${role}`,
      );
    }
  } else if (role === 'approver') {
    const capacity = checkText(problems, '--capacity', options.capacity);
    if (capacity === null) {
      problems.add(
        '--capacity',
        'người phê duyệt cần tư cách ký, ví dụ --capacity "KT. Chủ tịch"',
        'an approver needs the capacity it signs in, e.g. --capacity "KT. Chủ tịch"',
      );
    } else if (capacity !== '' && !CAPACITY.test(capacity)) {
      problems.add(
        '--capacity',
        `"${capacity}" phải bắt đầu bằng KT., TM., TL., TUQ. hoặc là "Chủ tịch"`,
        `"${capacity}" must start with KT., TM., TL., TUQ. or be "Chủ tịch"`,
      );
    }
    const title = checkText(problems, '--title', options.title);
    const programParts = parseScope(problems, options.scope);
    const validFrom = checkDate(problems, '--from', options.from);
    const validTo = checkDate(problems, '--to', options.to);
    if (validFrom !== null && validTo !== null && validTo < validFrom) {
      problems.add(
        '--to',
        `ngày kết thúc ${validTo} trước ngày bắt đầu ${validFrom}`,
        `end date ${validTo} is before the start date ${validFrom}`,
      );
    }
    authority = {
      capacity: capacity ?? '',
      title: title ?? '',
      programParts,
      units: [],
      validFrom,
      validTo,
    };
  }

  const expiresAt = parseExpiry(problems, options.expires, now);
  if (problems.list.length > 0 || role === null) throw new UsageError(problems.list);
  return {
    user: { name: trimmedName, role, unit, authority, ...(person ? { personId: person } : {}) },
    expiresAt,
  };
}
