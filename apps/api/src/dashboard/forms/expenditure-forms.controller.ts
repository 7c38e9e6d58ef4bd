import { Controller, Get, Param, Post, Req, Res, UseFilters } from '@nestjs/common';
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
import { actionByRoute } from './expenditure-actions';
import { ExpenditureReads } from './expenditure-reads';
import { Inbox } from './inbox';
import { expenditureBody, type RefusedAction } from './expenditure.view';
import { bodyOf, fieldNames } from './form-def';
import { sendNotFound } from './not-found';
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
    private readonly expenditures: ExpenditureReads,
    private readonly inbox: Inbox,
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

  /** The expenditure, its state, and the forms this user may use on it now. */
  @Get(':id')
  async expenditurePage(
    @Param('id') id: string,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const visitor = await this.gate.visit(req, res);
    if (!visitor) return;
    await this.renderExpenditure(res, visitor, id, 200);
  }

  /** One action's form (sign, approve, reject, Treasury, disburse, settle, recover, reverse). */
  @Post(':id/:route')
  async act(
    @Param('id') id: string,
    @Param('route') route: string,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const post = await this.gate.open(req, res);
    if (!post) return;
    const action = actionByRoute(route);
    if (!action || !UUID.test(id)) {
      sendNotFound(res, post.user.actor, post.state);
      return;
    }
    const outcome = await submitForm(this.bridge, req, res, post, {
      path: `/api/v1/expenditures/${id}/${action.route}`,
      body: () => bodyOf(action.def, post.fields, post.state.lang),
      fields: fieldNames(action.def),
      ...(action.def.fieldOf ? { fieldOf: action.def.fieldOf } : {}),
    });
    if (outcome.ok) {
      res.redirect(303, href(`/expenditures/${id}`, post.state));
      return;
    }
    await this.renderExpenditure(res, post, id, outcome.status, {
      route,
      values: post.fields,
      errors: outcome.errors,
      top: outcome.top,
    });
  }

  private async renderExpenditure(
    res: Response,
    visitor: FormVisitor,
    id: string,
    status: number,
    refused?: RefusedAction,
  ): Promise<void> {
    const { state, user } = visitor;
    const e = UUID.test(id) ? await this.expenditures.one(user.actor, id) : null;
    if (!e) {
      sendNotFound(res, user.actor, state);
      return;
    }
    sendHtml(
      res,
      status,
      page({
        title: expenditureTitle(state.lang),
        section: 'form',
        path: `/expenditures/${id}`,
        state,
        user: user.actor,
        timeControl: false,
        forms: true,
        inboxCount: await this.inbox.count(user),
        body: expenditureBody({
          actor: user.actor,
          state,
          e,
          csrf: visitor.csrf,
          ...(refused ? { refused } : {}),
        }),
      }),
    );
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
        inboxCount: await this.inbox.count(user),
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
      status === 200 ? 'form' : undefined,
    );
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function expenditureTitle(lang: 'vi' | 'en'): string {
  return lang === 'vi' ? 'Khoản chi' : 'Expenditure';
}

function proposeTitle(lang: 'vi' | 'en'): string {
  return lang === 'vi' ? 'Đề xuất khoản chi' : 'Propose an expenditure';
}
