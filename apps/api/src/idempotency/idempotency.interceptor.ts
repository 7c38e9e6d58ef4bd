import {
  type CallHandler,
  type ExecutionContext,
  HttpStatus,
  Inject,
  Injectable,
  type NestInterceptor,
} from '@nestjs/common';
import type { Request, Response } from 'express';
import { from, lastValueFrom, type Observable } from 'rxjs';
import { getAuthenticated } from '../auth/auth.decorators';
import { ProblemException, ReplayedAnswer, toProblem, type Problem } from '../http/problem';
import { setIdempotencyKey } from './idempotency-key.decorator';
import { IdempotencyStore } from '@app/api-state';
import { requestHash } from './request-hash';

const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const KEY_SHAPE = /^[A-Za-z0-9_.:-]{1,200}$/;
export const IDEMPOTENCY_HEADER = 'Idempotency-Key';
export const REPLAYED_HEADER = 'Idempotent-Replayed';

/**
 * Refusals that are not the command's answer, so not kept under the key: request
 * validation (the handler never ran; the client may fix the body and reuse the key, as
 * Stripe allows) and a lost optimistic-concurrency race (transient: the retry should run).
 * Server faults (5xx) are never kept either.
 */
const NOT_KEPT = new Set(['VALIDATION.FAILED', 'EVENT_STORE.CONCURRENCY']);

function isKeptRefusal(problem: Problem): boolean {
  return problem.status >= 400 && problem.status < 500 && !NOT_KEPT.has(problem.code);
}

function isUnderApi(path: string): boolean {
  return path === '/api/v1' || path.startsWith('/api/v1/');
}

/**
 * Every mutating request under /api/v1 carries an Idempotency-Key: the same key with the
 * same request gets the first answer again and records nothing new; with another
 * request, 422; while the first is still running, 409.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(@Inject(IdempotencyStore) private readonly store: IdempotencyStore) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const http = context.switchToHttp();
    const req = http.getRequest<Request>();
    const res = http.getResponse<Response>();
    if (!MUTATING.has(req.method) || !isUnderApi(req.path)) return next.handle();
    // Keys are scoped per user; a @Public() route has no user to scope them by.
    const auth = getAuthenticated(req);
    if (!auth) return next.handle();

    const key = req.headers['idempotency-key'];
    if (key === undefined || key === '') {
      throw new ProblemException(HttpStatus.BAD_REQUEST, 'IDEMPOTENCY.KEY_REQUIRED', {
        vi: 'Thiếu tiêu đề Idempotency-Key: mỗi yêu cầu thay đổi dữ liệu cần một khóa duy nhất (ví dụ một UUID)',
        en: 'Missing Idempotency-Key header: every mutating request needs a unique key (e.g. a UUID)',
      });
    }
    if (typeof key !== 'string' || !KEY_SHAPE.test(key)) {
      throw new ProblemException(HttpStatus.BAD_REQUEST, 'IDEMPOTENCY.KEY_INVALID', {
        vi: 'Idempotency-Key không hợp lệ: 1–200 ký tự gồm chữ, số và _ . : -',
        en: 'Invalid Idempotency-Key: 1–200 characters of letters, digits and _ . : -',
      });
    }

    const userId = auth.actor.userId;
    const hash = requestHash(req.method, req.originalUrl, req.body);
    // A promise, not a piped observable: the outcome is recorded even when the client
    // goes away mid-request and Nest unsubscribes.
    return from(this.claimAndRun(next, req, res, userId, key, hash));
  }

  /** Claims the key in the (possibly shared) store, then answers as the claim allows. */
  private async claimAndRun(
    next: CallHandler,
    req: Request,
    res: Response,
    userId: string,
    key: string,
    hash: string,
  ): Promise<unknown> {
    const outcome = await this.store.begin(userId, key, hash);
    switch (outcome.kind) {
      case 'key_reused':
        throw new ProblemException(HttpStatus.UNPROCESSABLE_ENTITY, 'IDEMPOTENCY.KEY_REUSED', {
          vi: 'Idempotency-Key này đã được dùng cho một yêu cầu khác; hãy dùng khóa mới',
          en: 'This Idempotency-Key was already used for a different request; use a new key',
        });
      case 'in_progress':
        throw new ProblemException(HttpStatus.CONFLICT, 'IDEMPOTENCY.IN_PROGRESS', {
          vi: 'Yêu cầu với Idempotency-Key này đang được xử lý; vui lòng thử lại sau giây lát',
          en: 'A request with this Idempotency-Key is still being processed; retry shortly',
        });
      case 'replay':
        res.setHeader(REPLAYED_HEADER, 'true');
        // Nest sends a returned value with the route's status; any other status is thrown.
        if (outcome.status === res.statusCode) return outcome.body;
        throw new ReplayedAnswer(outcome.status, outcome.body);
      case 'started':
        setIdempotencyKey(req, key);
        return this.run(next, userId, key, outcome.attempt, res.statusCode);
    }
  }

  private async run(
    next: CallHandler,
    userId: string,
    key: string,
    attempt: string,
    successStatus: number,
  ): Promise<unknown> {
    let value: unknown;
    try {
      value = await lastValueFrom(next.handle(), { defaultValue: undefined });
    } catch (error) {
      const { problem } = toProblem(error);
      if (isKeptRefusal(problem)) {
        await this.store.complete(userId, key, attempt, problem.status, problem);
      } else {
        await this.store.abandon(userId, key, attempt);
      }
      throw error;
    }
    try {
      await this.store.complete(userId, key, attempt, successStatus, value);
    } catch (error) {
      await this.store.abandon(userId, key, attempt);
      throw error;
    }
    return value;
  }
}
