import { HttpException, HttpStatus } from '@nestjs/common';
import { STATUS_CODES } from 'node:http';
import { DomainError, type DomainErrorKind, type Messages } from '@app/budgeting';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/** The largest JSON body accepted (body-parser syntax), and as people read it. */
export const JSON_BODY_LIMIT = '64kb';
const JSON_BODY_LIMIT_TEXT = '64 kB';

/** One problem of a request, as validation lists them (`field` is a dotted path: `payee.name`). */
export interface FieldProblem {
  readonly field: string;
  readonly code: string;
  readonly message: Messages;
}

/**
 * RFC 9457 problem details plus the fields our clients rely on: a stable `code` and the
 * message in Vietnamese and English. `detail` repeats the English message for generic
 * problem+json tooling.
 */
export interface Problem {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly code: string;
  readonly message: Messages;
  readonly detail: string;
  readonly errors?: readonly FieldProblem[];
  readonly details?: Readonly<Record<string, string>>;
}

/** A refusal raised by the HTTP edge itself (auth, validation, idempotency). */
export class ProblemException extends HttpException {
  constructor(
    status: number,
    readonly code: string,
    readonly messages: Messages,
    readonly errors?: readonly FieldProblem[],
  ) {
    super(`${code}: ${messages.en}`, status);
    this.name = 'ProblemException';
  }
}

/**
 * An answer stored by the idempotency layer, sent again as it was the first time.
 * Thrown rather than returned when Nest would otherwise overwrite its status.
 */
export class ReplayedAnswer extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
  ) {
    super(`replayed answer ${status}`);
    this.name = 'ReplayedAnswer';
  }
}

const STATUS_BY_KIND: Record<DomainErrorKind, number> = {
  validation: HttpStatus.BAD_REQUEST,
  forbidden: HttpStatus.FORBIDDEN,
  not_found: HttpStatus.NOT_FOUND,
  conflict: HttpStatus.CONFLICT,
  rule: HttpStatus.UNPROCESSABLE_ENTITY,
};

/** Vietnamese for the statuses Nest and Express raise on their own. */
const HTTP_MESSAGES: Partial<Record<number, Messages>> = {
  400: { vi: 'Yêu cầu không hợp lệ', en: 'Bad request' },
  401: { vi: 'Chưa xác thực', en: 'Not authenticated' },
  403: { vi: 'Không có quyền thực hiện', en: 'Forbidden' },
  404: { vi: 'Không tìm thấy', en: 'Not found' },
  405: { vi: 'Phương thức không được hỗ trợ', en: 'Method not allowed' },
  406: { vi: 'Không thể trả về định dạng được yêu cầu', en: 'Not acceptable' },
  408: { vi: 'Yêu cầu quá thời gian chờ', en: 'Request timeout' },
  409: { vi: 'Xung đột dữ liệu', en: 'Conflict' },
  413: { vi: 'Nội dung yêu cầu quá lớn', en: 'Payload too large' },
  415: {
    vi: 'Định dạng nội dung không được hỗ trợ, hãy gửi JSON (application/json)',
    en: 'Unsupported media type, send JSON (application/json)',
  },
  422: { vi: 'Không thể xử lý yêu cầu', en: 'Unprocessable request' },
  429: { vi: 'Quá nhiều yêu cầu, vui lòng thử lại sau', en: 'Too many requests, retry later' },
  503: { vi: 'Dịch vụ tạm thời không khả dụng', en: 'Service unavailable' },
};

const INTERNAL_MESSAGES: Messages = {
  vi: 'Lỗi hệ thống, vui lòng thử lại sau hoặc báo quản trị viên',
  en: 'Internal error, retry later or tell the administrator',
};

/** The result of mapping anything thrown: what to send, and whether it is our fault (log it). */
export interface MappedProblem {
  readonly problem: Problem;
  readonly serverFault: boolean;
}

export function problem(
  status: number,
  code: string,
  message: Messages,
  extra: { errors?: readonly FieldProblem[]; details?: Readonly<Record<string, string>> } = {},
): Problem {
  return {
    type: `urn:budget-ledger:problem:${code}`,
    title: STATUS_CODES[status] ?? 'Error',
    status,
    code,
    message,
    detail: message.en,
    ...(extra.errors && extra.errors.length > 0 ? { errors: extra.errors } : {}),
    ...(extra.details && Object.keys(extra.details).length > 0 ? { details: extra.details } : {}),
  };
}

/** `Payload Too Large` → `PAYLOAD_TOO_LARGE`. */
function statusName(status: number): string {
  return (STATUS_CODES[status] ?? `STATUS_${status}`)
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, '_')
    .replace(/^_|_$/g, '');
}

function hasCode(error: unknown, code: string): boolean {
  return error instanceof Error && (error as { code?: unknown }).code === code;
}

/** The `type` body-parser (http-errors) puts on what it throws, which Nest keeps as `cause`. */
function bodyParserType(exception: HttpException): string | undefined {
  const cause: unknown = exception.cause;
  if (typeof cause !== 'object' || cause === null) return undefined;
  const type = (cause as { type?: unknown }).type;
  return typeof type === 'string' ? type : undefined;
}

function fromHttpException(exception: HttpException): MappedProblem {
  const status = exception.getStatus();
  if (exception instanceof ProblemException) {
    return {
      problem: problem(status, exception.code, exception.messages, {
        ...(exception.errors ? { errors: exception.errors } : {}),
      }),
      serverFault: status >= 500,
    };
  }
  if (status >= 500) {
    return {
      problem: problem(
        status,
        `HTTP.${statusName(status)}`,
        HTTP_MESSAGES[status] ?? INTERNAL_MESSAGES,
      ),
      serverFault: true,
    };
  }
  const parserType = bodyParserType(exception);
  if (parserType === 'entity.parse.failed') {
    return {
      problem: problem(status, 'HTTP.BAD_JSON', {
        vi: 'Nội dung JSON không hợp lệ',
        en: `Malformed JSON body: ${exception.message}`,
      }),
      serverFault: false,
    };
  }
  if (parserType === 'entity.too.large' || status === 413) {
    // The contract answers an oversized body with 400, like every other bad input;
    // the code says which problem it was.
    return {
      problem: problem(400, 'HTTP.PAYLOAD_TOO_LARGE', {
        vi: `Nội dung yêu cầu quá lớn (tối đa ${JSON_BODY_LIMIT_TEXT})`,
        en: `Request body too large (at most ${JSON_BODY_LIMIT_TEXT})`,
      }),
      serverFault: false,
    };
  }
  const base = HTTP_MESSAGES[status] ?? {
    vi: 'Yêu cầu không hợp lệ',
    en: STATUS_CODES[status] ?? 'Error',
  };
  // A 4xx message Nest or Express wrote ("Cannot GET /x") is meant for the client. It is
  // English: the Vietnamese message keeps only what needs no translation (the route).
  const own = exception.message && exception.message !== base.en ? exception.message : '';
  const route = /^Cannot ([A-Z]+) (\S+)$/.exec(own);
  return {
    problem: problem(status, `HTTP.${statusName(status)}`, {
      vi: route ? `${base.vi}: ${route[1]} ${route[2]}` : base.vi,
      en: own ? `${base.en}: ${own}` : base.en,
    }),
    serverFault: false,
  };
}

/**
 * Maps anything thrown to the problem to send. Pure: the idempotency layer stores what
 * this returns and the filter sends the same, so a replay is byte for byte the first answer.
 */
export function toProblem(exception: unknown): MappedProblem {
  if (exception instanceof DomainError) {
    return {
      problem: problem(STATUS_BY_KIND[exception.kind], exception.code, exception.messages, {
        details: exception.details,
      }),
      serverFault: false,
    };
  }
  if (exception instanceof HttpException) return fromHttpException(exception);
  // Matched by code, not instanceof: the edge should not need the event-store barrel (and its
  // gRPC client) loaded to classify an error, and a second copy of the class would not match.
  if (hasCode(exception, 'EVENT_STORE.CONCURRENCY')) {
    return {
      problem: problem(HttpStatus.CONFLICT, 'EVENT_STORE.CONCURRENCY', {
        vi: 'Hồ sơ vừa được thay đổi cùng lúc bởi thao tác khác, vui lòng thử lại',
        en: 'the record changed at the same time, retry',
      }),
      serverFault: false,
    };
  }
  if (hasCode(exception, 'EVENT_STORE.APPEND_TOO_LARGE')) {
    // Bad input, not a fault: what one request would record is over the log's 1 MiB
    // per append (libs/event-store/src/append-size.ts); nothing was recorded.
    return {
      problem: problem(HttpStatus.BAD_REQUEST, 'EVENT_STORE.APPEND_TOO_LARGE', {
        vi: 'Yêu cầu ghi quá nhiều dữ liệu vào sổ sự kiện trong một lần (tối đa 1 MiB); hãy chia nhỏ',
        en: 'the request would record too much in one append to the event log (at most 1 MiB); split it',
      }),
      serverFault: false,
    };
  }
  if (hasCode(exception, 'EVENT_STORE.UNAVAILABLE')) {
    return {
      problem: problem(HttpStatus.SERVICE_UNAVAILABLE, 'EVENT_STORE.UNAVAILABLE', {
        vi: 'Không kết nối được sổ sự kiện, vui lòng thử lại sau',
        en: 'the event log cannot be reached, retry later',
      }),
      serverFault: true,
    };
  }
  return {
    problem: problem(HttpStatus.INTERNAL_SERVER_ERROR, 'INTERNAL', INTERNAL_MESSAGES),
    serverFault: true,
  };
}
