import { Controller, Get, Post, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Public } from '../auth';
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
    const token = typeof body.token === 'string' ? body.token.trim() : '';
    const id = token ? await this.sessions.open(token) : null;
    if (!id) {
      // Counted per address, as the API's bearer tokens are: 429 past the limit.
      await this.signIns.refused(req, res);
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

  @Get('logout')
  async logout(@Req() req: Request, @Res() res: Response): Promise<void> {
    await this.sessions.close(sessionIdOf(req));
    clearSessionCookie(res);
    res.redirect(303, readPageState(req).lang === 'en' ? '/login?lang=en' : '/login');
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
