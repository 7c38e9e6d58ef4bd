import type { EventStore } from '../event-store.port';
import { verifyLog, type BrokenEvent, type VerifyResult } from '../verify';
import type { Bilingual } from './audit-error';
import { AUDIT_STREAM, type ExportedCheckpoint } from './checkpoint';
import { verifyAudit, type AuditFinding, type AuditVerifyResult } from './verify-audit';

/** The first broken place of the log, whichever check found it. */
export interface LedgerBreak extends BrokenEvent {
  readonly position: bigint;
  /** `chain`: the per-stream hash chain (verifyLog); `checkpoints`: the Merkle checkpoints. */
  readonly source: 'chain' | 'checkpoints';
  readonly code: string;
  /** False when only a range is known: the first difference lies after `verifiedUpTo`. */
  readonly exact: boolean;
  readonly verifiedUpTo?: bigint | null;
  readonly messages: Bilingual;
}

export interface LedgerVerification {
  readonly ok: boolean;
  readonly chain: VerifyResult;
  /** Null when there is nothing to check it against: no stored checkpoint, no file. */
  readonly audit: AuditVerifyResult | null;
  readonly firstBroken?: LedgerBreak;
  /** Set when an exported checkpoint file was refused. */
  readonly rejection?: { readonly code: string; readonly messages: Bilingual };
}

/** verifyLog's reasons (verify.ts) in Vietnamese; English as given. */
export function chainReasonInVietnamese(reason: string): string {
  const revision = /^revision (\d+) where (\d+) was expected/.exec(reason);
  if (revision) {
    return `phiên bản ${revision[1]} trong khi phải là ${revision[2]} (sự kiện bị thiếu, chèn thêm hoặc đảo thứ tự)`;
  }
  const order = /^position (\d+) does not follow (\d+)/.exec(reason);
  if (order) return `vị trí ${order[1]} không đứng sau vị trí ${order[2]}`;
  if (reason.startsWith('does not link to the previous event')) {
    return 'không nối với sự kiện trước đó của luồng (mã băm trước không khớp)';
  }
  if (reason.startsWith('content does not match its hash')) {
    return 'nội dung không khớp mã băm (đã bị sửa sau khi ghi)';
  }
  return `không đọc được sự kiện (dữ liệu bị hỏng): ${reason}`;
}

function chainBreak(broken: BrokenEvent): LedgerBreak {
  const where = broken.streamId
    ? {
        vi: `, luồng ${broken.streamId}${broken.revision === undefined ? '' : `, phiên bản ${broken.revision}`}`,
        en: `, stream ${broken.streamId}${broken.revision === undefined ? '' : `, revision ${broken.revision}`}`,
      }
    : { vi: '', en: '' };
  return {
    ...broken,
    source: 'chain',
    code: 'AUDIT.CHAIN_BROKEN',
    exact: true,
    messages: {
      vi: `Sổ sự kiện KHÔNG toàn vẹn: sự kiện hỏng đầu tiên ở vị trí ${broken.position}${where.vi}: ${chainReasonInVietnamese(broken.reason)}`,
      en: `The event log is NOT intact: first broken event at position ${broken.position}${where.en}: ${broken.reason}`,
    },
  };
}

function checkpointBreak(finding: AuditFinding): LedgerBreak {
  return {
    position: finding.position ?? 0n,
    reason: finding.messages.en,
    source: 'checkpoints',
    code: finding.code,
    exact: finding.exact,
    ...(finding.exact ? {} : { verifiedUpTo: finding.verifiedUpTo ?? null }),
    messages: {
      vi: `Sổ sự kiện KHÔNG toàn vẹn: vị trí hỏng đầu tiên ${finding.position ?? '(đầu sổ)'}: ${finding.messages.vi}`,
      en: `The event log is NOT intact: first bad position ${finding.position ?? '(start of the log)'}: ${finding.messages.en}`,
    },
  };
}

/**
 * Both checks: the per-stream hash chain (verifyLog, unchanged) and the Merkle
 * checkpoints (stored ones, and the exported file if given). They see different
 * things — an edit that leaves the stored hash alone breaks the chain but not the tree;
 * a consistent rewrite of a stream, a reorder across streams or a truncated tail passes
 * the chain but not the tree — so the answer is the earliest place either names.
 */
export async function verifyLedger(
  store: EventStore,
  options: { readonly trusted: readonly string[]; readonly against?: unknown },
): Promise<LedgerVerification> {
  const chain = await verifyLog(store);
  const hasCheckpoints =
    (await store.readStream(AUDIT_STREAM, { maxCount: 1, upcast: false })).length > 0;
  const audit =
    hasCheckpoints || options.against !== undefined
      ? await verifyAudit(store, {
          trusted: options.trusted,
          ...(options.against === undefined ? {} : { against: options.against }),
        })
      : null;
  const candidates: LedgerBreak[] = [];
  if (chain.firstBroken) candidates.push(chainBreak(chain.firstBroken));
  if (audit?.firstBad) candidates.push(checkpointBreak(audit.firstBad));
  // Earliest position; at a tie the chain's reason, which names the stream and revision.
  let firstBroken = candidates.reduce<LedgerBreak | undefined>(
    (best, c) => (best === undefined || c.position < best.position ? c : best),
    undefined,
  );
  // The chain names an event, but the checkpoints could not prove everything before it:
  // an earlier, consistent change may hide there, so the answer is a range.
  const bound = audit?.firstBad;
  if (firstBroken?.source === 'chain' && bound && !bound.exact) {
    const after = bound.verifiedUpTo ?? null;
    if (after === null || after < firstBroken.position - 1n) {
      firstBroken = { ...firstBroken, exact: false, verifiedUpTo: after };
    }
  }
  return {
    ok: chain.ok && (audit?.ok ?? true),
    chain,
    audit,
    ...(firstBroken ? { firstBroken } : {}),
    ...(audit?.rejection ? { rejection: audit.rejection } : {}),
  };
}

const text = (value: bigint | null | undefined): string | null =>
  value === null || value === undefined ? null : value.toString();

/**
 * The JSON document of `budget verify --json` and GET /api/v1/audit/verify. Without
 * checkpoints it is exactly what it was before them; `audit` appears when there are.
 */
export function ledgerVerificationJson(
  v: LedgerVerification,
  extra: { readonly checkpoint?: ExportedCheckpoint } = {},
): Record<string, unknown> {
  const b = v.firstBroken;
  const a = v.audit;
  return {
    ok: v.ok,
    eventsChecked: v.chain.eventsChecked,
    lastPosition: text(v.chain.lastPosition),
    ...(b
      ? {
          firstBroken: {
            position: b.position.toString(),
            ...(b.streamId === undefined ? {} : { streamId: b.streamId }),
            ...(b.revision === undefined ? {} : { revision: b.revision.toString() }),
            ...(b.eventId === undefined ? {} : { eventId: b.eventId }),
            reason: b.reason,
            source: b.source,
            code: b.code,
            exact: b.exact,
            ...(b.exact ? {} : { verifiedUpTo: text(b.verifiedUpTo) }),
            message: b.messages,
          },
        }
      : {}),
    ...(a
      ? {
          audit: {
            ok: a.ok,
            checkpointsChecked: a.storedCheckpoints,
            checkpointsValid: a.validCheckpoints,
            coveredUpTo: text(a.coveredUpTo),
            latest: a.latest
              ? {
                  position: a.latest.position.toString(),
                  eventCount: a.latest.eventCount.toString(),
                  root: a.latest.root,
                  createdAt: a.latest.createdAt,
                  storedAt: a.latest.storedAt.toString(),
                  keyFingerprint: a.latest.keyFingerprint,
                }
              : null,
            trustedKeys: a.trustedKeys,
            ...(a.against
              ? {
                  against: {
                    position: a.against.position.toString(),
                    eventCount: a.against.eventCount.toString(),
                    root: a.against.root,
                    createdAt: a.against.createdAt,
                    keyFingerprint: a.against.keyFingerprint,
                    matches: a.against.matches,
                  },
                }
              : {}),
            ...(a.rejection
              ? { rejected: { code: a.rejection.code, message: a.rejection.messages } }
              : {}),
          },
        }
      : {}),
    ...(extra.checkpoint ? { checkpoint: extra.checkpoint } : {}),
  };
}
