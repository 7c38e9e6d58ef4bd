import type { Lang } from '../format';
import type { ApiAnswer } from './form-bridge';
import type { FieldError } from './form-infra';

/** How a form shows an API refusal: beside which field, or at the top. */
export interface RefusalShown {
  readonly errors: readonly FieldError[];
  readonly top: readonly string[];
  readonly status: number;
}

interface ProblemBody {
  readonly code?: unknown;
  readonly message?: { vi?: unknown; en?: unknown };
  readonly errors?: readonly { field?: unknown; message?: { vi?: unknown; en?: unknown } }[];
  readonly details?: Record<string, unknown>;
}

function text(message: { vi?: unknown; en?: unknown } | undefined, lang: Lang): string {
  const value = message?.[lang] ?? message?.vi;
  return typeof value === 'string' ? value : '';
}

/**
 * The problem+json of a refusal, placed on the form: each `errors[].field` (the API's
 * validation) and a domain refusal's `details.field` beside that field when the form has
 * it; a code the form maps (`fieldOf`: BUDGET.LINE_OVERDRAWN → amount) beside its field;
 * anything else at the top. Always the problem's own message: one wording for both doors.
 */
export function refusalShown(
  answer: ApiAnswer,
  lang: Lang,
  formFields: readonly string[],
  fieldOf: Readonly<Record<string, string>> = {},
  fieldAt: Readonly<Record<string, string>> = {},
  locate: (apiPath: string) => string | null = () => null,
): RefusalShown {
  const problem = (answer.body ?? {}) as ProblemBody;
  const errors: FieldError[] = [];
  const top: string[] = [];
  const place = (field: unknown, message: string): void => {
    // A nested field (specimen.number) beside the form field declared for that path; a
    // row's field (activities[1].name) beside the row that was sent; else its root field.
    const at = typeof field === 'string' ? (fieldAt[field] ?? locate(field)) : null;
    const root = typeof field === 'string' ? field.split(/[.[]/)[0] : undefined;
    if (at) errors.push({ field: at, message });
    else if (root && formFields.includes(root)) errors.push({ field: root, message });
    else top.push(message);
  };
  const listed = Array.isArray(problem.errors) ? (problem.errors as ProblemBody['errors']) : [];
  if (listed && listed.length > 0) {
    for (const e of listed) place(e.field, text(e.message, lang));
  } else {
    const code = typeof problem.code === 'string' ? problem.code : '';
    place(fieldOf[code] ?? problem.details?.field, text(problem.message, lang) || code);
  }
  return { errors, top, status: answer.status };
}

export function isSuccess(answer: ApiAnswer): boolean {
  return answer.status >= 200 && answer.status < 300;
}
