import { Controller, Get, Inject, Post, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { EVENT_STORE, latestCheckpointEvent, type EventStore } from '@app/event-store';
import { Public } from '../../auth';
import { DashboardErrorFilter } from '../dashboard-error.filter';
import { instant, money, type Lang } from '../format';
import { html, type SafeHtml } from '../html';
import { href, type PageState } from '../page-state';
import { DefPages, refusedOf, type Refused } from './def-page';
import { FormGate, type FormVisitor } from './form-gate';
import { REBUILD_PROJECTIONS, WRITE_CHECKPOINT } from './operations.forms';

const TEXT = {
  latest: { vi: 'Điểm kiểm tra gần nhất', en: 'Latest checkpoint' },
  none: { vi: 'Chưa có điểm kiểm tra nào.', en: 'No checkpoint yet.' },
  position: { vi: 'đến vị trí', en: 'up to position' },
  events: { vi: 'sự kiện', en: 'events' },
  signedAt: { vi: 'ký lúc', en: 'signed at' },
  by: { vi: 'người yêu cầu', en: 'requested by' },
  integrity: { vi: 'Kiểm tra toàn vẹn', en: 'Integrity' },
  rebuilt: { vi: 'Đã dựng lại và chuyển sang bản mới', en: 'Rebuilt and switched' },
  projection: { vi: 'Mô hình đọc', en: 'Read model' },
  replayed: { vi: 'Sự kiện đã đọc lại', en: 'Events replayed' },
  equal: { vi: 'Trùng khớp bản cũ', en: 'Equal to the old' },
  yes: { vi: 'có', en: 'yes' },
  no: { vi: 'không', en: 'no' },
  differences: { vi: 'khác biệt', en: 'differences' },
} as const;

function str(value: unknown): string {
  return typeof value === 'string' || typeof value === 'number' ? String(value) : '';
}

/** A whole count grouped as the amounts are (1.000.000), or as sent when it is not one. */
function count(value: unknown, lang: Lang): string {
  const text = str(value);
  return /^\d{1,30}$/.test(text) ? money(text, lang) : text;
}

/**
 * The administrator's operations on the log as forms: a signed checkpoint of the whole
 * log (POST /api/v1/audit/checkpoints) and the rebuild of the read models (POST
 * /api/v1/admin/projections/rebuild), through the FormBridge like every other form.
 */
@ApiExcludeController()
@Public()
@UseFilters(DashboardErrorFilter)
@Controller()
export class OperationsFormsController {
  constructor(
    private readonly gate: FormGate,
    private readonly pages: DefPages,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  @Get('audit/checkpoints/new')
  async checkpointPage(@Req() req: Request, @Res() res: Response): Promise<void> {
    const visitor = await this.gate.visit(req, res);
    if (visitor) await this.checkpoint(res, visitor, 200);
  }

  @Post('audit/checkpoints/new')
  async sign(@Req() req: Request, @Res() res: Response): Promise<void> {
    const post = await this.gate.open(req, res);
    if (!post) return;
    const outcome = await this.pages.submit(
      req,
      res,
      post,
      WRITE_CHECKPOINT,
      '/api/v1/audit/checkpoints',
    );
    if (outcome.ok) {
      // The page shows the latest checkpoint from the log itself.
      res.redirect(303, href('/audit/checkpoints/new', post.state));
      return;
    }
    await this.checkpoint(res, post, outcome.status, refusedOf(WRITE_CHECKPOINT, post, outcome));
  }

  @Get('admin/projections/rebuild')
  async rebuildPage(@Req() req: Request, @Res() res: Response): Promise<void> {
    const visitor = await this.gate.visit(req, res);
    if (visitor) this.rebuildForm(res, visitor, 200);
  }

  /**
   * The rebuild's reports are shown in the answer itself, not after a redirect: they are
   * kept nowhere else, and a rebuild sent again (a reload) changes no fact of the ledger.
   */
  @Post('admin/projections/rebuild')
  async rebuild(@Req() req: Request, @Res() res: Response): Promise<void> {
    const post = await this.gate.open(req, res);
    if (!post) return;
    const outcome = await this.pages.submit(
      req,
      res,
      post,
      REBUILD_PROJECTIONS,
      '/api/v1/admin/projections/rebuild',
    );
    if (outcome.ok) {
      this.rebuildForm(res, post, 200, undefined, reportsHtml(outcome.answer, post.state));
      return;
    }
    this.rebuildForm(res, post, outcome.status, refusedOf(REBUILD_PROJECTIONS, post, outcome));
  }

  private async checkpoint(
    res: Response,
    visitor: FormVisitor,
    status: number,
    refused?: Refused,
  ): Promise<void> {
    const { lang } = visitor.state;
    const latest = await latestCheckpointEvent(this.store);
    const data = (latest?.data ?? {}) as Record<string, unknown>;
    const extra = ((latest?.metadata as { extra?: unknown } | undefined)?.extra ?? {}) as Record<
      string,
      unknown
    >;
    this.pages.send(res, visitor, status, {
      title: { vi: 'Điểm kiểm tra đã ký', en: 'Signed checkpoints' },
      path: '/audit/checkpoints/new',
      intro: html`<p class="status-line" data-testid="checkpoint-latest">
          ${
            latest
              ? html`${TEXT.latest[lang]}: ${TEXT.position[lang]} ${count(data.position, lang)}
                (${count(data.eventCount, lang)} ${TEXT.events[lang]}), ${TEXT.signedAt[lang]}
                ${instant(str(data.createdAt), lang)}${
                  extra.requestedBy ? html`, ${TEXT.by[lang]} ${str(extra.requestedBy)}` : ''
                }.`
              : TEXT.none[lang]
          }
        </p>
        <p><a href="${href('/integrity', visitor.state)}">${TEXT.integrity[lang]}</a></p>`,
      forms: [{ def: WRITE_CHECKPOINT, action: href('/audit/checkpoints/new', visitor.state) }],
      ...(refused ? { refused } : {}),
    });
  }

  private rebuildForm(
    res: Response,
    visitor: FormVisitor,
    status: number,
    refused?: Refused,
    done?: SafeHtml,
  ): void {
    this.pages.send(res, visitor, status, {
      title: done ? { vi: 'Dữ liệu đọc', en: 'Read models' } : REBUILD_PROJECTIONS.title,
      path: '/admin/projections/rebuild',
      ...(done ? { intro: done } : {}),
      forms: [
        { def: REBUILD_PROJECTIONS, action: href('/admin/projections/rebuild', visitor.state) },
      ],
      ...(refused ? { refused } : {}),
    });
  }
}

/** The API's rebuild reports as a table: what was replayed and whether it matched. */
function reportsHtml(answer: Record<string, unknown>, state: PageState): SafeHtml {
  const lang = state.lang;
  const reports = Array.isArray(answer.reports)
    ? (answer.reports as Record<string, unknown>[])
    : [];
  return html`<div class="done" role="status" data-testid="form-done">
    <p>${TEXT.rebuilt[lang]}.</p>
    <table data-testid="rebuild-reports">
      <thead>
        <tr>
          <th scope="col">${TEXT.projection[lang]}</th>
          <th scope="col">${TEXT.replayed[lang]}</th>
          <th scope="col">${TEXT.equal[lang]}</th>
        </tr>
      </thead>
      <tbody>
        ${reports.map(
          (r) =>
            html`<tr>
              <td>${str(r.projection)}</td>
              <td class="num">${count(r.eventsReplayed, lang)}</td>
              <td>
                ${
                  r.equal === true
                    ? TEXT.yes[lang]
                    : html`${TEXT.no[lang]} (${str(r.differenceCount)} ${TEXT.differences[lang]})`
                }
              </td>
            </tr>`,
        )}
      </tbody>
    </table>
  </div>`;
}
