import { Controller, Get, Param, Post, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { LedgerClock } from '@app/application';
import {
  parseBudgetLineId,
  TRANSFER_POLICIES,
  transferStreamId,
  type Actor,
  type Policy,
} from '@app/budgeting';
import type { RecordedEvent } from '@app/event-store';
import { Public } from '../../auth';
import { DashboardErrorFilter } from '../dashboard-error.filter';
import { date, money, type Lang } from '../format';
import { html, type SafeHtml } from '../html';
import { href, type PageState } from '../page-state';
import { canSeeUnit } from '../visibility';
import { DefPages, refusedOf, type PageForm, type Refused } from './def-page';
import type { FormDef } from './form-def';
import { FormGate, type FormVisitor } from './form-gate';
import { dateInputValue } from './form-infra';
import { FormReads } from './form-reads';
import { sendNotFound } from './not-found';
import { StreamReads } from './stream-reads';
import { APPROVE_TRANSFER, REJECT_TRANSFER, requestTransferDef } from './transfer.forms';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const STATUS = {
  requested: { vi: 'Chờ phê duyệt', en: 'Awaiting approval' },
  approved: { vi: 'Đã phê duyệt, đang chuyển tiền', en: 'Approved, money moving' },
  rejected: { vi: 'Bị từ chối', en: 'Rejected' },
  completed: { vi: 'Đã hoàn thành', en: 'Completed' },
  failed: { vi: 'Không thực hiện được', en: 'Failed' },
} as const;

type Status = keyof typeof STATUS;

const STATUS_OF: Record<string, Status> = {
  TransferRequested: 'requested',
  TransferApproved: 'approved',
  TransferRejected: 'rejected',
  TransferCompleted: 'completed',
  TransferFailed: 'failed',
};

/** A transfer as its page shows it, from its own stream. */
interface TransferView {
  readonly status: Status;
  readonly request: Readonly<Record<string, unknown>>;
  readonly last: Readonly<Record<string, unknown>>;
}

function viewOf(events: readonly RecordedEvent[]): TransferView | null {
  const requested = events.find((e) => e.type === 'TransferRequested');
  const last = events.at(-1);
  if (!requested || !last) return null;
  return { status: STATUS_OF[last.type] ?? 'requested', request: requested.data, last: last.data };
}

function str(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

/** A transfer is seen by whoever sees one of its two lines' units (as the API's reads). */
function visible(actor: Actor, view: TransferView): boolean {
  return [view.request.fromLine, view.request.toLine].some((line) => {
    if (typeof line !== 'string') return false;
    try {
      return canSeeUnit(actor, parseBudgetLineId(line).unit);
    } catch {
      return false;
    }
  });
}

function offered(actor: Actor, policy: Policy): boolean {
  return policy.roles.includes(actor.role);
}

/**
 * Transfers: the request form (reallocation or carry-over), and a transfer's page with
 * its state and, while it waits, the approver's approve and reject forms. All three post
 * to the API's own routes (POST /api/v1/transfers, …/approve, …/reject).
 */
@ApiExcludeController()
@Public()
@UseFilters(DashboardErrorFilter)
@Controller('transfers')
export class TransferFormsController {
  constructor(
    private readonly gate: FormGate,
    private readonly pages: DefPages,
    private readonly reads: FormReads,
    private readonly streams: StreamReads,
    private readonly clock: LedgerClock,
  ) {}

  @Get('new')
  async requestPage(@Req() req: Request, @Res() res: Response): Promise<void> {
    const visitor = await this.gate.visit(req, res);
    if (visitor) await this.renderRequest(res, visitor, 200);
  }

  @Post('new')
  async request(@Req() req: Request, @Res() res: Response): Promise<void> {
    const post = await this.gate.open(req, res);
    if (!post) return;
    const def = await this.requestDef(post);
    const outcome = await this.pages.submit(req, res, post, def, '/api/v1/transfers');
    if (outcome.ok) {
      res.redirect(303, href(`/transfers/${str(outcome.answer.id)}`, post.state));
      return;
    }
    await this.renderRequest(res, post, outcome.status, refusedOf(def, post, outcome));
  }

  @Get(':id')
  async transferPage(
    @Param('id') id: string,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const visitor = await this.gate.visit(req, res);
    if (visitor) await this.renderTransfer(res, visitor, id, 200);
  }

  @Post(':id/approve')
  async approve(@Param('id') id: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    await this.decide(req, res, id, APPROVE_TRANSFER, 'approve');
  }

  @Post(':id/reject')
  async reject(@Param('id') id: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    await this.decide(req, res, id, REJECT_TRANSFER, 'reject');
  }

  private async decide(
    req: Request,
    res: Response,
    id: string,
    def: FormDef,
    route: 'approve' | 'reject',
  ): Promise<void> {
    const post = await this.gate.open(req, res);
    if (!post) return;
    if (!UUID.test(id)) {
      sendNotFound(res, post.user.actor, post.state);
      return;
    }
    const outcome = await this.pages.submit(
      req,
      res,
      post,
      def,
      `/api/v1/transfers/${id}/${route}`,
    );
    if (outcome.ok) {
      res.redirect(303, href(`/transfers/${id}`, post.state));
      return;
    }
    await this.renderTransfer(res, post, id, outcome.status, refusedOf(def, post, outcome));
  }

  private async requestDef(visitor: FormVisitor): Promise<FormDef> {
    const year = visitor.state.year ?? Number(this.clock.today().slice(0, 4));
    const lines = await this.reads.lines(visitor.user.actor, year);
    return requestTransferDef(
      lines.map((l) => ({
        value: l.id,
        label: `${l.id} (${visitor.state.lang === 'vi' ? 'còn' : 'available'} ${money(l.available, visitor.state.lang)} đồng)`,
      })),
    );
  }

  private async renderRequest(
    res: Response,
    visitor: FormVisitor,
    status: number,
    refused?: Refused,
  ): Promise<void> {
    const def = await this.requestDef(visitor);
    this.pages.send(res, visitor, status, {
      title: def.title,
      path: '/transfers/new',
      forms: [
        {
          def,
          action: href('/transfers/new', visitor.state),
          values: { kind: 'reallocation', effectiveDate: dateInputValue(this.clock.today()) },
        },
      ],
      ...(refused ? { refused } : {}),
    });
  }

  private async renderTransfer(
    res: Response,
    visitor: FormVisitor,
    id: string,
    status: number,
    refused?: Refused,
  ): Promise<void> {
    const { state, user } = visitor;
    const view = UUID.test(id) ? viewOf(await this.streams.events(transferStreamId(id))) : null;
    if (!view || !visible(user.actor, view)) {
      sendNotFound(res, user.actor, state);
      return;
    }
    const forms: PageForm[] = [];
    if (view.status === 'requested') {
      if (offered(user.actor, TRANSFER_POLICIES.ApproveTransfer)) {
        forms.push({ def: APPROVE_TRANSFER, action: href(`/transfers/${id}/approve`, state) });
      }
      if (offered(user.actor, TRANSFER_POLICIES.RejectTransfer)) {
        forms.push({ def: REJECT_TRANSFER, action: href(`/transfers/${id}/reject`, state) });
      }
    }
    this.pages.send(res, visitor, status, {
      title: { vi: 'Điều chuyển, chuyển nguồn', en: 'Transfer' },
      path: `/transfers/${id}`,
      intro: transferFacts(view, state),
      forms,
      ...(refused ? { refused } : {}),
    });
  }
}

function lineLink(line: unknown, state: PageState): SafeHtml | string {
  return typeof line === 'string' && line
    ? html`<a href="${href(`/lines/${encodeURIComponent(line)}`, state)}">${line}</a>`
    : '—';
}

function fact(label: string, value: SafeHtml | string, testId?: string): SafeHtml {
  return html`<div>
    <dt>${label}</dt>
    <dd ${testId ? html`data-testid="${testId}"` : ''}>${value}</dd>
  </div>`;
}

function transferFacts(view: TransferView, state: PageState): SafeHtml {
  const lang: Lang = state.lang;
  const r = view.request;
  const vi = lang === 'vi';
  const amount = str(r.amount);
  return html`<dl class="facts">
    ${fact(vi ? 'Trạng thái' : 'Status', html`<strong>${STATUS[view.status][lang]}</strong>`, 'transfer-status')}
    ${fact(vi ? 'Loại' : 'Kind', r.kind === 'carry_over' ? (vi ? 'Chuyển nguồn' : 'Carry-over') : vi ? 'Điều chuyển dự toán' : 'Reallocation')}
    ${fact(vi ? 'Từ dòng' : 'From line', lineLink(r.fromLine, state))}
    ${fact(vi ? 'Đến dòng' : 'To line', lineLink(r.toLine, state))}
    ${fact(vi ? 'Số tiền' : 'Amount', amount ? `${money(amount, lang)} đ` : '')}
    ${fact(vi ? 'Quyết định' : 'Decision', str(r.decision))}
    ${str(r.deadline) ? fact(vi ? 'Hạn chi' : 'Deadline', date(str(r.deadline), lang)) : ''}
    ${view.status === 'rejected' ? fact(vi ? 'Lý do' : 'Reason', str(view.last.reason)) : ''}
    ${view.status === 'failed' ? fact(vi ? 'Lý do' : 'Reason', str(view.last.reason)) : ''}
  </dl>`;
}
