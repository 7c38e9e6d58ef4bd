import type { Actor, Authority } from '../shared/actor';
import { authorize, type Subject } from '../shared/authorization';
import { parseBusinessDate } from '../shared/dates';
import { assertNever } from '../shared/decider';
import { DomainError } from '../shared/domain-error';
import { requireWithinLineBound, type Money } from '../shared/money';
import { parseBudgetLineId, type BudgetLineKey } from '../budget-line/budget-line-key';
import type { ApprovalAuthority } from '../budget-line/budget-line.events';
import { requireKnownProgramPart } from '../budget-line/program-parts';
import { carryOverDeadlineOf, deadlineErrors } from '../budget-line/carry-over-deadline';
import { requirePermitted } from './transfer-permission.rules';
import { TRANSFER_POLICIES } from './transfer.policy';

export type TransferKind = 'carry_over' | 'reallocation';

export interface TransferRequest {
  readonly transferId: string;
  readonly kind: TransferKind;
  /** Null when carried-over money comes from a year this ledger does not hold (the seed's 2023). */
  readonly fromLine: string | null;
  readonly toLine: string;
  readonly amount: Money;
  readonly decision: string;
  readonly legalBasis: readonly string[];
  /** A carry-over's deadline as its decision states it; absent: 31/12 of the receiving year. */
  readonly deadline?: string | null;
  /**
   * The decision that permits what a carry-over or reallocation may not do by default (a
   * second carry-over, a move across fund sources or between carried-over and current-year
   * money). A typed field of the request rather than an event of its own: the permission
   * is judged with the request, in the same decide, and the trail shows it on the request.
   */
  readonly permittedBy?: string | null;
}

/**
 * A transfer moves money between two lines, which are two streams: it cannot be one
 * append. The transfer stream records intent and outcome; a process manager performs
 * the debit and the credit, each idempotent by transfer id, and records completion or
 * compensates — so both lines change or neither does.
 */
export type TransferEvent =
  | {
      readonly type: 'TransferRequested';
      readonly data: TransferRequest & {
        readonly requestedBy: string;
        /** The requester's person, when the account names one (segregation compares persons). */
        readonly requestedByPerson?: string;
      };
    }
  | {
      readonly type: 'TransferApproved';
      readonly data: {
        readonly transferId: string;
        readonly approvedBy: string;
        readonly authority: ApprovalAuthority;
      };
    }
  | {
      readonly type: 'TransferRejected';
      readonly data: {
        readonly transferId: string;
        readonly rejectedBy: string;
        readonly reason: string;
      };
    }
  | { readonly type: 'TransferCompleted'; readonly data: { readonly transferId: string } }
  | {
      readonly type: 'TransferFailed';
      readonly data: {
        readonly transferId: string;
        readonly code: string;
        readonly reason: string;
      };
    };

export type TransferStatus =
  'none' | 'requested' | 'approved' | 'rejected' | 'completed' | 'failed';

type Requested = Extract<TransferEvent, { type: 'TransferRequested' }>['data'];

export interface TransferState {
  readonly status: TransferStatus;
  readonly request: Requested | null;
}

interface Base {
  readonly actor: Actor;
  readonly on: string;
  /** The business day the command is recorded on (see BudgetLineCommand); absent: `on`. */
  readonly recordedOn?: string;
}

/** A decision on a request: the approver's delegation, and the request's effective date. */
interface Decision {
  readonly authority: Authority | null;
  /** The request's effective date: the decision may not precede it. */
  readonly requestedOn?: string;
}

export type TransferCommand =
  | (Base & { readonly type: 'RequestTransfer'; readonly data: TransferRequest })
  | (Base & { readonly type: 'ApproveTransfer'; readonly data: Decision })
  | (Base & {
      readonly type: 'RejectTransfer';
      readonly data: Decision & { readonly reason: string };
    })
  | (Base & { readonly type: 'CompleteTransfer' })
  | (Base & {
      readonly type: 'FailTransfer';
      readonly data: { readonly code: string; readonly reason: string };
    });

export const initialTransferState: TransferState = { status: 'none', request: null };

export function transferStreamId(transferId: string): string {
  return `transfer-${transferId}`;
}

function error(
  code: string,
  vi: string,
  en: string,
  kind: 'validation' | 'rule' | 'conflict' | 'not_found' = 'rule',
): DomainError {
  return new DomainError(code, kind, { vi, en });
}

/** Reallocations between lines are decided before 15/11 of the year (Law on the State Budget, Art. 53). */
function reallocationDeadline(fiscalYear: number): string {
  return `${fiscalYear}-11-15`;
}

function checkLines(
  r: TransferRequest,
  on: string,
): { from: BudgetLineKey | null; to: BudgetLineKey } {
  if (r.amount <= 0n)
    throw error(
      'VALIDATION.AMOUNT_NOT_POSITIVE',
      'amount: số tiền phải lớn hơn 0',
      'amount: must be greater than zero',
      'validation',
    );
  requireWithinLineBound(r.amount);
  parseBusinessDate(on, 'effectiveDate');
  const to = parseBudgetLineId(r.toLine);
  requireKnownProgramPart(to.programPart, 'toLine');
  const from = r.fromLine === null ? null : parseBudgetLineId(r.fromLine);
  if (r.fromLine === r.toLine) {
    throw error(
      'TRANSFER.SAME_LINE',
      'Dòng nguồn và dòng nhận phải khác nhau',
      'Source and destination lines must differ',
      'validation',
    );
  }
  if (r.kind === 'carry_over') {
    carryOverDeadlineOf(r.deadline, to.fiscalYear, on);
    if (to.sourceYear >= to.fiscalYear) {
      throw error(
        'TRANSFER.NOT_A_CARRY_OVER',
        'Dòng nhận chuyển nguồn phải có năm nguồn trước năm ngân sách',
        'A carry-over must land on a line whose source year precedes its fiscal year',
      );
    }
    if (from && (from.fiscalYear + 1 !== to.fiscalYear || from.sourceYear !== to.sourceYear)) {
      throw error(
        'TRANSFER.NOT_A_CARRY_OVER',
        'Chuyển nguồn chỉ từ năm trước sang năm sau, giữ nguyên năm nguồn',
        'A carry-over moves money to the next fiscal year and keeps its source year',
      );
    }
  } else {
    if (r.deadline != null) throw deadlineErrors.onlyForCarryOver();
    if (!from)
      throw error(
        'TRANSFER.SOURCE_REQUIRED',
        'Điều chỉnh phải có dòng nguồn',
        'A reallocation needs a source line',
        'validation',
      );
    if (from.fiscalYear !== to.fiscalYear) {
      throw error(
        'TRANSFER.ACROSS_YEARS',
        'Điều chỉnh chỉ giữa các dòng cùng năm ngân sách',
        'A reallocation moves money within one fiscal year',
      );
    }
    if (on > reallocationDeadline(to.fiscalYear)) {
      throw error(
        'TRANSFER.AFTER_REALLOCATION_DEADLINE',
        `Điều chỉnh dự toán phải trước ngày 15/11/${to.fiscalYear}`,
        `Reallocations must be decided by 15/11/${to.fiscalYear}`,
      );
    }
  }
  requirePermitted(r, from, to);
  return { from, to };
}

function requested(state: TransferState): Requested {
  if (!state.request)
    throw error(
      'TRANSFER.NOT_FOUND',
      'Không tìm thấy đề nghị điều chuyển',
      'Transfer not found',
      'not_found',
    );
  return state.request;
}

function invalidState(state: TransferState, vi: string, en: string): DomainError {
  return new DomainError('TRANSFER.INVALID_STATE', 'conflict', {
    vi: `Không thể ${vi} ở trạng thái ${state.status}`,
    en: `Cannot ${en} in state ${state.status}`,
  });
}

function lineOf(id: string | null) {
  if (id === null) return null;
  try {
    return parseBudgetLineId(id);
  } catch {
    return null;
  }
}

/** Both lines of the transfer (the request's, or the one being requested), for its policy. */
function subjectOf(command: TransferCommand, state: TransferState): Subject {
  const r = command.type === 'RequestTransfer' ? command.data : state.request;
  const lines = r ? [lineOf(r.toLine), lineOf(r.fromLine)] : [];
  const base = {
    targets: lines.flatMap((k) => (k ? [{ unit: k.unit, programPart: k.programPart }] : [])),
    on: command.on,
    recordedOn: command.recordedOn ?? command.on,
  };
  if (command.type !== 'ApproveTransfer' && command.type !== 'RejectTransfer') return base;
  const request = state.request;
  return {
    ...base,
    authority: command.data.authority,
    decidedItemOn: command.data.requestedOn ?? null,
    preparedBy: request
      ? [{ userId: request.requestedBy, personId: request.requestedByPerson ?? null }]
      : [],
  };
}

export function decideTransfer(command: TransferCommand, state: TransferState): TransferEvent[] {
  const authority = authorize(
    TRANSFER_POLICIES[command.type],
    command.actor,
    subjectOf(command, state),
  );
  switch (command.type) {
    case 'RequestTransfer': {
      if (state.status !== 'none') throw invalidState(state, 'tạo lại đề nghị', 'request again');
      checkLines(command.data, command.on);
      const person = command.actor.personId;
      return [
        {
          type: 'TransferRequested',
          data: {
            ...command.data,
            requestedBy: command.actor.userId,
            ...(person ? { requestedByPerson: person } : {}),
          },
        },
      ];
    }
    case 'ApproveTransfer':
    case 'RejectTransfer': {
      const r = requested(state);
      const approving = command.type === 'ApproveTransfer';
      if (state.status !== 'requested')
        throw invalidState(
          state,
          approving ? 'phê duyệt' : 'từ chối',
          approving ? 'approve' : 'reject',
        );
      if (approving) {
        const signed = authority as Authority;
        return [
          {
            type: 'TransferApproved',
            data: {
              transferId: r.transferId,
              approvedBy: command.actor.userId,
              authority: { capacity: signed.capacity, title: signed.title },
            },
          },
        ];
      }
      return [
        {
          type: 'TransferRejected',
          data: {
            transferId: r.transferId,
            rejectedBy: command.actor.userId,
            reason: command.data.reason,
          },
        },
      ];
    }
    case 'CompleteTransfer':
    case 'FailTransfer': {
      const r = requested(state);
      // Settled already: the process manager may retry a step after a restart.
      if (state.status === 'completed' || state.status === 'failed') return [];
      if (state.status !== 'approved')
        throw invalidState(state, 'kết thúc điều chuyển', 'settle the transfer');
      return command.type === 'CompleteTransfer'
        ? [{ type: 'TransferCompleted', data: { transferId: r.transferId } }]
        : [{ type: 'TransferFailed', data: { transferId: r.transferId, ...command.data } }];
    }
    default:
      return assertNever(command);
  }
}

export function evolveTransfer(state: TransferState, event: TransferEvent): TransferState {
  switch (event.type) {
    case 'TransferRequested':
      return { status: 'requested', request: event.data };
    case 'TransferApproved':
      return { ...state, status: 'approved' };
    case 'TransferRejected':
      return { ...state, status: 'rejected' };
    case 'TransferCompleted':
      return { ...state, status: 'completed' };
    case 'TransferFailed':
      return { ...state, status: 'failed' };
    default:
      return assertNever(event);
  }
}

export const transferDecider = {
  name: 'transfer@1',
  initialState: initialTransferState,
  evolve: evolveTransfer,
  decide: decideTransfer,
  streamId: transferStreamId,
} as const;
