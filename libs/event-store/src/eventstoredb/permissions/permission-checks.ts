import { randomUUID } from 'node:crypto';
import {
  AccessDeniedError,
  NO_STREAM,
  STREAM_EXISTS,
  StreamNotFoundError,
  WrongExpectedVersionError,
  jsonEvent,
  type EventStoreDBClient,
} from '@eventstore/db-client';

export type Verdict = 'allowed' | 'denied';

export interface PermissionCheck {
  /** What was tried, in English and Vietnamese (operators read the check's output). */
  readonly what: string;
  readonly vi: string;
  readonly expected: Verdict;
  readonly actual: Verdict | `error: ${string}`;
  readonly ok: boolean;
}

type Client = Pick<
  EventStoreDBClient,
  'readAll' | 'readStream' | 'appendToStream' | 'deleteStream' | 'setStreamMetadata'
>;

/** A probe's outcome: refused by the ACL, or past the ACL (refused later, or done). */
async function verdictOf(probe: () => Promise<unknown>): Promise<PermissionCheck['actual']> {
  try {
    await probe();
    return 'allowed';
  } catch (error) {
    if (error instanceof AccessDeniedError) return 'denied';
    // The server checks access first; a refusal after it means access was granted.
    if (error instanceof WrongExpectedVersionError || error instanceof StreamNotFoundError) {
      return 'allowed';
    }
    return `error: ${error instanceof Error ? error.message : String(error)}`;
  }
}

async function drain(reads: AsyncIterable<unknown>): Promise<void> {
  for await (const _ of reads) void _;
}

/**
 * Checks, as the application user, that it has exactly the rights of ledger-acl.ts. Every
 * probe is harmless whatever the answer: writes name an expected revision that cannot hold
 * (a stream that does not exist must exist, one that exists must not), so a write that
 * passes the ACL is still refused before anything is written.
 */
export async function checkPermissions(client: Client): Promise<PermissionCheck[]> {
  const probe = `budget-permission-probe-${randomUUID()}`;
  const event = () => jsonEvent({ type: 'PermissionProbe', data: {} });
  const probes: [string, string, Verdict, () => Promise<unknown>][] = [
    [
      'read $all (queries, projector, follow-ups)',
      'đọc $all (truy vấn, projector, quy trình tiếp theo)',
      'allowed',
      () => drain(client.readAll({ maxCount: 1 })),
    ],
    [
      'read a ledger stream',
      'đọc một luồng sổ cái',
      'allowed',
      () => drain(client.readStream(probe, { maxCount: 1 })),
    ],
    [
      'append to a ledger stream',
      'ghi thêm vào một luồng sổ cái',
      'allowed',
      () => client.appendToStream(probe, event(), { expectedRevision: STREAM_EXISTS }),
    ],
    [
      'delete a ledger stream',
      'xoá một luồng sổ cái',
      'denied',
      () => client.deleteStream(probe, { expectedRevision: 0n }),
    ],
    [
      'write a ledger stream’s metadata (truncate, ACL)',
      'ghi metadata của luồng (cắt bớt, phân quyền)',
      'denied',
      () => client.setStreamMetadata(probe, {}, { expectedRevision: STREAM_EXISTS }),
    ],
    [
      'write $settings (default ACLs)',
      'ghi $settings (phân quyền mặc định)',
      'denied',
      () => client.appendToStream('$settings', event(), { expectedRevision: NO_STREAM }),
    ],
    [
      'write the ACL of $all',
      'ghi phân quyền của $all',
      'denied',
      () => client.setStreamMetadata('$all', {}, { expectedRevision: NO_STREAM }),
    ],
    [
      'read a system stream ($settings)',
      'đọc một luồng hệ thống ($settings)',
      'denied',
      () => drain(client.readStream('$settings', { maxCount: 1 })),
    ],
  ];
  const checks: PermissionCheck[] = [];
  for (const [what, vi, expected, run] of probes) {
    const actual = await verdictOf(run);
    checks.push({ what, vi, expected, actual, ok: actual === expected });
  }
  return checks;
}
