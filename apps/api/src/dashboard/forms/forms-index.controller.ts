import { Controller, Get, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { QueryBus } from '@nestjs/cqrs';
import type { Request, Response } from 'express';
import { LedgerClock } from '@app/application';
import {
  BUDGET_LINE_POLICIES,
  FISCAL_YEAR_POLICIES,
  JOINT_WORK_POLICIES,
  OPERATION_POLICIES,
  PLAN_POLICIES,
  REFERENCE_POLICIES,
  TRANSFER_POLICIES,
  type Actor,
  type Policy,
} from '@app/budgeting';
import { GetPlanQuery } from '@app/read-models';
import { Public } from '../../auth';
import { DashboardErrorFilter } from '../dashboard-error.filter';
import { html } from '../html';
import { href } from '../page-state';
import { sendHtml } from '../send-html';
import { page } from '../views/layout.view';
import type { Text } from './form-def';
import { FormGate } from './form-gate';
import { FormReads } from './form-reads';

interface Entry {
  readonly path: string;
  readonly text: Text;
  readonly policies: readonly Policy[];
}

const PLAN_STATUS: Record<string, Text> = {
  draft: { vi: 'dự thảo', en: 'draft' },
  amendment_draft: { vi: 'dự thảo điều chỉnh', en: 'amendment draft' },
  submitted: { vi: 'chờ phê duyệt', en: 'awaiting approval' },
  rejected: { vi: 'bị trả lại', en: 'returned' },
  approved: { vi: 'đã phê duyệt', en: 'approved' },
};

function offered(actor: Actor, policies: readonly Policy[]): boolean {
  return policies.some((p) => p.roles.includes(actor.role));
}

/**
 * Where the forms other than the payment's are: the ones the user's role may use (as the
 * API's policies say; the API still decides each submission), and the plans of the year
 * the user may see, with their state, to open, submit, approve or report on.
 */
@ApiExcludeController()
@Public()
@UseFilters(DashboardErrorFilter)
@Controller('forms')
export class FormsIndexController {
  constructor(
    private readonly gate: FormGate,
    private readonly reads: FormReads,
    private readonly queries: QueryBus,
    private readonly clock: LedgerClock,
  ) {}

  @Get()
  async index(@Req() req: Request, @Res() res: Response): Promise<void> {
    const visitor = await this.gate.visit(req, res);
    if (!visitor) return;
    const { state, user } = visitor;
    const actor = user.actor;
    const lang = state.lang;
    const year = state.year ?? Number(this.clock.today().slice(0, 4));
    const entries: Entry[] = [
      {
        path: '/transfers/new',
        text: { vi: 'Đề nghị điều chuyển, chuyển nguồn', en: 'Request a transfer or carry-over' },
        policies: [TRANSFER_POLICIES.RequestTransfer],
      },
      {
        path: '/allocations/new',
        text: { vi: 'Giao dự toán', en: 'Allocate funds' },
        policies: [BUDGET_LINE_POLICIES.AllocateFunds],
      },
      {
        path: '/documents/new',
        text: { vi: 'Đăng ký văn bản', en: 'Register a document' },
        policies: [REFERENCE_POLICIES.RegisterLegalDocument],
      },
      {
        path: '/plans/new',
        text: { vi: 'Lập kế hoạch', en: 'Draft a plan' },
        policies: [PLAN_POLICIES.DraftPlan],
      },
      {
        path: `/fiscal-years/${year}/close`,
        text: { vi: `Khóa sổ năm ${year}`, en: `Close fiscal year ${year}` },
        policies: [
          FISCAL_YEAR_POLICIES.ProposeFiscalYearClose,
          FISCAL_YEAR_POLICIES.ApproveFiscalYearClose,
        ],
      },
      // The reference records (ref18): units with their signatories and mã ĐVQHNS, a
      // line's classification, the year's lead agency, joint teams' trips.
      {
        path: '/units/new',
        text: {
          vi: 'Đăng ký đơn vị; người ký tài khoản, mã ĐVQHNS',
          en: 'Register a unit; account signatories, budget-relationship code',
        },
        policies: [REFERENCE_POLICIES.RegisterSpendingUnit],
      },
      {
        path: '/classifications/new',
        text: { vi: 'Phân loại dòng theo mục lục ngân sách', en: 'Classify a budget line' },
        policies: [BUDGET_LINE_POLICIES.ClassifyBudgetLine],
      },
      {
        path: `/fiscal-years/${year}/lead-agency`,
        text: { vi: `Cơ quan chủ trì năm ${year}`, en: `Lead agency of ${year}` },
        policies: [JOINT_WORK_POLICIES.DesignateLeadAgency],
      },
      {
        path: '/joint-trips/new',
        text: { vi: 'Chuyến công tác của đoàn liên ngành', en: "A joint team's trip" },
        policies: [JOINT_WORK_POLICIES.RecordJointTrip],
      },
      // Line decisions after the allocation, and the operations on the log (line18).
      {
        path: '/carry-over-extensions/new',
        text: { vi: 'Gia hạn kinh phí chuyển nguồn', en: 'Extend a carry-over deadline' },
        policies: [BUDGET_LINE_POLICIES.ExtendCarryOverDeadline],
      },
      {
        path: '/line-decisions',
        text: {
          vi: 'Giữ lại khoản chi quá hạn, hoàn trả, hủy dự toán',
          en: 'Keep past the deadline, return, cancel funds',
        },
        policies: [
          BUDGET_LINE_POLICIES.RetainCommitments,
          BUDGET_LINE_POLICIES.ReturnFunds,
          BUDGET_LINE_POLICIES.CancelFunds,
        ],
      },
      {
        path: '/audit/checkpoints/new',
        text: { vi: 'Ký điểm kiểm tra cả sổ', en: 'Sign a checkpoint of the log' },
        policies: [OPERATION_POLICIES.WriteCheckpoint],
      },
      {
        path: '/admin/projections/rebuild',
        text: { vi: 'Dựng lại dữ liệu đọc', en: 'Rebuild read models' },
        policies: [OPERATION_POLICIES.RebuildProjections],
      },
    ];
    const units = [...new Set((await this.reads.lines(actor, year)).map((l) => l.unit))].sort();
    const plans = (
      await Promise.all(
        units.map(async (unit) => ({
          unit,
          plan: await this.queries.execute(new GetPlanQuery(year, unit)),
        })),
      )
    ).filter((p) => p.plan !== null);
    const title = lang === 'vi' ? 'Biểu mẫu ghi sổ' : 'Forms';
    sendHtml(
      res,
      200,
      page({
        title,
        section: 'office',
        path: '/forms',
        state,
        user: actor,
        timeControl: false,
        body: html`<h1>${title}</h1>
          <ul class="form-links" data-testid="form-links">
            ${entries
              .filter((e) => offered(actor, e.policies))
              .map((e) => html`<li><a href="${href(e.path, state)}">${e.text[lang]}</a></li>`)}
          </ul>
          <h2>${lang === 'vi' ? `Kế hoạch năm ${year}` : `Plans of ${year}`}</h2>
          ${
            plans.length === 0
              ? html`<p>${lang === 'vi' ? 'Chưa có kế hoạch nào.' : 'No plan yet.'}</p>`
              : html`<ul data-testid="plan-links">
                  ${plans.map(({ unit, plan }) => {
                    const status = typeof plan?.status === 'string' ? plan.status : '';
                    return html`<li>
                      <a href="${href(`/plans/${year}/${unit}`, state)}">${unit}</a>:
                      ${PLAN_STATUS[status]?.[lang] ?? status}
                    </li>`;
                  })}
                </ul>`
          }`,
      }),
    );
  }
}
