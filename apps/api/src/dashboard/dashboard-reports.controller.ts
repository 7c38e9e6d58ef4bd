import { Controller, Get, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { pipeline } from 'node:stream/promises';
import { LedgerClock } from '@app/application';
import { CONTENT_TYPES, reportStream, type ReportFormat } from '@app/reporting';
import { Public } from '../auth';
import { ReportBuilder } from '../reports/report-builder';
import { DashboardErrorFilter } from './dashboard-error.filter';
import { DashboardSessions, sessionIdOf } from './dashboard-sessions';
import { queryString, readPageState } from './page-state';

const FORMATS: readonly ReportFormat[] = ['xlsx', 'pdf', 'csv'];

/**
 * The overview's download button: the report of the page's fiscal year at the page's
 * point in time (asOf, knownAt), for what the signed-in user may see, streamed.
 */
@ApiExcludeController()
@Public()
@UseFilters(DashboardErrorFilter)
@Controller('reports')
export class DashboardReportsController {
  constructor(
    private readonly reports: ReportBuilder,
    private readonly sessions: DashboardSessions,
    private readonly clock: LedgerClock,
  ) {}

  @Get('download')
  async download(@Req() req: Request, @Res() res: Response): Promise<void> {
    const session = await this.sessions.user(sessionIdOf(req));
    if (!session) {
      res.redirect(303, `/login?${new URLSearchParams({ next: req.originalUrl }).toString()}`);
      return;
    }
    const { actor } = session;
    const state = readPageState(req);
    const kind = queryString(req, 'report') === 'outputs' ? 'outputs' : 'disbursement';
    const asked = queryString(req, 'format') as ReportFormat | undefined;
    const format = asked && FORMATS.includes(asked) ? asked : 'xlsx';
    const period = queryString(req, 'period');
    const built = await this.reports.build(
      kind,
      {
        fiscalYear: state.year ?? Number(this.clock.today().slice(0, 4)),
        ...(period ? { period } : {}),
        ...(state.asOf ? { asOf: state.asOf } : {}),
        ...(state.knownAt ? { knownAt: state.knownAt } : {}),
      },
      actor,
    );
    const { table, stem, basis } = this.reports.table(built, { lang: state.lang }, actor);
    const stream = await reportStream(table, format, { lang: state.lang, basis });
    res.setHeader('Content-Type', CONTENT_TYPES[format]);
    res.setHeader('Content-Disposition', `attachment; filename="${stem}.${format}"`);
    await pipeline(stream, res);
  }
}
