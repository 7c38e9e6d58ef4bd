import { Controller, Get, Param, Post, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { LedgerClock } from '@app/application';
import { parseBudgetLineId, type Actor, type BudgetLineKey } from '@app/budgeting';
import { Public } from '../auth';
import { ReportBuilder } from '../reports/report-builder';
import { DashboardErrorFilter } from './dashboard-error.filter';
import { DashboardReads } from './dashboard-reads';
import { isCrossSite } from './cross-site';
import { sendForbidden } from './forbidden-page';
import { DashboardSessions, sessionIdOf } from './dashboard-sessions';
import { t } from './i18n';
import { IntegrityStatus } from './integrity-status';
import { Inbox } from './forms/inbox';
import { href, queryString, readPageState, windowOf, type PageState } from './page-state';
import { sendHtml } from './send-html';
import { approvalsBody } from './views/approvals.view';
import { integrityBody } from './views/integrity.view';
import { canSeeIntegrity, page } from './views/layout.view';
import { lineBody } from './views/line.view';
import { messageBody } from './views/login.view';
import { overviewBody } from './views/overview.view';

function lineKeyOf(id: string): BudgetLineKey | null {
  try {
    return parseBudgetLineId(id);
  } catch {
    return null;
  }
}

/**
 * The dashboard: server-rendered pages over the read queries, read-only. @Public() for
 * the API's AuthGuard (a browser sends no bearer token); every page checks the session
 * cookie itself and sends the visitor to /login without one.
 */
@ApiExcludeController()
@Public()
@UseFilters(DashboardErrorFilter)
@Controller()
export class DashboardController {
  constructor(
    private readonly reads: DashboardReads,
    private readonly sessions: DashboardSessions,
    private readonly integrity: IntegrityStatus,
    private readonly clock: LedgerClock,
    private readonly reports: ReportBuilder,
    private readonly inbox: Inbox,
  ) {}

  @Get()
  async overview(@Req() req: Request, @Res() res: Response): Promise<void> {
    const user = await this.signedIn(req, res);
    if (!user) return;
    const state = readPageState(req);
    const years = await this.reads.years(user);
    const year = state.year ?? years[0] ?? Number(this.clock.today().slice(0, 4));
    const lines = await this.reads.balances(user, year, windowOf(state));
    const partNames = await this.reads.partNames(year, [...new Set(lines.map((l) => l.unit))]);
    sendHtml(
      res,
      200,
      page({
        title: `${t(state.lang, 'overviewTitle')} ${year}`,
        section: 'overview',
        inboxCount: await this.inbox.countFor(req),
        illustrative: await this.reports.illustrative(),
        path: '/',
        state,
        user,
        years: years.includes(year) ? years : [year, ...years],
        sliderYear: year,
        charts: lines.length > 0,
        body: overviewBody({
          user,
          state,
          year,
          lines,
          partNames,
          today: state.asOf ?? this.clock.today(),
        }),
      }),
    );
  }

  @Get('lines/:id')
  async line(@Param('id') id: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    const user = await this.signedIn(req, res);
    if (!user) return;
    const state = readPageState(req);
    const key = lineKeyOf(id);
    const window = windowOf(state);
    const history = key ? await this.reads.history(user, id, window) : null;
    // A line with no event at all does not exist; before its first event, it is just empty.
    if (!key || !history || (history.entries.length === 0 && !state.asOf && !state.knownAt)) {
      this.notFound(res, user, state);
      return;
    }
    const balances = await this.reads.balances(user, key.fiscalYear, window);
    const partNames = await this.reads.partNames(key.fiscalYear, [key.unit]);
    sendHtml(
      res,
      200,
      page({
        title: `${t(state.lang, 'lineTitle')} ${key.programPart}`,
        section: 'line',
        inboxCount: await this.inbox.countFor(req),
        illustrative: await this.reports.illustrative(),
        path: `/lines/${encodeURIComponent(id)}`,
        state,
        user,
        sliderYear: key.fiscalYear,
        charts: history.entries.length > 0,
        body: lineBody({
          state,
          id,
          key,
          line: balances.find((l) => l.id === id) ?? null,
          history,
          ...(partNames.has(key.programPart) ? { partName: partNames.get(key.programPart) } : {}),
          today: state.asOf ?? this.clock.today(),
        }),
      }),
    );
  }

  @Get('approvals')
  async approvals(@Req() req: Request, @Res() res: Response): Promise<void> {
    const user = await this.signedIn(req, res);
    if (!user) return;
    const state = readPageState(req);
    const approver = queryString(req, 'approver')?.slice(0, 100);
    const document = queryString(req, 'document')?.slice(0, 100);
    const window = windowOf(state);
    const all = await this.reads.approvals(user, {}, window);
    const approvals =
      approver || document
        ? await this.reads.approvals(
            user,
            { ...(approver ? { approver } : {}), ...(document ? { document } : {}) },
            window,
          )
        : all;
    const years = await this.reads.years(user);
    sendHtml(
      res,
      200,
      page({
        title: t(state.lang, 'approvalsTitle'),
        section: 'approvals',
        inboxCount: await this.inbox.countFor(req),
        illustrative: await this.reports.illustrative(),
        path: '/approvals',
        extra: { approver, document },
        state,
        user,
        ...(years[0] ? { sliderYear: years[0] } : {}),
        body: approvalsBody({
          user,
          state,
          ...(approver ? { approver } : {}),
          ...(document ? { document } : {}),
          all,
          approvals,
        }),
      }),
    );
  }

  @Get('integrity')
  async integrityPage(@Req() req: Request, @Res() res: Response): Promise<void> {
    const user = await this.signedIn(req, res);
    if (!user) return;
    const state = readPageState(req);
    if (!canSeeIntegrity(user)) {
      this.forbidden(res, user, state);
      return;
    }
    const check = await this.integrity.current();
    const years = await this.reads.years(user);
    sendHtml(
      res,
      200,
      page({
        title: t(state.lang, 'integrityTitle'),
        section: 'integrity',
        inboxCount: await this.inbox.countFor(req),
        illustrative: await this.reports.illustrative(),
        path: '/integrity',
        state,
        user,
        ...(years[0] ? { sliderYear: years[0] } : {}),
        body: integrityBody(check, state),
      }),
    );
  }

  /** Runs the check now (it reads the log; it changes nothing, but costs a whole read). */
  @Post('integrity/verify')
  async verifyNow(@Req() req: Request, @Res() res: Response): Promise<void> {
    const user = await this.signedIn(req, res);
    if (!user) return;
    const state = readPageState(req);
    if (!canSeeIntegrity(user) || isCrossSite(req)) {
      this.forbidden(res, user, state);
      return;
    }
    await this.integrity.check();
    res.redirect(303, href('/integrity', state));
  }

  /** The signed-in user, or null after sending the visitor to the sign-in page. */
  private async signedIn(req: Request, res: Response): Promise<Actor | null> {
    const user = await this.sessions.user(sessionIdOf(req));
    if (user) return user.actor;
    const lang = readPageState(req).lang;
    const next = req.method === 'GET' ? req.originalUrl : '/';
    res.redirect(
      303,
      `/login?${new URLSearchParams({ ...(lang === 'en' ? { lang } : {}), next }).toString()}`,
    );
    return null;
  }

  private notFound(res: Response, user: Actor, state: PageState): void {
    sendHtml(
      res,
      404,
      page({
        title: t(state.lang, 'lineTitle'),
        section: 'error',
        path: '/',
        state,
        user,
        timeControl: false,
        body: messageBody(t(state.lang, 'lineTitle'), t(state.lang, 'notFound'), {
          href: href('/', state),
          label: t(state.lang, 'backToOverview'),
        }),
      }),
    );
  }

  private forbidden(res: Response, user: Actor, state: PageState): void {
    sendForbidden(res, user, state, 'integrityForbidden');
  }
}
