import { Injectable } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { Request, Response } from 'express';
import type { AuthenticatedUser } from '@app/api-state';
import { setSessionUser } from '../../auth/auth.decorators';

/** What the API route answered: its status and its JSON (a result, or a problem). */
export interface ApiAnswer {
  readonly status: number;
  readonly body: unknown;
  /** The Idempotency-Key layer replayed an earlier answer (a double submit). */
  readonly replayed: boolean;
}

type ExpressHandle = (req: Request, res: Response, done: (error?: unknown) => void) => void;

const IN_PROGRESS_RETRIES = 25;
const IN_PROGRESS_WAIT_MS = 200;

/** Headers the API's JSON answer set that the dashboard's HTML answer must not keep. */
const API_ONLY_HEADERS = ['content-type', 'content-length', 'etag', 'idempotent-replayed'];

function codeOf(body: unknown): string | undefined {
  const code = (body as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

/**
 * Hands a dashboard form to the API route that does the same thing over JSON, in
 * process: the request is re-dispatched through the Express app as
 * `POST /api/v1/...` with a JSON body, the form's idempotency key as `Idempotency-Key`
 * and the session's user (the AuthGuard takes it instead of a bearer token). Everything
 * the API does then happens once, the same way: DTO validation, role and policy,
 * idempotency, the command handler and its `authorize`, the security log of refusals.
 * Its answer is captured here instead of sent, so the dashboard can answer with HTML.
 *
 * Only ever called after the form's CSRF token and origin were checked (FormGate).
 */
@Injectable()
export class FormBridge {
  constructor(private readonly host: HttpAdapterHost) {}

  async send(
    req: Request,
    res: Response,
    user: AuthenticatedUser,
    call: { readonly path: string; readonly body: Record<string, unknown>; readonly key: string },
  ): Promise<ApiAnswer> {
    // A double click's second request waits for the first to finish, then gets its answer.
    for (let attempt = 0; ; attempt++) {
      const answer = await this.dispatch(req, res, user, call);
      if (codeOf(answer.body) !== 'IDEMPOTENCY.IN_PROGRESS' || attempt >= IN_PROGRESS_RETRIES) {
        return answer;
      }
      await new Promise((resolve) => setTimeout(resolve, IN_PROGRESS_WAIT_MS));
    }
  }

  private dispatch(
    req: Request,
    res: Response,
    user: AuthenticatedUser,
    call: { readonly path: string; readonly body: Record<string, unknown>; readonly key: string },
  ): Promise<ApiAnswer> {
    const app = this.host.httpAdapter.getInstance<{ handle: ExpressHandle }>();
    const saved = {
      url: req.url,
      originalUrl: req.originalUrl,
      body: req.body as unknown,
      headers: { ...req.headers },
    };
    req.url = call.path;
    req.originalUrl = call.path;
    req.body = call.body;
    req.headers['content-type'] = 'application/json';
    req.headers['idempotency-key'] = call.key;
    // The app-wide middleware runs again for the API route (request id, security headers,
    // JSON-only and body-shape checks on the body built here: cheap, and the API's own
    // protections judge it as any API call). The request keeps the id it was given on
    // arrival, so the access log, the refusals and the events recorded share one id.
    const id = (req as { id?: unknown }).id;
    if (typeof id === 'string') req.headers['x-request-id'] = id;
    // The session is the only credential: a bearer token sent along is not looked at.
    delete req.headers.authorization;
    setSessionUser(req, user);

    // res.end may be an own property already (a middleware's wrapper): put back what was.
    const ownEnd = Object.getOwnPropertyDescriptor(res, 'end');
    return new Promise<ApiAnswer>((resolve, reject) => {
      const restore = (): void => {
        if (ownEnd) Object.defineProperty(res, 'end', ownEnd);
        else delete (res as { end?: unknown }).end;
        req.url = saved.url;
        req.originalUrl = saved.originalUrl;
        req.body = saved.body;
        req.headers = saved.headers;
      };
      (res as { end: unknown }).end = (chunk?: unknown): Response => {
        const status = res.statusCode;
        const replayed = res.getHeader('idempotent-replayed') === 'true';
        for (const name of API_ONLY_HEADERS) res.removeHeader(name);
        restore();
        const text = Buffer.isBuffer(chunk)
          ? chunk.toString('utf8')
          : typeof chunk === 'string'
            ? chunk
            : '';
        let body: unknown;
        try {
          body = text === '' ? null : JSON.parse(text);
        } catch {
          body = text;
        }
        res.statusCode = 200;
        resolve({ status, body, replayed });
        return res;
      };
      app.handle(req, res, (error?: unknown) => {
        // Nothing answered: no route took it (a programming error of the form).
        restore();
        reject(error instanceof Error ? error : new Error(`No API route answered ${call.path}`));
      });
    });
  }
}
