import { type ArgumentsHost, Catch, type ExceptionFilter, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { toProblem } from '../http/problem';
import { readPageState } from './page-state';
import { sendHtml } from './send-html';
import { page } from './views/layout.view';
import { messageBody } from './views/login.view';

/**
 * A dashboard page that fails answers as a page, in the user's language, with the same
 * status and message the API's problem+json would carry (`toProblem`), not as JSON.
 */
@Catch()
export class DashboardErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('Dashboard');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const req = http.getRequest<Request>();
    const res = http.getResponse<Response>();
    const { problem, serverFault } = toProblem(exception);
    if (serverFault) {
      this.logger.error(
        `${req.method} ${req.originalUrl} → ${problem.status} ${problem.code}`,
        exception instanceof Error ? exception.stack : String(exception),
      );
    }
    const state = readPageState(req);
    const title = state.lang === 'vi' ? 'Không hiển thị được trang' : 'The page cannot be shown';
    sendHtml(
      res,
      problem.status,
      page({
        title,
        section: 'error',
        path: '/',
        state,
        user: null,
        timeControl: false,
        body: messageBody(title, `${problem.message[state.lang]} (${problem.code})`, {
          href: state.lang === 'vi' ? '/' : '/?lang=en',
          label: state.lang === 'vi' ? '← Về tổng quan' : '← Back to the overview',
        }),
      }),
    );
  }
}
