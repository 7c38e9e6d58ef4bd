import { START, type Position, type ReadPosition } from '@eventstore/db-client';

/**
 * EventStoreDB orders $all by the pair (commit, prepare). The port wants one bigint, so
 * the commit position goes in the high 64 bits and the prepare position in the low 64:
 * comparing the bigints compares the pairs in $all order, and events that share a commit
 * position (a legacy explicit transaction) still get distinct, increasing values.
 * Since EventStoreDB 20 every event of a gRPC append commits itself, so commit = prepare.
 */
const LOW_64 = (1n << 64n) - 1n;

/** The server's "no position" (ulong.MaxValue), sent when it does not know the commit. */
const NO_POSITION = LOW_64;

export function encodePosition(position: Position): bigint {
  return (position.commit << 64n) | position.prepare;
}

export function decodePosition(value: bigint): Position {
  return { commit: value >> 64n, prepare: value & LOW_64 };
}

export function isKnownPosition(position: Position | undefined): position is Position {
  return (
    position !== undefined && position.commit !== NO_POSITION && position.prepare !== NO_POSITION
  );
}

/**
 * Where an $all read or subscription for the events after `after` starts. readAll treats
 * it as inclusive and subscribeToAll as exclusive: callers still drop positions ≤ after.
 */
export function startAfter(after: bigint | undefined): ReadPosition {
  return after === undefined || after < 0n ? START : decodePosition(after);
}
