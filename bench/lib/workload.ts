/**
 * Event batches shaped like the ledger's own: expenditure proposals and approvals on
 * budget-line streams, with the command executor's metadata. Seeded, so every variant
 * of a round appends exactly the same events.
 */
import type { NewEvent } from '@app/event-store';
import type { PlannedBatch } from './raw-log';
import { Random } from './random';

function uuid(prefix: number, n: number): string {
  const p = (prefix >>> 0).toString(16).padStart(8, '0');
  const c = n.toString(16).padStart(19, '0');
  return `${p}-${c.slice(0, 4)}-5${c.slice(4, 7)}-8${c.slice(7, 10)}-${c.slice(10, 19)}000`;
}

export function ledgerEvent(random: Random, id: string, lineId: string, n: number): NewEvent {
  const approved = n % 2 === 1;
  const amount = `${random.int(1, 60)}${String(random.int(0, 999)).padStart(3, '0')}000`;
  const expenditureId = uuid(0xe0e0e0e0, Math.floor(n / 2) + 1);
  return {
    id,
    type: approved ? 'ExpenditureApproved' : 'ExpenditureProposed',
    schemaVersion: 1,
    data: approved
      ? {
          budgetLineId: lineId,
          expenditureId,
          amount,
          approvedBy: 'appr-H07',
          authority: { capacity: 'KT. Chủ tịch', title: 'Phó Chủ tịch' },
          legalBasis: ['30/QĐ-UBND'],
          normApplied: null,
        }
      : {
          budgetLineId: lineId,
          expenditureId,
          amount,
          category: 'training',
          description: `Tập huấn cán bộ cơ sở đợt ${random.int(1, 12)}`,
          payee: 'Trung tâm Giáo dục nghề nghiệp huyện',
          activity: 'DA7.TDA1.HĐ2',
          voucher: null,
          personDays: null,
          jointTeam: false,
          proposedBy: 'off-LDTBXH-H07',
          correction: null,
        },
    metadata: {
      actor: approved ? 'appr-H07' : 'off-LDTBXH-H07',
      correlationId: `c-bench-${n}`,
      causationId: null,
      effectiveDate: '2024-05-10',
      extra: {
        actorName: approved ? 'Lữ Đình Tích' : 'Nguyễn Văn An',
        actorRole: approved ? 'approver' : 'officer',
        actorUnit: approved ? null : 'LDTBXH-H07',
      },
    },
  };
}

/**
 * `appends` batches of `size` events, round-robin over `streams` budget-line streams, with
 * ids unique within the plan (`salt` tells plans apart when several share one log).
 */
export function planBatches(
  appends: number,
  size: number,
  options: { readonly streams?: number; readonly seed?: number; readonly salt?: number } = {},
): PlannedBatch[] {
  const random = new Random(options.seed ?? 11);
  const streams = options.streams ?? 50;
  const salt = options.salt ?? 0;
  const revisions = new Map<string, bigint>();
  const batches: PlannedBatch[] = [];
  let n = 0;
  for (let a = 0; a < appends; a++) {
    const lineId = `2024.DA7.TDA1.central.2024.U${salt}-${a % streams}`;
    const streamId = `budget-line-${lineId}`;
    const firstRevision = revisions.get(streamId) ?? 0n;
    const events: NewEvent[] = [];
    for (let i = 0; i < size; i++) {
      events.push(ledgerEvent(random, uuid(0xbe000000 + salt, ++n), lineId, n));
    }
    revisions.set(streamId, firstRevision + BigInt(size));
    batches.push({ streamId, firstRevision, events });
  }
  return batches;
}
