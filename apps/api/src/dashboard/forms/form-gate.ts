import { Inject, Injectable } from '@nestjs/common';
import type { Request, Response } from 'express';
import { SecurityLog, type AuthenticatedUser } from '@app/api-state';
import { isCrossSite } from '../cross-site';
import { DashboardSessions, sessionIdOf } from '../dashboard-sessions';
import { sendForbidden } from '../forbidden-page';
import { readPageState, type PageState } from '../page-state';
import { CSRF_FIELD, csrfMatches, csrfTokenFor, formFieldsOf, type FormFields } from './form-infra';

/** A signed-in visitor of a form page: who, the session's CSRF token, the page state. */
export interface FormVisitor {
  readonly user: AuthenticatedUser;
  readonly csrf: string;
  readonly state: PageState;
}

/** A form POST that passed the gate, with the fields it sent. */
export interface FormPost extends FormVisitor {
  readonly fields: FormFields;
}

/**
 * The door of every dashboard form: a session (else to /login), and for a POST the same
 * origin (cross-site.ts, as sign-in) AND the session's CSRF token (form-infra.ts). A
 * refused POST answers 403 and goes to the security log, as the API's refusals do.
 */
@Injectable()
export class FormGate {
  constructor(
    private readonly sessions: DashboardSessions,
    @Inject(SecurityLog) private readonly securityLog: SecurityLog,
  ) {}

  /** For a GET: the visitor, or null after sending them to sign in. */
  async visit(req: Request, res: Response): Promise<FormVisitor | null> {
    const state = readPageState(req);
    const id = sessionIdOf(req);
    const user = await this.sessions.user(id);
    if (!user || !id) {
      this.toLogin(req, res, state);
      return null;
    }
    return { user, csrf: csrfTokenFor(id), state };
  }

  /** For a POST: the checked submission, or null after answering (login, or 403 logged). */
  async open(req: Request, res: Response): Promise<FormPost | null> {
    const visitor = await this.visit(req, res);
    if (!visitor) return null;
    const fields = formFieldsOf(req);
    const id = sessionIdOf(req) ?? '';
    const refusal = isCrossSite(req)
      ? {
          code: 'DASHBOARD.CROSS_SITE',
          reason: 'a form of another site',
          why: 'crossSite' as const,
        }
      : !csrfMatches(id, fields[CSRF_FIELD])
        ? {
            code: 'DASHBOARD.CSRF',
            reason: 'a form POST without the session CSRF token',
            why: 'formTokenRefused' as const,
          }
        : null;
    if (refusal) {
      await this.securityLog.record({
        at: new Date().toISOString(),
        userId: visitor.user.actor.userId,
        role: visitor.user.actor.role,
        method: req.method,
        path: req.path,
        status: 403,
        code: refusal.code,
        reason: refusal.reason,
        ip: req.ip ?? null,
      });
      sendForbidden(res, visitor.user.actor, visitor.state, refusal.why);
      return null;
    }
    return { ...visitor, fields };
  }

  private toLogin(req: Request, res: Response, state: PageState): void {
    const next = req.method === 'GET' ? req.originalUrl : '/';
    res.redirect(
      303,
      `/login?${new URLSearchParams({ ...(state.lang === 'en' ? { lang: 'en' } : {}), next }).toString()}`,
    );
  }
}
