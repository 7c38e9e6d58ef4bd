import { Controller, Get, Param, Post, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { LedgerClock, LineCommands } from '@app/application';
import { available, parseBudgetLineId, type BudgetLineState } from '@app/budgeting';
import { Public } from '../../auth';
import { DashboardErrorFilter } from '../dashboard-error.filter';
import { date, money } from '../format';
import { href, queryString } from '../page-state';
import { canSeeUnit } from '../visibility';
import { DefPages, refusedOf, type Refused } from './def-page';
import type { FormDef } from './form-def';
import { FormGate, type FormPost, type FormVisitor } from './form-gate';
import { dateInputValue } from './form-infra';
import type { FormOutcome } from './form-submit';
import {
  CANCEL_FUNDS,
  DECISION_FIELD_ALIAS,
  EXTEND_CARRY_OVER,
  RETAIN_COMMITMENTS,
  RETURN_FUNDS,
} from './line.forms';
import { FormReads } from './form-reads';
import { LINE_PICKER_TITLE, lineDecisionsIntro, linePicker } from './line-forms.view';
import { sendNotFound } from './not-found';

/** The three decisions on one line: the dashboard path's last part → its form and API route. */
const LINE_DECISIONS = {
  retentions: RETAIN_COMMITMENTS,
  returns: RETURN_FUNDS,
  cancellations: CANCEL_FUNDS,
} as const satisfies Record<string, FormDef>;

type LineDecision = keyof typeof LINE_DECISIONS;

/** An approved expenditure not yet paid: what a retention may keep past the deadline. */
function retainable(line: BudgetLineState): string[] {
  return [...line.expenditures.values()]
    .filter(
      (e) =>
        (e.status === 'approved' || e.status === 'lapsed') &&
        e.disbursed === 0n &&
        e.retainedUntil === null,
    )
    .map((e) => e.id);
}

/** A refusal the API names by a nested field (`decision.number`) shown beside the form's own. */
function aliased(outcome: Extract<FormOutcome, { ok: false }>): typeof outcome {
  return {
    ...outcome,
    errors: outcome.errors.map((e) => ({ ...e, field: DECISION_FIELD_ALIAS[e.field] ?? e.field })),
  };
}

/**
 * The finance office's forms on a line's money after its allocation: a carry-over's
 * deadline extended (`/carry-over-extensions/new`), and on one line (`/lines/{id}/decisions`)
 * approved expenditures kept past the deadline, money returned to a higher level, an
 * estimate cancelled. Each posts to the API route of the same write through the
 * FormBridge (POST /api/v1/carry-over-extensions, /budget-lines/{id}/retentions,
 * /returns, /cancellations): the API's role, unit and date rules decide.
 */
@ApiExcludeController()
@Public()
@UseFilters(DashboardErrorFilter)
@Controller()
export class LineFormsController {
  constructor(
    private readonly gate: FormGate,
    private readonly pages: DefPages,
    private readonly lines: LineCommands,
    private readonly reads: FormReads,
    private readonly clock: LedgerClock,
  ) {}

  @Get('carry-over-extensions/new')
  async extendPage(@Req() req: Request, @Res() res: Response): Promise<void> {
    const visitor = await this.gate.visit(req, res);
    if (visitor) this.extension(res, visitor, 200, queryString(req, 'line') ?? '');
  }

  @Post('carry-over-extensions/new')
  async extend(@Req() req: Request, @Res() res: Response): Promise<void> {
    const post = await this.gate.open(req, res);
    if (!post) return;
    const outcome = await this.pages.submit(
      req,
      res,
      post,
      EXTEND_CARRY_OVER,
      '/api/v1/carry-over-extensions',
      (body) => ({ ...body, coversLapsed: body.coversLapsed === 'yes' }),
    );
    if (outcome.ok) {
      const first = (post.fields.lines ?? '').split(/[\n;]+/)[0]?.trim() ?? '';
      res.redirect(303, href(`/lines/${encodeURIComponent(first)}`, post.state));
      return;
    }
    this.extension(res, post, outcome.status, '', refusedOf(EXTEND_CARRY_OVER, post, outcome));
  }

  /** Where a line's decisions start: pick one of the lines the user may see. */
  @Get('line-decisions')
  async pickPage(@Req() req: Request, @Res() res: Response): Promise<void> {
    const visitor = await this.gate.visit(req, res);
    if (!visitor) return;
    const picked = queryString(req, 'line');
    if (picked) {
      res.redirect(303, href(`/lines/${encodeURIComponent(picked)}/decisions`, visitor.state));
      return;
    }
    const year = visitor.state.year ?? Number(this.clock.today().slice(0, 4));
    const lines = await this.reads.lines(visitor.user.actor, year);
    this.pages.send(res, visitor, 200, {
      title: LINE_PICKER_TITLE,
      path: '/line-decisions',
      intro: linePicker(lines, visitor.state),
      forms: [],
    });
  }

  @Get('lines/:id/decisions')
  async decisionsPage(
    @Param('id') id: string,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const visitor = await this.gate.visit(req, res);
    if (visitor) await this.decisions(res, visitor, id, 200);
  }

  @Post('lines/:id/retentions')
  async retain(@Param('id') id: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    await this.decide(req, res, id, 'retentions');
  }

  @Post('lines/:id/returns')
  async returnFunds(
    @Param('id') id: string,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    await this.decide(req, res, id, 'returns');
  }

  @Post('lines/:id/cancellations')
  async cancel(@Param('id') id: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    await this.decide(req, res, id, 'cancellations');
  }

  private async decide(
    req: Request,
    res: Response,
    id: string,
    decision: LineDecision,
  ): Promise<void> {
    const post = await this.gate.open(req, res);
    if (!post) return;
    if (!this.visibleLine(post, id)) {
      sendNotFound(res, post.user.actor, post.state);
      return;
    }
    const def = LINE_DECISIONS[decision];
    const path = `/api/v1/budget-lines/${encodeURIComponent(id)}/${decision}`;
    const outcome = await this.pages.submit(req, res, post, def, path);
    if (outcome.ok) {
      res.redirect(303, href(`/lines/${encodeURIComponent(id)}`, post.state));
      return;
    }
    await this.decisions(res, post, id, outcome.status, refusedOf(def, post, aliased(outcome)));
  }

  private visibleLine(visitor: FormVisitor, id: string): boolean {
    try {
      return canSeeUnit(visitor.user.actor, parseBudgetLineId(id).unit);
    } catch {
      return false;
    }
  }

  private extension(
    res: Response,
    visitor: FormVisitor | FormPost,
    status: number,
    line: string,
    refused?: Refused,
  ): void {
    const today = dateInputValue(this.clock.today());
    this.pages.send(res, visitor, status, {
      title: EXTEND_CARRY_OVER.title,
      path: '/carry-over-extensions/new',
      forms: [
        {
          def: EXTEND_CARRY_OVER,
          action: href('/carry-over-extensions/new', visitor.state),
          values: { lines: line, effectiveDate: today, coversLapsed: 'no' },
        },
      ],
      ...(refused ? { refused } : {}),
    });
  }

  private async decisions(
    res: Response,
    visitor: FormVisitor,
    id: string,
    status: number,
    refused?: Refused,
  ): Promise<void> {
    const state = this.visibleLine(visitor, id) ? await this.lines.state(id) : null;
    if (!state?.key) {
      sendNotFound(res, visitor.user.actor, visitor.state);
      return;
    }
    const lang = visitor.state.lang;
    const today = dateInputValue(this.clock.today());
    const action = (decision: LineDecision): string =>
      href(`/lines/${encodeURIComponent(id)}/${decision}`, visitor.state);
    const kept = retainable(state);
    this.pages.send(res, visitor, status, {
      title: { vi: `Quyết định trên dòng ${id}`, en: `Decisions on line ${id}` },
      path: `/lines/${encodeURIComponent(id)}/decisions`,
      intro: lineDecisionsIntro(id, state, visitor.state, {
        available: money(available(state.balances), lang),
        deadline: state.carryOverDeadline ? date(state.carryOverDeadline, lang) : null,
      }),
      forms: [
        // A retention only means something on a carried-over line.
        ...(state.carryOverDeadline
          ? [
              {
                def: RETAIN_COMMITMENTS,
                action: action('retentions'),
                values: { expenditureIds: kept.join('\n'), effectiveDate: today },
              },
            ]
          : []),
        { def: RETURN_FUNDS, action: action('returns'), values: { effectiveDate: today } },
        { def: CANCEL_FUNDS, action: action('cancellations'), values: { effectiveDate: today } },
      ],
      ...(refused ? { refused } : {}),
    });
  }
}
