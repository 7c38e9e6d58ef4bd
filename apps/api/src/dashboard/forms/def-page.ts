import { Injectable } from '@nestjs/common';
import type { Request, Response } from 'express';
import { html, type SafeHtml } from '../html';
import { sendHtml } from '../send-html';
import { page } from '../views/layout.view';
import { formFieldAt } from './field-locator';
import { FormBridge } from './form-bridge';
import { apiFieldMap, bodyOf, fieldNames, renderForm, type FormDef, type Text } from './form-def';
import type { FormPost, FormVisitor } from './form-gate';
import { newFormKey, type FieldError, type FormFields } from './form-infra';
import { submitForm, type FormOutcome } from './form-submit';

/** One declared form on a page: where it posts, what it shows first. */
export interface PageForm {
  readonly def: FormDef;
  /** The dashboard path the form posts to. */
  readonly action: string;
  /** Values shown when the page is first opened (a date of today, a line picked). */
  readonly values?: FormFields;
}

/** A form that was refused: shown again with what was typed and why. */
export interface Refused {
  readonly id: string;
  readonly values: FormFields;
  readonly errors: readonly FieldError[];
  readonly top: readonly string[];
}

export interface DefPageInput {
  readonly title: Text;
  /** The page's own path, for the language toggle. */
  readonly path: string;
  readonly intro?: SafeHtml;
  readonly forms: readonly PageForm[];
  readonly refused?: Refused;
}

/**
 * Pages of declared forms (form-def.ts) for the finance office, transfers and plans: one
 * form is the page (h1), several are sections of it (h2, their ids prefixed). A refused
 * form comes back with its input and errors and a new idempotency key; the others fresh.
 */
@Injectable()
export class DefPages {
  constructor(private readonly bridge: FormBridge) {}

  send(res: Response, visitor: FormVisitor, status: number, input: DefPageInput): void {
    const { state, user } = visitor;
    const lang = state.lang;
    // A page that is one form: its heading is the page's; else the forms are sections.
    const single = input.forms.length === 1 && !input.intro;
    const forms = input.forms.map((f) => {
      const refused = input.refused?.id === f.def.id ? input.refused : undefined;
      return renderForm({
        def: f.def,
        ctx: {
          lang,
          values: refused?.values ?? f.values ?? {},
          errors: refused?.errors ?? [],
        },
        action: f.action,
        csrf: visitor.csrf,
        key: newFormKey(),
        level: single ? 1 : 2,
        ...(refused ? { topErrors: refused.top } : {}),
      });
    });
    sendHtml(
      res,
      status,
      page({
        title: input.title[lang],
        section: 'office',
        path: input.path,
        state,
        user: user.actor,
        timeControl: false,
        forms: true,
        body: single
          ? html`${input.intro ?? ''}${forms}`
          : html`<h1>${input.title[lang]}</h1>
              ${input.intro ?? ''}${forms}`,
      }),
      'form',
    );
  }

  /**
   * The form's fields to the API route through the bridge. `adjust` turns what the
   * declared fields cannot say into the API's body (a year as a number, say).
   */
  submit(
    req: Request,
    res: Response,
    post: FormPost,
    def: FormDef,
    path: string,
    adjust: (body: Record<string, unknown>) => Record<string, unknown> = (b) => b,
  ): Promise<FormOutcome> {
    return submitForm(this.bridge, req, res, post, {
      path,
      body: () => adjust(bodyOf(def, post.fields, post.state.lang)),
      fields: fieldNames(def),
      fieldAt: apiFieldMap(def),
      ...(def.fieldOf ? { fieldOf: def.fieldOf } : {}),
      locate: (apiPath) => formFieldAt(def, post.fields, apiPath),
    });
  }
}

/** A refused outcome as the page shows it again. */
export function refusedOf(
  def: FormDef,
  post: FormPost,
  outcome: Extract<FormOutcome, { ok: false }>,
): Refused {
  return { id: def.id, values: post.fields, errors: outcome.errors, top: outcome.top };
}

/** Whole numbers the API takes as numbers (years, counts), typed as text. */
export function asIntegers(
  body: Record<string, unknown>,
  names: readonly string[],
): Record<string, unknown> {
  const out = { ...body };
  for (const name of names) {
    const value = out[name];
    if (typeof value === 'string' && /^\d{1,9}$/.test(value)) out[name] = Number(value);
  }
  return out;
}
