import type { Request, Response } from 'express';
import { FormBridge } from './form-bridge';
import { isSuccess, refusalShown } from './form-answer';
import { FieldErrors, formKeyOf, type FieldError } from './form-infra';
import type { FormPost } from './form-gate';

/** How one form reaches its API route, and where a refusal without a field belongs. */
export interface FormSpec {
  /** The API route, e.g. `/api/v1/expenditures` or `/api/v1/expenditures/<id>/approve`. */
  readonly path: string;
  /** The API's JSON body from the fields (throws FieldErrors for what it cannot read). */
  readonly body: () => Record<string, unknown>;
  /** The form's field names: a refusal naming one is shown beside it. */
  readonly fields: readonly string[];
  /** A refusal code the API gives without a field → the field it is about. */
  readonly fieldOf?: Readonly<Record<string, string>>;
  /** A dotted API path (`specimen.number`) → the form field that types it. */
  readonly fieldAt?: Readonly<Record<string, string>>;
  /** The form field an API field path names (`activities[1].name` → the row's field). */
  readonly locate?: (apiPath: string) => string | null;
}

export type FormOutcome =
  | { readonly ok: true; readonly answer: Record<string, unknown> }
  | {
      readonly ok: false;
      readonly status: number;
      readonly errors: readonly FieldError[];
      readonly top: readonly string[];
    };

const MISSING_KEY = {
  vi: 'Biểu mẫu thiếu khóa chống gửi trùng; hãy mở lại biểu mẫu.',
  en: 'The form lacks its duplicate-submission key; open the form again.',
};

/**
 * One form POST, after the gate: read the fields (nothing sent when one cannot be read),
 * hand the body to the API route with the form's key, and say what to show.
 */
export async function submitForm(
  bridge: FormBridge,
  req: Request,
  res: Response,
  post: FormPost,
  spec: FormSpec,
): Promise<FormOutcome> {
  const lang = post.state.lang;
  const key = formKeyOf(post.fields);
  if (!key) return { ok: false, status: 400, errors: [], top: [MISSING_KEY[lang]] };
  let body: Record<string, unknown>;
  try {
    body = spec.body();
  } catch (error) {
    if (error instanceof FieldErrors) {
      return { ok: false, status: 400, errors: error.errors, top: [] };
    }
    throw error;
  }
  const answer = await bridge.send(req, res, post.user, { path: spec.path, body, key });
  if (isSuccess(answer)) {
    return { ok: true, answer: (answer.body ?? {}) as Record<string, unknown> };
  }
  return {
    ok: false,
    ...refusalShown(answer, lang, spec.fields, spec.fieldOf, spec.fieldAt, spec.locate),
  };
}
