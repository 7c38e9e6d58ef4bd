import { Controller, Get, Param, Post, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { LedgerClock } from '@app/application';
import { fiscalYearStreamId, streamIdForLegalDocument } from '@app/budgeting';
import { Public } from '../../auth';
import { DashboardErrorFilter } from '../dashboard-error.filter';
import { date } from '../format';
import { html } from '../html';
import { href, queryString } from '../page-state';
import { asIntegers, DefPages, refusedOf, type Refused } from './def-page';
import { FormGate, type FormVisitor } from './form-gate';
import { dateInputValue } from './form-infra';
import { ALLOCATE, APPROVE_CLOSE, PROPOSE_CLOSE, REGISTER_DOCUMENT } from './finance.forms';
import { sendNotFound } from './not-found';
import { StreamReads } from './stream-reads';

const YEAR = /^\d{4}$/;

const CLOSE_STATUS = {
  open: { vi: 'Đang mở sổ', en: 'Open' },
  proposed: { vi: 'Đã đề nghị khóa sổ, chờ phê duyệt', en: 'Closing proposed, awaiting approval' },
  closed: { vi: 'Đã khóa sổ', en: 'Closed' },
} as const;

/**
 * The finance office's forms: allocations (giao dự toán), legal documents, and closing a
 * fiscal year. Each posts to the API route of the same write through the FormBridge;
 * the API's role rules decide who may (administrators allocate and register; an
 * approver approves the close), so a form offered to anyone refuses as the API does.
 */
@ApiExcludeController()
@Public()
@UseFilters(DashboardErrorFilter)
@Controller()
export class FinanceFormsController {
  constructor(
    private readonly gate: FormGate,
    private readonly pages: DefPages,
    private readonly streams: StreamReads,
    private readonly clock: LedgerClock,
  ) {}

  @Get('allocations/new')
  async allocatePage(@Req() req: Request, @Res() res: Response): Promise<void> {
    const visitor = await this.gate.visit(req, res);
    if (visitor) this.allocation(res, visitor, 200, req);
  }

  @Post('allocations/new')
  async allocate(@Req() req: Request, @Res() res: Response): Promise<void> {
    const post = await this.gate.open(req, res);
    if (!post) return;
    const outcome = await this.pages.submit(req, res, post, ALLOCATE, '/api/v1/allocations', (b) =>
      asIntegers(b, ['fiscalYear', 'sourceYear']),
    );
    if (outcome.ok) {
      const f = post.fields;
      const line = [f.fiscalYear, f.programPart, f.fundSource, f.sourceYear, f.unit]
        .map((v) => (v ?? '').trim())
        .join('.');
      res.redirect(303, href(`/lines/${encodeURIComponent(line)}`, post.state));
      return;
    }
    this.allocation(res, post, outcome.status, req, refusedOf(ALLOCATE, post, outcome));
  }

  @Get('documents/new')
  async documentPage(@Req() req: Request, @Res() res: Response): Promise<void> {
    const visitor = await this.gate.visit(req, res);
    if (!visitor) return;
    // After a registration: said only when the document's stream holds it.
    const number = queryString(req, 'registered');
    const issuedOn = queryString(req, 'issuedOn');
    const registered =
      number && issuedOn && YEAR.test(issuedOn.slice(0, 4))
        ? (await this.streams.events(streamIdForLegalDocument(number, issuedOn))).length > 0
        : false;
    const lang = visitor.state.lang;
    this.pages.send(res, visitor, 200, {
      title: REGISTER_DOCUMENT.title,
      path: '/documents/new',
      ...(registered && number && issuedOn
        ? {
            intro: html`<p class="done" role="status" data-testid="form-done">
              ${lang === 'vi' ? 'Đã đăng ký văn bản' : 'Registered'} <strong>${number}</strong>
              (${date(issuedOn, lang)}).
              <a href="${href('/allocations/new', visitor.state, { decision: number })}"
                >${lang === 'vi' ? 'Giao dự toán theo văn bản này' : 'Allocate under it'}</a
              >
            </p>`,
          }
        : {}),
      forms: [{ def: REGISTER_DOCUMENT, action: href('/documents/new', visitor.state) }],
    });
  }

  @Post('documents/new')
  async registerDocument(@Req() req: Request, @Res() res: Response): Promise<void> {
    const post = await this.gate.open(req, res);
    if (!post) return;
    const outcome = await this.pages.submit(req, res, post, REGISTER_DOCUMENT, '/api/v1/documents');
    if (outcome.ok) {
      res.redirect(
        303,
        href('/documents/new', post.state, {
          registered: (post.fields.number ?? '').trim(),
          issuedOn: isoOf(post.fields.issuedOn),
        }),
      );
      return;
    }
    this.pages.send(res, post, outcome.status, {
      title: REGISTER_DOCUMENT.title,
      path: '/documents/new',
      forms: [{ def: REGISTER_DOCUMENT, action: href('/documents/new', post.state) }],
      refused: refusedOf(REGISTER_DOCUMENT, post, outcome),
    });
  }

  @Get('fiscal-years/:year/close')
  async closePage(
    @Param('year') year: string,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const visitor = await this.gate.visit(req, res);
    if (visitor) await this.close(res, visitor, year, 200);
  }

  @Post('fiscal-years/:year/close')
  async proposeClose(
    @Param('year') year: string,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    await this.closeStep(req, res, year, 'propose');
  }

  @Post('fiscal-years/:year/close/approve')
  async approveClose(
    @Param('year') year: string,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    await this.closeStep(req, res, year, 'approve');
  }

  private async closeStep(
    req: Request,
    res: Response,
    year: string,
    step: 'propose' | 'approve',
  ): Promise<void> {
    const post = await this.gate.open(req, res);
    if (!post) return;
    if (!YEAR.test(year)) {
      sendNotFound(res, post.user.actor, post.state);
      return;
    }
    const def = step === 'propose' ? PROPOSE_CLOSE : APPROVE_CLOSE;
    const path = `/api/v1/fiscal-years/${year}/close${step === 'approve' ? '/approve' : ''}`;
    const outcome = await this.pages.submit(req, res, post, def, path);
    if (outcome.ok) {
      res.redirect(303, href(`/fiscal-years/${year}/close`, post.state));
      return;
    }
    await this.close(res, post, year, outcome.status, refusedOf(def, post, outcome));
  }

  private allocation(
    res: Response,
    visitor: FormVisitor,
    status: number,
    req: Request,
    refused?: Refused,
  ): void {
    const decision = queryString(req, 'decision') ?? '';
    this.pages.send(res, visitor, status, {
      title: ALLOCATE.title,
      path: '/allocations/new',
      forms: [
        {
          def: ALLOCATE,
          action: href('/allocations/new', visitor.state),
          values: {
            fiscalYear: this.clock.today().slice(0, 4),
            sourceYear: this.clock.today().slice(0, 4),
            effectiveDate: dateInputValue(this.clock.today()),
            decision,
          },
        },
      ],
      ...(refused ? { refused } : {}),
    });
  }

  private async close(
    res: Response,
    visitor: FormVisitor,
    year: string,
    status: number,
    refused?: Refused,
  ): Promise<void> {
    const { state, user } = visitor;
    if (!YEAR.test(year)) {
      sendNotFound(res, user.actor, state);
      return;
    }
    const events = await this.streams.events(fiscalYearStreamId(Number(year)));
    const types = events.map((e) => e.type);
    const now = types.includes('FiscalYearClosed')
      ? 'closed'
      : types.includes('FiscalYearCloseProposed')
        ? 'proposed'
        : 'open';
    const lang = state.lang;
    const action = (suffix: string): string => href(`/fiscal-years/${year}/close${suffix}`, state);
    this.pages.send(res, visitor, status, {
      title: { vi: `Khóa sổ năm ngân sách ${year}`, en: `Closing fiscal year ${year}` },
      path: `/fiscal-years/${year}/close`,
      intro: html`<p class="status-line">
        ${lang === 'vi' ? 'Trạng thái:' : 'Status:'}
        <strong data-testid="close-status">${CLOSE_STATUS[now][lang]}</strong>
      </p>`,
      forms:
        now === 'closed'
          ? []
          : now === 'proposed'
            ? [{ def: APPROVE_CLOSE, action: action('/approve') }]
            : [
                {
                  def: PROPOSE_CLOSE,
                  action: action(''),
                  values: { effectiveDate: dateInputValue(this.clock.today()) },
                },
              ],
      ...(refused ? { refused } : {}),
    });
  }
}

/** The ISO date of a dd/mm/yyyy the API accepted (so it was one). */
function isoOf(text: string | undefined): string {
  const [d, m, y] = (text ?? '').trim().split('/');
  return `${y ?? ''}-${(m ?? '').padStart(2, '0')}-${(d ?? '').padStart(2, '0')}`;
}
