import { Controller, Get, Inject, Post, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Public } from '../auth';
import { SecurityLog } from '@app/api-state';
import { isCrossSite } from './cross-site';
import { sendForbidden } from './forbidden-page';
import { SignInLimiter } from '../rate-limit/sign-in-limiter';
import { DashboardErrorFilter } from './dashboard-error.filter';
import { t } from './i18n';
import {
  clearSessionCookie,
  DashboardSessions,
  sessionIdOf,
  setSessionCookie,
} from './dashboard-sessions';
import { readPageState } from './page-state';
import { sendHtml } from './send-html';
import { page } from './views/layout.view';
import { loginBody } from './views/login.view';

/** Only a path of this site: never an open redirect to another host. */
export function safeNext(next: unknown): string {
  if (typeof next !== 'string' || !next.startsWith('/') || next.startsWith('//')) return '/';
  if (/[\\\r\n]/.test(next)) return '/';
  return next;
}

/**
 * Sign-in with a bearer token into a session cookie. The routes are @Public() for the
 * API's AuthGuard: the token comes in a form, not in an Authorization header.
 */
@ApiExcludeController()
@Public()
@UseFilters(DashboardErrorFilter)
@Controller()
export class DashboardAuthController {
  constructor(
    private readonly sessions: DashboardSessions,
    @Inject(SecurityLog) private readonly securityLog: SecurityLog,
    private readonly signIns: SignInLimiter,
  ) {}

  @Get('login')
  async login(@Req() req: Request, @Res() res: Response): Promise<void> {
    const state = readPageState(req);
    const next = safeNext(req.query.next);
    if (await this.sessions.user(sessionIdOf(req))) {
      res.redirect(303, next);
      return;
    }
    this.render(res, 200, state, next, false);
  }

  @Post('login')
  async signIn(@Req() req: Request, @Res() res: Response): Promise<void> {
    // Read as sent (a urlencoded form), past the API's JSON DTO validation.
    const body = (req.body ?? {}) as { token?: unknown; next?: unknown };
    const state = readPageState(req);
    const next = safeNext(body.next);
    // Another site's form would sign the visitor in as the attacker.
    if (await this.refuseCrossSite(req, res, state)) return;
    const token = typeof body.token === 'string' ? body.token.trim() : '';
    const id = token ? await this.sessions.open(token) : null;
    if (!id) {
      // Counted per address, as the API's bearer tokens are: 429 past the limit (and then
      // not logged one by one: a flood of junk tokens must not fill the security log).
      await this.signIns.refused(req, res);
      await this.log(
        req,
        401,
        'DASHBOARD.SIGN_IN_FAILED',
        'sign-in with an unknown, revoked or expired token',
      );
      this.render(res, 401, state, next, true);
      return;
    }
    // A new id at every sign-in: a planted cookie can never become a signed-in session.
    await this.sessions.close(sessionIdOf(req));
    setSessionCookie(req, res, id);
    res.redirect(303, next);
  }

  @Post('logout')
  async logoutByForm(@Req() req: Request, @Res() res: Response): Promise<void> {
    await this.logout(req, res);
  }

  /** Typed or followed from this site only: another site's link must not sign anyone out. */
  @Get('logout')
  async logout(@Req() req: Request, @Res() res: Response): Promise<void> {
    if (await this.refuseCrossSite(req, res, readPageState(req))) return;
    await this.sessions.close(sessionIdOf(req));
    clearSessionCookie(res);
    res.redirect(303, readPageState(req).lang === 'en' ? '/login?lang=en' : '/login');
  }

  /** Answers 403 to a request another site made the browser send; true when it did. */
  private async refuseCrossSite(
    req: Request,
    res: Response,
    state: ReturnType<typeof readPageState>,
  ): Promise<boolean> {
    if (!isCrossSite(req)) return false;
    await this.log(req, 403, 'DASHBOARD.CROSS_SITE', 'a form or link of another site');
    sendForbidden(res, null, state, 'crossSite');
    return true;
  }

  /** Failed and forged sign-ins go to the security log, like the API's refusals. */
  private async log(req: Request, status: number, code: string, reason: string): Promise<void> {
    await this.securityLog.record({
      at: new Date().toISOString(),
      userId: null,
      role: null,
      method: req.method,
      path: req.path,
      status,
      code,
      reason,
      ip: req.ip ?? null,
    });
  }

  private render(
    res: Response,
    status: number,
    state: ReturnType<typeof readPageState>,
    next: string,
    failed: boolean,
  ): void {
    sendHtml(
      res,
      status,
      page({
        title: t(state.lang, 'loginTitle'),
        section: 'login',
        path: '/login',
        extra: next === '/' ? {} : { next },
        state,
        user: null,
        body: loginBody(state, next, failed),
        timeControl: false,
      }),
    );
  }
}
