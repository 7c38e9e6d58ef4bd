import { Controller, Get, Param, Post, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { QueryBus } from '@nestjs/cqrs';
import type { Request, Response } from 'express';
import { LedgerClock } from '@app/application';
import { PLAN_POLICIES, type Actor, type Policy } from '@app/budgeting';
import { GetPlanQuery, type Doc } from '@app/read-models';
import { Public } from '../../auth';
import { DashboardErrorFilter } from '../dashboard-error.filter';
import { date, money, type Lang } from '../format';
import { html, type SafeHtml } from '../html';
import { href, type PageState } from '../page-state';
import { canSeeUnit } from '../visibility';
import { DefPages, refusedOf, type PageForm, type Refused } from './def-page';
import type { FormDef } from './form-def';
import { FormGate, type FormPost, type FormVisitor } from './form-gate';
import { dateInputValue, type FormFields } from './form-infra';
import { sendNotFound } from './not-found';
import {
  AMEND_PLAN,
  APPROVE_PLAN,
  DRAFT_PLAN,
  planContentBody,
  progressBody,
  progressDef,
  REJECT_PLAN,
  SUBMIT_PLAN,
} from './plan.forms';

const YEAR = /^\d{4}$/;
const UNIT = /^[A-Z0-9_-]{2,40}$/;

const STATUS: Record<string, { vi: string; en: string }> = {
  draft: { vi: 'Dự thảo', en: 'Draft' },
  amendment_draft: { vi: 'Dự thảo điều chỉnh', en: 'Amendment draft' },
  submitted: { vi: 'Đã trình, chờ phê duyệt', en: 'Submitted, awaiting approval' },
  rejected: { vi: 'Bị trả lại', en: 'Returned' },
  approved: { vi: 'Đã phê duyệt', en: 'Approved' },
};

type Json = Readonly<Record<string, unknown>>;

function obj(value: unknown): Json {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : {};
}

function list(value: unknown): Json[] {
  return Array.isArray(value) ? value.map(obj) : [];
}

function str(value: unknown): string {
  return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '';
}

function offered(actor: Actor, policy: Policy): boolean {
  return policy.roles.includes(actor.role);
}

/** A version's content as the content form's fields, for editing it. */
function contentValues(version: Json): Record<string, string> {
  const values: Record<string, string> = {};
  list(version.parts).forEach((p, i) => {
    values[`part${i + 1}Code`] = str(p.code);
    values[`part${i + 1}Name`] = str(p.name);
    if (str(p.budgetAmount)) values[`part${i + 1}Amount`] = money(str(p.budgetAmount), 'vi');
  });
  list(version.activities).forEach((a, i) => {
    const n = i + 1;
    const output = list(a.outputs)[0] ?? {};
    values[`activity${n}Id`] = str(a.id);
    values[`activity${n}Part`] = str(a.programPart);
    values[`activity${n}Name`] = str(a.name);
    values[`activity${n}Category`] = str(a.category);
    if (str(a.plannedAmount)) values[`activity${n}Planned`] = money(str(a.plannedAmount), 'vi');
    values[`activity${n}OutputId`] = str(output.id);
    values[`activity${n}Output`] = str(output.description);
    values[`activity${n}OutputUnit`] = str(output.unit);
    values[`activity${n}Target`] = str(output.target);
  });
  return values;
}

/**
 * A unit's plan for a year: drafted and edited by its officers, submitted, approved with
 * its decision number (or returned) by an approver, amended by decision, its outputs'
 * progress recorded. Every form posts to the API's own plan routes (the same planDecider
 * and `authorize`); the plan's page reads the plans read model, as GET /plans/{y}/{unit}.
 */
@ApiExcludeController()
@Public()
@UseFilters(DashboardErrorFilter)
@Controller('plans')
export class PlanFormsController {
  constructor(
    private readonly gate: FormGate,
    private readonly pages: DefPages,
    private readonly queries: QueryBus,
    private readonly clock: LedgerClock,
  ) {}

  @Get('new')
  async draftPage(@Req() req: Request, @Res() res: Response): Promise<void> {
    const visitor = await this.gate.visit(req, res);
    if (!visitor) return;
    this.renderDraft(res, visitor, 200, {
      fiscalYear: this.clock.today().slice(0, 4),
      leadUnit: visitor.user.actor.unit ?? '',
    });
  }

  @Post('new')
  async draft(@Req() req: Request, @Res() res: Response): Promise<void> {
    const post = await this.gate.open(req, res);
    if (!post) return;
    await this.saveDraft(req, res, post, '/plans/new');
  }

  @Get(':year/:unit')
  async planPage(
    @Param('year') year: string,
    @Param('unit') unit: string,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const visitor = await this.gate.visit(req, res);
    if (visitor) await this.renderPlan(res, visitor, year, unit, 200);
  }

  @Get(':year/:unit/edit')
  async editPage(
    @Param('year') year: string,
    @Param('unit') unit: string,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const visitor = await this.gate.visit(req, res);
    if (!visitor) return;
    const plan = await this.planOr404(res, visitor, year, unit);
    if (!plan) return;
    const version = obj(plan.draft ?? plan.inForce);
    this.renderDraft(res, visitor, 200, {
      fiscalYear: year,
      leadUnit: unit,
      title: str(version.title),
      legalBasis: strings(version.legalBasis).join('\n'),
      fundingDecisions: strings(version.fundingDecisions).join('\n'),
      effectiveDate: dateInputValue(this.clock.today()),
      ...contentValues(version),
    });
  }

  @Post(':year/:unit/edit')
  async edit(@Req() req: Request, @Res() res: Response): Promise<void> {
    const post = await this.gate.open(req, res);
    if (!post) return;
    await this.saveDraft(req, res, post, req.path);
  }

  @Get(':year/:unit/amend')
  async amendPage(
    @Param('year') year: string,
    @Param('unit') unit: string,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const visitor = await this.gate.visit(req, res);
    if (!visitor) return;
    const plan = await this.planOr404(res, visitor, year, unit);
    if (!plan) return;
    this.renderAmend(res, visitor, year, unit, 200, {
      effectiveDate: dateInputValue(this.clock.today()),
      ...contentValues(obj(plan.inForce)),
    });
  }

  @Post(':year/:unit/amend')
  async amend(
    @Param('year') year: string,
    @Param('unit') unit: string,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const post = await this.gate.open(req, res);
    if (!post) return;
    if (!YEAR.test(year) || !UNIT.test(unit)) {
      sendNotFound(res, post.user.actor, post.state);
      return;
    }
    const outcome = await this.pages.submit(
      req,
      res,
      post,
      AMEND_PLAN,
      `/api/v1/plans/${year}/${unit}/amend`,
      planContentBody,
    );
    if (outcome.ok) {
      res.redirect(303, href(`/plans/${year}/${unit}`, post.state));
      return;
    }
    this.renderAmend(
      res,
      post,
      year,
      unit,
      outcome.status,
      post.fields,
      refusedOf(AMEND_PLAN, post, outcome),
    );
  }

  @Post(':year/:unit/:step')
  async step(
    @Param('year') year: string,
    @Param('unit') unit: string,
    @Param('step') step: string,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const post = await this.gate.open(req, res);
    if (!post) return;
    const plan = await this.planOr404(res, post, year, unit);
    if (!plan) return;
    const def = this.stepDef(step, plan);
    if (!def) {
      sendNotFound(res, post.user.actor, post.state);
      return;
    }
    const outcome = await this.pages.submit(
      req,
      res,
      post,
      def,
      `/api/v1/plans/${year}/${unit}/${step}`,
      step === 'progress' ? progressBody : (b) => b,
    );
    if (outcome.ok) {
      res.redirect(303, href(`/plans/${year}/${unit}`, post.state));
      return;
    }
    await this.renderPlan(res, post, year, unit, outcome.status, refusedOf(def, post, outcome));
  }

  private stepDef(step: string, plan: Doc): FormDef | null {
    if (step === 'submit') return SUBMIT_PLAN;
    if (step === 'approve') return APPROVE_PLAN;
    if (step === 'reject') return REJECT_PLAN;
    if (step === 'progress') return progressDef(outputChoices(plan));
    return null;
  }

  private async saveDraft(
    req: Request,
    res: Response,
    post: FormPost,
    path: string,
  ): Promise<void> {
    const outcome = await this.pages.submit(
      req,
      res,
      post,
      DRAFT_PLAN,
      '/api/v1/plans',
      planContentBody,
    );
    if (outcome.ok) {
      const year = (post.fields.fiscalYear ?? '').trim();
      const unit = (post.fields.leadUnit ?? '').trim();
      res.redirect(303, href(`/plans/${year}/${unit}`, post.state));
      return;
    }
    this.pages.send(res, post, outcome.status, {
      title: DRAFT_PLAN.title,
      path,
      forms: [{ def: DRAFT_PLAN, action: href(path, post.state) }],
      refused: refusedOf(DRAFT_PLAN, post, outcome),
    });
  }

  /** The plan the visitor may see, or null after answering 404 (unknown, or another unit's). */
  private async planOr404(
    res: Response,
    visitor: FormVisitor,
    year: string,
    unit: string,
  ): Promise<Doc | null> {
    const { actor } = visitor.user;
    const plan =
      YEAR.test(year) && UNIT.test(unit) && canSeeUnit(actor, unit)
        ? await this.queries.execute<GetPlanQuery, Doc | null>(new GetPlanQuery(Number(year), unit))
        : null;
    if (!plan) sendNotFound(res, actor, visitor.state);
    return plan;
  }

  private renderDraft(
    res: Response,
    visitor: FormVisitor,
    status: number,
    values: FormFields,
  ): void {
    const path = values.title
      ? `/plans/${values.fiscalYear}/${values.leadUnit}/edit`
      : '/plans/new';
    this.pages.send(res, visitor, status, {
      title: DRAFT_PLAN.title,
      path,
      forms: [
        {
          def: DRAFT_PLAN,
          action: href(path, visitor.state),
          values: { effectiveDate: dateInputValue(this.clock.today()), ...values },
        },
      ],
    });
  }

  private renderAmend(
    res: Response,
    visitor: FormVisitor,
    year: string,
    unit: string,
    status: number,
    values: FormFields,
    refused?: Refused,
  ): void {
    const path = `/plans/${year}/${unit}/amend`;
    this.pages.send(res, visitor, status, {
      title: AMEND_PLAN.title,
      path,
      forms: [{ def: AMEND_PLAN, action: href(path, visitor.state), values }],
      ...(refused ? { refused } : {}),
    });
  }

  private async renderPlan(
    res: Response,
    visitor: FormVisitor,
    year: string,
    unit: string,
    status: number,
    refused?: Refused,
  ): Promise<void> {
    const { state, user } = visitor;
    const plan = await this.planOr404(res, visitor, year, unit);
    if (!plan) return;
    const actor = user.actor;
    const planStatus = str(plan.status);
    const action = (step: string): string => href(`/plans/${year}/${unit}/${step}`, state);
    const today = { effectiveDate: dateInputValue(this.clock.today()) };
    const forms: PageForm[] = [];
    if (
      ['draft', 'amendment_draft', 'rejected'].includes(planStatus) &&
      offered(actor, PLAN_POLICIES.SubmitPlan)
    ) {
      forms.push({ def: SUBMIT_PLAN, action: action('submit'), values: today });
    }
    if (planStatus === 'submitted') {
      if (offered(actor, PLAN_POLICIES.ApprovePlan)) {
        forms.push({ def: APPROVE_PLAN, action: action('approve'), values: today });
      }
      if (offered(actor, PLAN_POLICIES.RejectPlan)) {
        forms.push({ def: REJECT_PLAN, action: action('reject'), values: today });
      }
    }
    const outputs = outputChoices(plan);
    if (plan.inForce && outputs.length > 0 && offered(actor, PLAN_POLICIES.ReportOutputProgress)) {
      forms.push({ def: progressDef(outputs), action: action('progress'), values: today });
    }
    this.pages.send(res, visitor, status, {
      title: { vi: `Kế hoạch ${year} — ${unit}`, en: `Plan ${year} — ${unit}` },
      path: `/plans/${year}/${unit}`,
      intro: planFacts(plan, state, actor),
      forms,
      ...(refused ? { refused } : {}),
    });
  }
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

/** The outputs of the version in force (else the draft), "activity/output". */
function outputChoices(plan: Doc): { value: string; label: string }[] {
  return list(plan.activities).flatMap((a) =>
    list(a.outputs).map((o) => ({
      value: `${str(a.id)}/${str(o.id)}`,
      label: `${str(a.id)} — ${str(o.description)} (${str(o.target)} ${str(o.unit)})`,
    })),
  );
}

function progressText(progress: Json, lang: Lang): string {
  if (progress.kind === 'commune') {
    const done = Object.entries(obj(progress.communes))
      .filter(([, d]) => d === true)
      .map(([c]) => c);
    return done.length ? done.join(', ') : '—';
  }
  return progress.kind === 'count'
    ? `${str(progress.delivered)} ${lang === 'vi' ? 'đã thực hiện' : 'delivered'}`
    : '—';
}

function planFacts(plan: Doc, state: PageState, actor: Actor): SafeHtml {
  const lang = state.lang;
  const vi = lang === 'vi';
  const version = obj(plan.draft ?? plan.inForce);
  const status = STATUS[str(plan.status)]?.[lang] ?? str(plan.status);
  const canPrepare = offered(actor, PLAN_POLICIES.DraftPlan);
  const year = str(plan.fiscalYear);
  const unit = str(plan.leadUnit);
  const rejection = obj(plan.rejection);
  return html`<dl class="facts">
      <div>
        <dt>${vi ? 'Trạng thái' : 'Status'}</dt>
        <dd data-testid="plan-status"><strong>${status}</strong></dd>
      </div>
      <div>
        <dt>${vi ? 'Tên kế hoạch' : 'Title'}</dt>
        <dd>${str(version.title)}</dd>
      </div>
      <div>
        <dt>${vi ? 'Phiên bản' : 'Version'}</dt>
        <dd>${str(version.version)}</dd>
      </div>
      <div>
        <dt>${vi ? 'Tổng kinh phí' : 'Total'}</dt>
        <dd>${str(version.totalAmount) ? `${money(str(version.totalAmount), lang)} đ` : ''}</dd>
      </div>
      ${
        plan.number
          ? html`<div>
              <dt>${vi ? 'Quyết định phê duyệt' : 'Approved by decision'}</dt>
              <dd data-testid="plan-decision">
                ${str(plan.number)}${str(plan.issuedOn) ? ` (${date(str(plan.issuedOn), lang)})` : ''}
              </dd>
            </div>`
          : ''
      }
      ${
        str(rejection.reason) && plan.status === 'rejected'
          ? html`<div>
              <dt>${vi ? 'Lý do trả lại' : 'Returned because'}</dt>
              <dd>${str(rejection.reason)}</dd>
            </div>`
          : ''
      }
    </dl>
    ${
      canPrepare && ['draft', 'rejected'].includes(str(plan.status))
        ? html`<p>
            <a href="${href(`/plans/${year}/${unit}/edit`, state)}"
              >${vi ? 'Sửa dự thảo' : 'Edit the draft'}</a
            >
          </p>`
        : ''
    }
    ${
      canPrepare && plan.status === 'approved'
        ? html`<p>
            <a href="${href(`/plans/${year}/${unit}/amend`, state)}"
              >${vi ? 'Điều chỉnh kế hoạch' : 'Amend the plan'}</a
            >
          </p>`
        : ''
    }
    <h2>${vi ? 'Hoạt động và kết quả' : 'Activities and outputs'}</h2>
    <div class="table-wrap">
      <table>
        <thead>
          <tr>
            <th scope="col">${vi ? 'Hoạt động' : 'Activity'}</th>
            <th scope="col" class="num">${vi ? 'Kinh phí' : 'Planned'}</th>
            <th scope="col">${vi ? 'Sản phẩm' : 'Output'}</th>
            <th scope="col" class="num">${vi ? 'Chỉ tiêu' : 'Target'}</th>
            <th scope="col">${vi ? 'Kết quả' : 'Progress'}</th>
          </tr>
        </thead>
        <tbody>
          ${list(plan.activities)
            .filter((a) => a.unplanned !== true)
            .flatMap((a) => {
              const outputs = list(a.outputs);
              return (outputs.length ? outputs : [{}]).map(
                (o) =>
                  html`<tr data-testid="plan-output">
                    <th scope="row">${str(a.id)} <span class="sub">${str(a.name)}</span></th>
                    <td class="num">${str(a.planned) ? money(str(a.planned), lang) : ''}</td>
                    <td>${str(o.description)}</td>
                    <td class="num">${str(o.target)} ${str(o.unit)}</td>
                    <td data-testid="output-progress">
                      ${o.progress ? progressText(obj(o.progress), lang) : '—'}
                    </td>
                  </tr>`,
              );
            })}
        </tbody>
      </table>
    </div>`;
}
