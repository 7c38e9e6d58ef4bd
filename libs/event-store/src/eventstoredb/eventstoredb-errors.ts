import { DeadlineExceededError, UnavailableError } from '@eventstore/db-client';
import { EventStoreUnavailableError } from '../errors';

/** gRPC status codes (from @grpc/grpc-js, which we do not depend on directly). */
const GRPC_DEADLINE_EXCEEDED = 4;
const GRPC_UNAVAILABLE = 14;

/**
 * True when the server could not be reached in time. Reads report a client
 * UnavailableError, but appendToStream first asks the server for its features and
 * rejects with that call's raw gRPC error (code 14), so the code is checked as well.
 */
export function isUnavailable(error: unknown): boolean {
  if (error instanceof UnavailableError || error instanceof DeadlineExceededError) return true;
  if (typeof error !== 'object' || error === null || !('code' in error)) return false;
  return error.code === GRPC_UNAVAILABLE || error.code === GRPC_DEADLINE_EXCEEDED;
}

/** The connection string without its password, fit for an error message. */
export function redactedTarget(connectionString: string): string {
  return connectionString.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');
}

/** Unreachable server → EventStoreUnavailableError naming the target; anything else as is. */
export function toStoreError(error: unknown, target: string): unknown {
  return isUnavailable(error) ? new EventStoreUnavailableError(target, { cause: error }) : error;
}

/** Runs one store operation with the client's errors translated by toStoreError. */
export async function translated<T>(target: string, operation: () => Promise<T>): Promise<T> {
  try {
    return await operation();
  } catch (error) {
    throw toStoreError(error, target);
  }
}
