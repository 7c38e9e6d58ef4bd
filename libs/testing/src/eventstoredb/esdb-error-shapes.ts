import { createRequire } from 'node:module';
import { convertToCommandError } from '@eventstore/db-client';

/**
 * The errors @eventstore/db-client 6.2.1 raises when EventStoreDB (24.10) answers the way
 * a failover, an election, a refused user or an oversized batch makes it answer, built by
 * the client's own code from what the server sends, not written by hand:
 *
 * - unary and streaming calls (reads, subscriptions; the legacy append) end with a gRPC
 *   status that grpc-js turns into a ServiceError `{ code, details, metadata }`, which the
 *   client maps with `convertToCommandError` (dist/utils/CommandError.js): an `exception`
 *   metadata entry picks the class (`not-leader`, `access-denied`, …), else the code;
 * - a batch append (what appendToStream uses on servers ≥ 21.10) gets a per-request
 *   google.rpc.Status in BatchAppendResp.error, mapped by `unpackToCommandError`
 *   (dist/streams/appendToStream/unpackError.js) on the type of its details; a NotHandled
 *   reason (not ready, busy) comes with an Empty detail, which it does not recognise;
 * - a NotLeader during a batch append ends the whole batch stream with the status of
 *   RpcExceptions.LeaderInfo (code 5, NOT_FOUND, with the leader's address in metadata).
 *
 * The server's side is KurrentDB/EventStoreDB v24.10: RpcExceptions.cs, Status.cs and
 * Streams.BatchAppend.cs.
 */

// The client's own copies of its protobuf classes and of grpc-js, so `instanceof` holds.
const clientRequire = createRequire(require.resolve('@eventstore/db-client'));

interface Message {
  serializeBinary(): Uint8Array;
}
interface AnyMessage extends Message {
  pack(bytes: Uint8Array, type: string): void;
}
interface StatusMessage extends Message {
  setMessage(message: string): void;
  setDetails(details: AnyMessage): void;
}
interface MaxAppendSizeMessage extends Message {
  setMaxappendsize(size: number): void;
}
type New<T> = new () => T;

const grpc = clientRequire('@grpc/grpc-js') as typeof import('@grpc/grpc-js');
const { Any } = clientRequire('google-protobuf/google/protobuf/any_pb.js') as {
  Any: New<AnyMessage>;
};
const { Empty } = clientRequire('google-protobuf/google/protobuf/empty_pb.js') as {
  Empty: New<Message>;
};
const { Status } = clientRequire('../generated/status_pb.js') as { Status: New<StatusMessage> };
const shared = clientRequire('../generated/shared_pb.js') as {
  AccessDenied: New<Message>;
  Timeout: New<Message>;
  MaximumAppendSizeExceeded: New<MaxAppendSizeMessage>;
};
const { unpackToCommandError } = clientRequire('./streams/appendToStream/unpackError.js') as {
  unpackToCommandError: (status: StatusMessage, streamName: string) => Error;
};

const STATUS_NAMES: Record<number, string> = {
  1: 'CANCELLED',
  5: 'NOT_FOUND',
  7: 'PERMISSION_DENIED',
  10: 'ABORTED',
  14: 'UNAVAILABLE',
};

/** What grpc-js rejects a call with (callErrorFromStatus): an Error with the status. */
export function serviceError(
  code: number,
  details: string,
  metadata: Record<string, string> = {},
): Error & { code: number; details: string; metadata: unknown } {
  const meta = new grpc.Metadata();
  for (const [key, value] of Object.entries(metadata)) meta.add(key, value);
  const message = `${code} ${STATUS_NAMES[code] ?? 'UNKNOWN'}: ${details}`;
  return Object.assign(new Error(message), { code, details, metadata: meta });
}

/** A batch-append response's error, as the server's Status helpers build it. */
function batchStatus(message: string, detail: Message, type: string): StatusMessage {
  const status = new Status();
  status.setMessage(message);
  const any = new Any();
  any.pack(detail.serializeBinary(), type);
  status.setDetails(any);
  return status;
}

function fromBatch(status: StatusMessage, streamName: string): Error {
  return unpackToCommandError(status, streamName);
}

export const esdbErrors = {
  /** A follower asked with requires-leader, or a deposed leader: RpcExceptions.LeaderInfo. */
  notLeader: (host = 'esdb-2', port = 2113): Error =>
    convertToCommandError(
      serviceError(5, 'Leader info available', {
        exception: 'not-leader',
        'leader-endpoint-host': host,
        'leader-endpoint-port': String(port),
      }),
    ),
  /** A read or subscription refused by the ACL: RpcExceptions.AccessDenied (code 7). */
  accessDeniedOnRead: (): Error =>
    convertToCommandError(serviceError(7, 'Access Denied', { exception: 'access-denied' })),
  /** A batch append refused by the ACL: Status.AccessDenied. */
  accessDeniedOnAppend: (stream: string): Error =>
    fromBatch(
      batchStatus('Access Denied', new shared.AccessDenied(), 'event_store.client.AccessDenied'),
      stream,
    ),
  /** A batch append while the node is not ready (NotHandled.NotReady). */
  notReadyOnAppend: (stream: string): Error =>
    fromBatch(batchStatus('Server Is Not Ready', new Empty(), 'google.protobuf.Empty'), stream),
  /** A batch append while the node is too busy (NotHandled.TooBusy). */
  busyOnAppend: (stream: string): Error =>
    fromBatch(batchStatus('Server Is Busy', new Empty(), 'google.protobuf.Empty'), stream),
  /** A batch append on a follower that knows no leader yet (an election). */
  noLeaderOnAppend: (stream: string): Error =>
    fromBatch(
      batchStatus('No leader info available in response', new Empty(), 'google.protobuf.Empty'),
      stream,
    ),
  /** A read while the node is not ready: RpcExceptions.ServerNotReady (code 14). */
  notReadyOnRead: (): Error => convertToCommandError(serviceError(14, 'Server Is Not Ready')),
  /** A call the server cancelled (shutting down). */
  cancelledByServer: (): Error => convertToCommandError(serviceError(1, 'Cancelled')),
  /** A call cancelled on this side (the client disposed): left unmapped by the client. */
  cancelledOnClient: (): Error => convertToCommandError(serviceError(1, 'Cancelled on client')),
  /** The raw error of the server-features call that precedes an append. */
  unreachableRaw: (): Error => serviceError(14, 'No connection established'),
  /** A batch over the server's MaxAppendSize: Status.MaximumAppendSizeExceeded. */
  maxAppendSizeExceeded: (stream: string, maxAppendSize = 1_048_576): Error => {
    const detail = new shared.MaximumAppendSizeExceeded();
    detail.setMaxappendsize(maxAppendSize);
    return fromBatch(
      batchStatus(
        `Maximum Append Size of ${maxAppendSize} Exceeded.`,
        detail,
        'event_store.client.MaximumAppendSizeExceeded',
      ),
      stream,
    );
  },
  /** A commit the cluster did not acknowledge in time: Status.Timeout. */
  commitTimeout: (stream: string): Error =>
    fromBatch(batchStatus('Timeout', new shared.Timeout(), 'event_store.client.Timeout'), stream),
  /** A server-side timeout of a read: RpcExceptions.Timeout (code 10, ABORTED). */
  timeoutOnRead: (): Error => convertToCommandError(serviceError(10, 'Operation timed out: read')),
};
