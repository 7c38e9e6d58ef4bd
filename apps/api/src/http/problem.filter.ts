import { type ArgumentsHost, Catch, type ExceptionFilter, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { PROBLEM_CONTENT_TYPE, ReplayedAnswer, toProblem } from './problem';

/**
 * The one place anything thrown becomes an answer: `application/problem+json` with a
 * stable code and Vietnamese and English messages. Server faults are logged with the
 * error and answered without internals.
 */
/** Told of every refusal (4xx) with the request it answered, before the answer goes out. */
export type RefusalSink = (
  req: Request,
  problem: { status: number; code: string; detail?: string },
) => void | Promise<void>;

@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger('ProblemFilter');

  constructor(private readonly onRefusal?: RefusalSink) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') throw exception;
    const http = host.switchToHttp();
    const res = http.getResponse<Response>();
    const req = http.getRequest<Request>();
    // Nest does not await a filter: a failure to answer is logged and the connection cut.
    this.answer(exception, req, res).catch((error: unknown) => {
      this.logger.error(
        `${req.method} ${req.originalUrl}: no answer could be sent`,
        error instanceof Error ? error.stack : String(error),
      );
      res.destroy();
    });
  }

  private async answer(exception: unknown, req: Request, res: Response): Promise<void> {
    if (exception instanceof ReplayedAnswer) {
      this.send(res, exception.status, exception.body);
      return;
    }
    const { problem, serverFault } = toProblem(exception);
    if (serverFault) {
      this.logger.error(
        `${req.method} ${req.originalUrl} → ${problem.status} ${problem.code}`,
        exception instanceof Error ? exception.stack : String(exception),
      );
    }
    if (!serverFault && problem.status >= 400 && problem.status < 500) {
      try {
        // Awaited before answering: whoever reads the log after the answer finds the entry.
        await this.onRefusal?.(req, problem);
      } catch (error) {
        // The answer still goes out; a security log that cannot write is an operator's alarm.
        this.logger.error(`Security log write failed: ${String(error)}`);
      }
    }
    this.send(res, problem.status, problem);
  }

  private send(res: Response, status: number, body: unknown): void {
    if (res.headersSent) {
      // Too late for an answer of our own: cut the connection so the client sees a failure.
      res.destroy();
      return;
    }
    res.status(status);
    if (body === undefined || body === null) {
      res.end();
      return;
    }
    res.setHeader(
      'Content-Type',
      `${status >= 400 ? PROBLEM_CONTENT_TYPE : 'application/json'}; charset=utf-8`,
    );
    res.send(JSON.stringify(body));
  }
}
