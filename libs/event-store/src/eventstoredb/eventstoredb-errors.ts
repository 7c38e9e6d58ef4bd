import { setTimeout as sleep } from 'node:timers/promises';
import {
  AccessDeniedError,
  CancelledError,
  DeadlineExceededError,
  MaxAppendSizeExceededError,
  NotLeaderError,
  TimeoutError,
  UnavailableError,
  UnknownError,
} from '@eventstore/db-client';
import { AppendTooLargeError, EventStoreUnavailableError } from '../errors';

/** gRPC status codes (from @grpc/grpc-js, which we do not depend on directly). */
const GRPC_CANCELLED = 1;
const GRPC_DEADLINE_EXCEEDED = 4;
const GRPC_UNAVAILABLE = 14;

/**
 * What a batch append answers while the node cannot take writes (Streams.BatchAppend.cs
 * on the server: a NotHandled reason sent as a google.rpc.Status whose details are an
 * Empty), which client 6.2.1 turns into `UnknownError("Could not recognize <message>")`
 * with no code: a node not ready or too busy, or a follower that knows no leader — an
 * election under way.
 */
const NOT_HANDLED = /Server Is Not Ready|Server Is (Too )?Busy|No leader info available/;

/** After NotLeader the client reconnects to the leader it names; tries of one operation. */
const LEADER_ATTEMPTS = 3;
const LEADER_RETRY_MS = 50;

/**
 * Why the server cannot serve now, for the errors that mean "retry later" (HTTP 503);
 * null for any other error. The client reports most of them as its own classes, but
 * appendToStream first asks the server for its features and rejects with that call's raw
 * gRPC error (code 14), and a client-side cancellation stays a raw code 1, so codes are
 * checked as well.
 */
export function unavailableReason(error: unknown): string | null {
  if (error instanceof UnavailableError) return 'unreachable';
  if (error instanceof DeadlineExceededError) return 'no answer before the deadline';
  if (error instanceof TimeoutError) return 'the operation timed out on the server';
  if (error instanceof NotLeaderError) return 'the node is not the leader (failover under way)';
  if (error instanceof CancelledError) return 'the call was cancelled';
  if (error instanceof AccessDeniedError) {
    return 'access denied to the application user (its ACL: docs/deployment.md, "EventStoreDB permissions")';
  }
  if (error instanceof UnknownError && NOT_HANDLED.test(error.message)) {
    return `the node cannot take requests now (${NOT_HANDLED.exec(error.message)?.[0]}; leader election under way)`;
  }
  if (typeof error !== 'object' || error === null || !('code' in error)) return null;
  switch (error.code) {
    case GRPC_UNAVAILABLE:
      return 'unreachable';
    case GRPC_DEADLINE_EXCEEDED:
      return 'no answer before the deadline';
    case GRPC_CANCELLED:
      return 'the call was cancelled';
    default:
      return null;
  }
}

/** True when the error means the server cannot serve now (see unavailableReason). */
export function isUnavailable(error: unknown): boolean {
  return unavailableReason(error) !== null;
}

/** The connection string without its password, fit for an error message. */
export function redactedTarget(connectionString: string): string {
  return connectionString.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');
}

/**
 * The client's errors as the port's: "retry later" → EventStoreUnavailableError naming the
 * target and why; a batch over the server's MaxAppendSize → AppendTooLargeError (as the
 * port refuses one over its own limit); anything else as is.
 */
export function toStoreError(error: unknown, target: string, streamId?: string): unknown {
  if (error instanceof MaxAppendSizeExceededError) {
    return new AppendTooLargeError(streamId ?? '(unknown)', null, error.maxAppendSize);
  }
  const reason = unavailableReason(error);
  return reason === null ? error : new EventStoreUnavailableError(target, { cause: error, reason });
}

/**
 * Runs one store operation with the client's errors translated by toStoreError. A
 * NotLeader answer (the node lost the leadership; the client has begun reconnecting to
 * the leader it names) is tried again a couple of times first: every operation passed
 * here is safe to repeat (appends recognise their own ids, see eventstoredb-append.ts).
 */
export async function translated<T>(
  target: string,
  operation: () => Promise<T>,
  streamId?: string,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await operation();
    } catch (error) {
      if (error instanceof NotLeaderError && attempt < LEADER_ATTEMPTS) {
        await sleep(LEADER_RETRY_MS * attempt);
        continue;
      }
      throw toStoreError(error, target, streamId);
    }
  }
}
