import { Controller, Get, Post, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { LedgerClock } from '@app/application';
import { Public } from '../../auth';
import { DashboardErrorFilter } from '../dashboard-error.filter';
import { href } from '../page-state';
import { sendHtml } from '../send-html';
import { page } from '../views/layout.view';
import { FormBridge } from './form-bridge';
import { FormGate, type FormVisitor } from './form-gate';
import { dateInputValue, newFormKey, type FieldError, type FormFields } from './form-infra';
import { FormReads } from './form-reads';
import { submitForm } from './form-submit';
import { PROPOSE_FIELD_OF, PROPOSE_FIELDS, proposeBody, proposeForm } from './propose.form';

/**
 * The payment's forms. @Public() for the API's AuthGuard like every dashboard page: the
 * FormGate checks the session (and on POST the origin and CSRF token); the write itself
 * is the API route's, reached through the FormBridge.
 */
@ApiExcludeController()
@Public()
@UseFilters(DashboardErrorFilter)
@Controller('expenditures')
export class ExpenditureFormsController {
  constructor(
    private readonly gate: FormGate,
    private readonly bridge: FormBridge,
    private readonly reads: FormReads,
    private readonly clock: LedgerClock,
  ) {}

  @Get('new')
  async proposePage(@Req() req: Request, @Res() res: Response): Promise<void> {
    const visitor = await this.gate.visit(req, res);
    if (!visitor) return;
    const line = typeof req.query.line === 'string' ? req.query.line : '';
    const values = { effectiveDate: dateInputValue(this.clock.today()), budgetLineId: line };
    await this.renderPropose(res, visitor, 200, values, [], []);
  }

  @Post('new')
  async propose(@Req() req: Request, @Res() res: Response): Promise<void> {
    const post = await this.gate.open(req, res);
    if (!post) return;
    const outcome = await submitForm(this.bridge, req, res, post, {
      path: '/api/v1/expenditures',
      body: () => proposeBody(post.fields, post.state.lang),
      fields: PROPOSE_FIELDS,
      fieldOf: PROPOSE_FIELD_OF,
    });
    if (outcome.ok) {
      res.redirect(303, href(`/expenditures/${String(outcome.answer.id)}`, post.state));
      return;
    }
    await this.renderPropose(res, post, outcome.status, post.fields, outcome.errors, outcome.top);
  }

  private async renderPropose(
    res: Response,
    visitor: FormVisitor,
    status: number,
    values: FormFields,
    errors: readonly FieldError[],
    top: readonly string[],
  ): Promise<void> {
    const { state, user } = visitor;
    const year = state.year ?? Number(this.clock.today().slice(0, 4));
    const lines = await this.reads.lines(user.actor, year);
    const units = [...new Set(lines.map((l) => l.unit))];
    const activities = (await Promise.all(units.map((u) => this.reads.activities(year, u)))).flat();
    sendHtml(
      res,
      status,
      page({
        title: proposeTitle(state.lang),
        section: 'form',
        path: '/expenditures/new',
        state,
        user: user.actor,
        timeControl: false,
        forms: true,
        body: proposeForm({
          ctx: { lang: state.lang, values, errors },
          action: href('/expenditures/new', state),
          csrf: visitor.csrf,
          key: newFormKey(),
          lines,
          activities,
          topErrors: top,
        }),
      }),
    );
  }
}

function proposeTitle(lang: 'vi' | 'en'): string {
  return lang === 'vi' ? 'Đề xuất khoản chi' : 'Propose an expenditure';
}
