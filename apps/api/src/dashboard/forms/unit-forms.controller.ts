import { Controller, Get, Param, Post, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { LedgerClock } from '@app/application';
import { REFERENCE_POLICIES, streamIdForSpendingUnit } from '@app/budgeting';
import { Public } from '../../auth';
import { DashboardErrorFilter } from '../dashboard-error.filter';
import { href, queryString } from '../page-state';
import { canSeeUnit } from '../visibility';
import { DefPages, refusedOf, type PageForm, type Refused } from './def-page';
import type { FormDef } from './form-def';
import { FormGate, type FormVisitor } from './form-gate';
import { dateInputValue } from './form-infra';
import { sendNotFound } from './not-found';
import { RECORD_BUDGET_CODE, REGISTER_SIGNATORY, REGISTER_UNIT } from './reference.forms';
import { StreamReads } from './stream-reads';
import { openUnitForm, unitFacts, unitViewOf } from './unit.view';

const CODE = /^[A-Z0-9_-]{2,40}$/;

/**
 * The finance office's records of a spending unit: register it (`/units/new`), then on
 * its page (`/units/{code}`) what the ledger holds of it — validity, account signatories,
 * mã ĐVQHNS — with the forms to add a signatory or a code. Each posts through the
 * FormBridge to the API's own route (POST /api/v1/units, …/signatories,
 * …/budget-relationship-codes): administrators may; the API decides every submission.
 */
@ApiExcludeController()
@Public()
@UseFilters(DashboardErrorFilter)
@Controller('units')
export class UnitFormsController {
  constructor(
    private readonly gate: FormGate,
    private readonly pages: DefPages,
    private readonly streams: StreamReads,
    private readonly clock: LedgerClock,
  ) {}

  /** `?code=X` (the "open a unit" form) → that unit's page. */
  @Get()
  async open(@Req() req: Request, @Res() res: Response): Promise<void> {
    const visitor = await this.gate.visit(req, res);
    if (!visitor) return;
    const code = (queryString(req, 'code') ?? '').trim().toUpperCase();
    res.redirect(
      303,
      href(code ? `/units/${encodeURIComponent(code)}` : '/units/new', visitor.state),
    );
  }

  @Get('new')
  async registerPage(@Req() req: Request, @Res() res: Response): Promise<void> {
    const visitor = await this.gate.visit(req, res);
    if (visitor) this.registration(res, visitor, 200);
  }

  @Post('new')
  async register(@Req() req: Request, @Res() res: Response): Promise<void> {
    const post = await this.gate.open(req, res);
    if (!post) return;
    const outcome = await this.pages.submit(req, res, post, REGISTER_UNIT, '/api/v1/units');
    if (outcome.ok) {
      const code = (post.fields.code ?? '').trim();
      res.redirect(303, href(`/units/${encodeURIComponent(code)}`, post.state));
      return;
    }
    this.registration(res, post, outcome.status, refusedOf(REGISTER_UNIT, post, outcome));
  }

  @Get(':code')
  async unitPage(
    @Param('code') code: string,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const visitor = await this.gate.visit(req, res);
    if (visitor) await this.renderUnit(res, visitor, code, 200);
  }

  @Post(':code/signatories')
  async signatory(
    @Param('code') code: string,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    await this.record(req, res, code, REGISTER_SIGNATORY, 'signatories');
  }

  @Post(':code/budget-relationship-codes')
  async budgetCode(
    @Param('code') code: string,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    await this.record(req, res, code, RECORD_BUDGET_CODE, 'budget-relationship-codes');
  }

  private async record(
    req: Request,
    res: Response,
    code: string,
    def: FormDef,
    route: 'signatories' | 'budget-relationship-codes',
  ): Promise<void> {
    const post = await this.gate.open(req, res);
    if (!post) return;
    if (!CODE.test(code) || !canSeeUnit(post.user.actor, code)) {
      sendNotFound(res, post.user.actor, post.state);
      return;
    }
    const outcome = await this.pages.submit(req, res, post, def, `/api/v1/units/${code}/${route}`);
    if (outcome.ok) {
      res.redirect(303, href(`/units/${code}`, post.state));
      return;
    }
    await this.renderUnit(res, post, code, outcome.status, refusedOf(def, post, outcome));
  }

  private registration(
    res: Response,
    visitor: FormVisitor,
    status: number,
    refused?: Refused,
  ): void {
    const today = dateInputValue(this.clock.today());
    this.pages.send(res, visitor, status, {
      // The page also opens a registered unit: its heading is not the form's.
      title: { vi: 'Đơn vị sử dụng ngân sách', en: 'Spending units' },
      path: '/units/new',
      intro: openUnitForm(visitor.state),
      forms: [
        {
          def: REGISTER_UNIT,
          action: href('/units/new', visitor.state),
          values: { kind: 'district_agency', validFrom: today },
        },
      ],
      ...(refused ? { refused } : {}),
    });
  }

  private async renderUnit(
    res: Response,
    visitor: FormVisitor,
    code: string,
    status: number,
    refused?: Refused,
  ): Promise<void> {
    const { state, user } = visitor;
    const view =
      CODE.test(code) && canSeeUnit(user.actor, code)
        ? unitViewOf(await this.streams.events(streamIdForSpendingUnit(code)))
        : null;
    if (!view) {
      sendNotFound(res, user.actor, state);
      return;
    }
    const today = dateInputValue(this.clock.today());
    const forms: PageForm[] = [];
    if (REFERENCE_POLICIES.RegisterUnitSignatory.roles.includes(user.actor.role)) {
      forms.push({
        def: REGISTER_SIGNATORY,
        action: href(`/units/${code}/signatories`, state),
        values: { validFrom: today, specimenRegisteredOn: today },
      });
    }
    if (REFERENCE_POLICIES.RecordBudgetRelationshipCode.roles.includes(user.actor.role)) {
      forms.push({
        def: RECORD_BUDGET_CODE,
        action: href(`/units/${code}/budget-relationship-codes`, state),
        values: { validFrom: today },
      });
    }
    this.pages.send(res, visitor, status, {
      title: { vi: `Đơn vị ${view.name} (${code})`, en: `Unit ${view.name} (${code})` },
      path: `/units/${code}`,
      intro: unitFacts(view, state),
      forms,
      ...(refused ? { refused } : {}),
    });
  }
}
