import type { RecordedEvent } from '../event';
import type { EventStore } from '../event-store.port';
import { CorruptEventError } from '../errors';
import type { Bilingual } from './audit-error';
import {
  AUDIT_STREAM,
  checkSignature,
  parseExportedCheckpoint,
  readStoredCheckpoint,
  type SignedCheckpoint,
  type StoredCheckpoint,
} from './checkpoint';
import { leafHash, MerkleFrontier } from './merkle';
import { afterSegment } from './write-checkpoint';

/** What verification reads: the whole log in order and the checkpoint stream. */
export type AuditSource = Pick<EventStore, 'readAll' | 'readStream' | 'headPosition'>;

/**
 * A place where the log is not what the checkpoints say.
 *
 * How the first bad position is found. A root alone only says "something up to P
 * differs". Each stored checkpoint also keeps the leaf hashes of the events it added
 * (bound to its signed root, so they cannot be swapped without breaking it), so the log
 * is compared leaf by leaf, one segment at a time, in a single streaming pass: the
 * first event whose leaf differs, that the checkpoint did not count, or that is missing
 * is named exactly. Where no trusted stored checkpoint survives (they were removed or
 * forged along with the events), only the exported root remains, and the answer is a
 * range: after `verifiedUpTo` (the last event proven by a checkpoint) and at or before
 * `position`. Checkpoints every N events keep that range under N events.
 */
export interface AuditFinding {
  readonly code: string;
  /** The first position known to be wrong: an event that differs, or the first missing. */
  readonly position: bigint | null;
  /** True when every event before `position` is proven intact: then it is the first bad one. */
  readonly exact: boolean;
  /** When not exact: the last position proven intact (null: none). */
  readonly verifiedUpTo?: bigint | null;
  readonly messages: Bilingual;
}

export interface CheckpointSummary {
  readonly position: bigint;
  readonly eventCount: bigint;
  readonly root: string;
  readonly createdAt: string;
  readonly keyFingerprint: string;
}

export interface AuditVerifyResult {
  readonly ok: boolean;
  /** Events whose leaf hash was computed. */
  readonly eventsHashed: number;
  readonly storedCheckpoints: number;
  readonly validCheckpoints: number;
  readonly latest: (CheckpointSummary & { readonly storedAt: bigint }) | null;
  /** Every event up to here is proven by a checkpoint (null: none is). */
  readonly coveredUpTo: bigint | null;
  readonly trustedKeys: readonly string[];
  /** The exported checkpoint checked against, when one was given and accepted. */
  readonly against?: CheckpointSummary & { readonly matches: boolean };
  /** Why the given checkpoint file was refused (forged, unknown key, not a checkpoint). */
  readonly rejection?: { readonly code: string; readonly messages: Bilingual };
  readonly firstBad?: AuditFinding;
}

export interface AuditVerifyOptions {
  /** Fingerprints of the keys whose signatures are believed. */
  readonly trusted: readonly string[];
  /** The parsed JSON of an exported checkpoint file. */
  readonly against?: unknown;
  readonly pageSize?: number;
}

function summary(c: SignedCheckpoint): CheckpointSummary {
  return {
    position: c.position,
    eventCount: c.eventCount,
    root: c.root,
    createdAt: c.createdAt,
    keyFingerprint: c.keyFingerprint,
  };
}

function rejectFile(
  against: unknown,
  trusted: readonly string[],
): AuditVerifyResult['rejection'] | SignedCheckpoint {
  const parsed = parseExportedCheckpoint(against);
  if (typeof parsed === 'string') {
    return {
      code: 'AUDIT.CHECKPOINT_MALFORMED',
      messages: {
        vi: `Tệp điểm kiểm tra bị từ chối: không phải tệp điểm kiểm tra hợp lệ (chi tiết: ${parsed})`,
        en: `The checkpoint file is rejected: it is not a valid checkpoint file (${parsed})`,
      },
    };
  }
  switch (checkSignature(parsed, trusted)) {
    case 'valid':
      return parsed;
    case 'bad_signature':
      return {
        code: 'AUDIT.CHECKPOINT_FORGED',
        messages: {
          vi: 'Tệp điểm kiểm tra bị từ chối: chữ ký không hợp lệ — tệp đã bị sửa hoặc bị giả mạo',
          en: 'The checkpoint file is rejected: its signature does not verify — the file was altered or forged',
        },
      };
    case 'untrusted_key':
      return {
        code: 'AUDIT.CHECKPOINT_UNTRUSTED_KEY',
        messages: {
          vi: `Tệp điểm kiểm tra bị từ chối: được ký bằng khóa lạ (dấu vân tay ${parsed.keyFingerprint}), không phải khóa của sổ (${trusted.join(', ') || 'chưa có'}) hay khóa trong BUDGET_AUDIT_TRUSTED_KEYS`,
          en: `The checkpoint file is rejected: it is signed by an unknown key (fingerprint ${parsed.keyFingerprint}), neither the ledger's key (${trusted.join(', ') || 'none'}) nor one in BUDGET_AUDIT_TRUSTED_KEYS`,
        },
      };
  }
}

type Item = { readonly event: RecordedEvent } | { readonly corrupt: CorruptEventError };

/**
 * The log up to `head` in position order, as stored; an undecodable event ends it with
 * a marker. Bounded by the head read at the start, so events appended while we verify
 * (and checkpoints over them) are left for the next run.
 */
async function* logEvents(
  source: AuditSource,
  pageSize: number,
  head: bigint,
): AsyncGenerator<Item> {
  let after: bigint | undefined;
  for (;;) {
    let page: RecordedEvent[];
    try {
      page = await source.readAll({
        ...(after === undefined ? {} : { after }),
        maxCount: pageSize,
        upcast: false,
      });
    } catch (error) {
      if (!(error instanceof CorruptEventError)) throw error;
      // The good events before the undecodable one, one at a time, then the marker.
      for (;;) {
        let one: RecordedEvent[];
        try {
          one = await source.readAll({
            ...(after === undefined ? {} : { after }),
            maxCount: 1,
            upcast: false,
          });
        } catch (inner) {
          if (!(inner instanceof CorruptEventError)) throw inner;
          yield { corrupt: inner };
          return;
        }
        const [event] = one;
        if (!event || event.position > head) return;
        yield { event };
        after = event.position;
      }
    }
    for (const event of page) {
      if (event.position > head) return;
      yield { event };
    }
    const last = page.at(-1);
    if (!last || page.length < pageSize) return;
    after = last.position;
  }
}

/** The checkpoint stream, a few events at a time (each holds up to N leaf hashes). */
async function* checkpointEvents(
  source: AuditSource,
  head: bigint,
): AsyncGenerator<RecordedEvent | CorruptEventError> {
  let from = 0n;
  for (;;) {
    let page: RecordedEvent[];
    try {
      page = await source.readStream(AUDIT_STREAM, {
        fromRevision: from,
        maxCount: 8,
        upcast: false,
      });
    } catch (error) {
      if (!(error instanceof CorruptEventError)) throw error;
      if (error.position <= head) yield error;
      return;
    }
    for (const event of page) {
      if (event.position > head) return;
      yield event;
    }
    const last = page.at(-1);
    if (!last || page.length < 8) return;
    from = last.revision + 1n;
  }
}

/**
 * Checks the log against its stored checkpoints and, if given, an exported checkpoint
 * file, in one streaming pass (memory: the tree's frontier and one segment of leaf
 * hashes). The per-stream hash chain is verifyLog's job; run both (verifyLedger does).
 *
 * Each stored checkpoint is first checked on its own: a trusted signature, and its
 * stored frontier and leaves folding to its signed root. When the scan reaches the
 * position its segment starts after, the frontier recomputed from the log must equal
 * the stored one — which proves every event before (a frontier commits to all its
 * leaves) — and then the segment's events are compared leaf by leaf. So a checkpoint
 * that was deleted or forged costs only its own segment's precision, not the rest.
 */
export async function verifyAudit(
  source: AuditSource,
  options: AuditVerifyOptions,
): Promise<AuditVerifyResult> {
  const trusted = options.trusted;
  const pageSize = options.pageSize ?? 1000;
  let rejection: AuditVerifyResult['rejection'];
  let anchor: SignedCheckpoint | null = null;
  if (options.against !== undefined) {
    const checked = rejectFile(options.against, trusted);
    if (checked && 'signature' in checked) anchor = checked;
    else rejection = checked;
  }

  const findings: AuditFinding[] = [];
  const note = (finding: AuditFinding): void => void findings.push(finding);
  const head = (await source.headPosition()) ?? 0n;

  const frontier = MerkleFrontier.empty();
  let hashed = 0;
  /** Position of the last event scanned. */
  let lastPosition: bigint | null = null;
  /** Every event up to here is proven by a checkpoint's frontier, leaves or root. */
  let coveredUpTo: bigint | null = null;
  let stop = false as boolean;

  // Stored checkpoints, in stream order, each checked on its own as it is needed.
  const stored = checkpointEvents(source, head);
  let storedCount = 0;
  let validCount = 0;
  let latest: AuditVerifyResult['latest'] = null;
  let previousValid: StoredCheckpoint | null = null;

  const nextValid = async (): Promise<StoredCheckpoint | null> => {
    for (;;) {
      const item = await stored.next();
      if (item.done) return null;
      storedCount++;
      const value = item.value;
      const invalid = (position: bigint, code: string, vi: string, en: string): void =>
        note({
          code,
          position,
          exact: true,
          messages: {
            vi: `Điểm kiểm tra lưu ở vị trí ${position} không hợp lệ: ${vi}`,
            en: `The checkpoint stored at position ${position} is not valid: ${en}`,
          },
        });
      if (value instanceof CorruptEventError) {
        invalid(
          value.position,
          'AUDIT.CHECKPOINT_INVALID',
          'không đọc được',
          'it cannot be decoded',
        );
        return null;
      }
      const checkpoint = readStoredCheckpoint(value);
      if (typeof checkpoint === 'string') {
        invalid(value.position, 'AUDIT.CHECKPOINT_INVALID', `chi tiết: ${checkpoint}`, checkpoint);
        continue;
      }
      const signature = checkSignature(checkpoint, trusted);
      if (signature !== 'valid') {
        invalid(
          value.position,
          signature === 'bad_signature'
            ? 'AUDIT.CHECKPOINT_FORGED'
            : 'AUDIT.CHECKPOINT_UNTRUSTED_KEY',
          signature === 'bad_signature'
            ? 'chữ ký không hợp lệ (bị sửa hoặc giả mạo)'
            : `được ký bằng khóa lạ ${checkpoint.keyFingerprint}`,
          signature === 'bad_signature'
            ? 'its signature does not verify (altered or forged)'
            : `it is signed by an unknown key ${checkpoint.keyFingerprint}`,
        );
        continue;
      }
      if (
        checkpoint.leaves.length === 0 ||
        checkpoint.position >= checkpoint.storedAt ||
        (checkpoint.segmentAfter !== null && checkpoint.segmentAfter >= checkpoint.position) ||
        !afterSegment(checkpoint)
      ) {
        invalid(
          value.position,
          'AUDIT.CHECKPOINT_INVALID',
          'các mã băm lá lưu kèm không cho ra gốc đã ký',
          'the leaf hashes stored with it do not give its signed root',
        );
        continue;
      }
      const before = previousValid;
      if (
        checkpoint.previousRoot !== (before?.root ?? null) ||
        checkpoint.segmentAfter !== (before?.position ?? null)
      ) {
        // One between them was removed or replaced; the leaves will say where, if they can.
        note({
          code: 'AUDIT.CHECKPOINT_CHAIN_BROKEN',
          position: value.position,
          exact: false,
          verifiedUpTo: before?.storedAt ?? null,
          messages: {
            vi: `Điểm kiểm tra lưu ở vị trí ${value.position} không nối tiếp điểm kiểm tra hợp lệ trước nó (một điểm kiểm tra đã bị xóa hoặc thay)`,
            en: `The checkpoint stored at position ${value.position} does not continue the valid one before it (a checkpoint was removed or replaced)`,
          },
        });
      }
      if (anchor && anchor.position === checkpoint.position && anchor.root !== checkpoint.root) {
        note({
          code: 'AUDIT.CHECKPOINTS_DISAGREE',
          position: value.position,
          exact: true,
          messages: {
            vi: `Điểm kiểm tra lưu ở vị trí ${value.position} và tệp điểm kiểm tra cùng phủ đến vị trí ${anchor.position} nhưng có gốc khác nhau, dù cả hai đều được ký bằng khóa tin cậy: khóa có thể đã lộ`,
            en: `The checkpoint stored at position ${value.position} and the checkpoint file both cover up to position ${anchor.position} but have different roots, though both are signed by trusted keys: the key may be compromised`,
          },
        });
        continue;
      }
      previousValid = checkpoint;
      validCount++;
      latest = { ...summary(checkpoint), storedAt: checkpoint.storedAt };
      return checkpoint;
    }
  };

  /** The checkpoint whose segment is being compared, and how many of its leaves so far. */
  // Declared with `as`: it changes inside `advance`, which control-flow narrowing cannot see.
  let active = null as { checkpoint: StoredCheckpoint; compared: number } | null;
  let pending = await nextValid();

  /** `next`: the first event after the gap, named as verifyLog names one after a removed event. */
  const missing = (checkpoint: CheckpointRecordLike, next: bigint | null): void => {
    const where =
      lastPosition === null
        ? { vi: 'từ đầu sổ', en: 'from the start of the log' }
        : { vi: `sau vị trí ${lastPosition}`, en: `after position ${lastPosition}` };
    note({
      code: 'AUDIT.EVENTS_MISSING',
      position: next ?? (lastPosition === null ? null : lastPosition + 1n),
      exact: true,
      messages: {
        vi: `Thiếu sự kiện ${where.vi}: điểm kiểm tra đếm ${checkpoint.eventCount} sự kiện đến vị trí ${checkpoint.position}, sổ có ít hơn (sổ bị cắt bớt hoặc sự kiện bị xóa)`,
        en: `Events are missing ${where.en}: the checkpoint counts ${checkpoint.eventCount} events up to position ${checkpoint.position}, the log holds fewer (truncated, or events removed)`,
      },
    });
    stop = true;
  };

  /**
   * Before the event at `next` (null: the end of the log): closes the segment it lies
   * beyond, and opens the checkpoints whose segment starts here.
   */
  const advance = async (next: bigint | null): Promise<void> => {
    for (;;) {
      if (active && (next === null || next > active.checkpoint.position)) {
        if (active.compared < active.checkpoint.leaves.length)
          return missing(active.checkpoint, next);
        coveredUpTo = active.checkpoint.position;
        active = null;
      }
      if (active || !pending) return;
      const start = pending.segmentAfter;
      if (start !== null && (lastPosition === null || start > lastPosition)) return;
      if (start === lastPosition) {
        const count = pending.eventCount - BigInt(pending.leaves.length);
        if (frontier.count !== count || !sameHashes(frontier.peakHashes, pending.frontier)) {
          note({
            code: 'AUDIT.PREFIX_DIFFERS',
            position: start,
            exact: false,
            verifiedUpTo: coveredUpTo,
            messages: {
              vi: `Sổ đến vị trí ${start} khác với điều mà điểm kiểm tra lưu ở vị trí ${pending.storedAt} xác nhận: sự kiện sai khác đầu tiên nằm sau vị trí ${coveredUpTo ?? '(đầu sổ)'} và không sau vị trí ${start}`,
              en: `The log up to position ${start} differs from what the checkpoint stored at position ${pending.storedAt} attests: the first differing event lies after position ${coveredUpTo ?? '(the start)'} and at or before position ${start}`,
            },
          });
          stop = true;
          return;
        }
        // The frontier matches: every event up to here is what the checkpoint signed.
        if (start !== null) coveredUpTo = start;
        active = { checkpoint: pending, compared: 0 };
      }
      // A checkpoint whose start was passed without being met cannot be placed: skipped.
      pending = await nextValid();
    }
  };

  let anchorResult = null as boolean | null;
  /** The exported checkpoint, once the scan has passed its position. */
  const checkAnchor = (a: SignedCheckpoint): void => {
    const root = frontier.root().toString('hex');
    anchorResult = frontier.count === a.eventCount && root === a.root;
    if (anchorResult) {
      if (coveredUpTo === null || (lastPosition !== null && coveredUpTo < lastPosition)) {
        coveredUpTo = lastPosition;
      }
      return;
    }
    stop = true;
    if (frontier.count < a.eventCount) {
      const proven = lastPosition === null || coveredUpTo === lastPosition;
      note({
        code: 'AUDIT.EVENTS_MISSING',
        position: lastPosition === null ? null : lastPosition + 1n,
        exact: proven,
        ...(proven ? {} : { verifiedUpTo: coveredUpTo }),
        messages: {
          vi: `Sổ đã bị cắt bớt hoặc viết lại sau khi xuất điểm kiểm tra: tệp đếm ${a.eventCount} sự kiện đến vị trí ${a.position}, sổ chỉ có ${frontier.count}; các sự kiện sau vị trí ${lastPosition ?? '(đầu sổ)'} bị thiếu${proven ? '' : `, và sai khác đầu tiên có thể nằm ở bất kỳ đâu sau vị trí ${coveredUpTo ?? '(đầu sổ)'}`}`,
          en: `The log was truncated or rewritten after the checkpoint was exported: the file counts ${a.eventCount} events up to position ${a.position}, the log holds ${frontier.count}; the events after position ${lastPosition ?? '(the start)'} are missing${proven ? '' : `, and the first difference may lie anywhere after position ${coveredUpTo ?? '(the start)'}`}`,
        },
      });
      return;
    }
    note({
      code: 'AUDIT.ROOT_MISMATCH',
      position: a.position,
      exact: false,
      verifiedUpTo: coveredUpTo,
      messages: {
        vi: `Sổ đã bị viết lại sau khi xuất điểm kiểm tra: gốc Merkle đến vị trí ${a.position} không khớp tệp; sự kiện sai khác đầu tiên nằm sau vị trí ${coveredUpTo ?? '(đầu sổ)'} và không sau vị trí ${a.position}`,
        en: `The log was rewritten after the checkpoint was exported: the Merkle root up to position ${a.position} does not match the file; the first differing event lies after position ${coveredUpTo ?? '(the start)'} and at or before position ${a.position}`,
      },
    });
  };

  for await (const item of logEvents(source, pageSize, head)) {
    if ('corrupt' in item) {
      note({
        code: 'AUDIT.EVENT_UNREADABLE',
        position: item.corrupt.position,
        exact: true,
        messages: {
          vi: `Sự kiện ở vị trí ${item.corrupt.position} không đọc được (dữ liệu bị hỏng)`,
          en: `The event at position ${item.corrupt.position} cannot be read (corrupt data)`,
        },
      });
      stop = true;
      break;
    }
    const event = item.event;
    await advance(event.position);
    if (stop) break;
    if (anchor && anchorResult === null && event.position > anchor.position) {
      checkAnchor(anchor);
      if (stop) break;
    }
    const leaf = leafHash(event.hash);
    frontier.pushLeafHash(leaf);
    hashed++;
    if (active) {
      const checkpoint: StoredCheckpoint = active.checkpoint;
      const expected = checkpoint.leaves[active.compared];
      if (!expected || !expected.equals(leaf)) {
        note({
          code: expected ? 'AUDIT.EVENT_DIFFERS' : 'AUDIT.EVENT_INSERTED',
          position: event.position,
          exact: true,
          messages: expected
            ? {
                vi: `Sự kiện ở vị trí ${event.position} khác với sự kiện mà điểm kiểm tra đã ký xác nhận (bị sửa, đảo thứ tự, chèn thêm, hoặc sự kiện trước nó bị xóa)`,
                en: `The event at position ${event.position} differs from the one the checkpoint signed for (changed, reordered, inserted, or the one before it removed)`,
              }
            : {
                vi: `Sự kiện ở vị trí ${event.position} không nằm trong số sự kiện mà điểm kiểm tra đến vị trí ${checkpoint.position} đã đếm (bị chèn thêm)`,
                en: `The event at position ${event.position} is not among those the checkpoint up to position ${checkpoint.position} counted (inserted)`,
              },
        });
        stop = true;
        break;
      }
      active.compared++;
    }
    lastPosition = event.position;
  }
  if (!stop) await advance(null);
  if (!stop && anchor && anchorResult === null) checkAnchor(anchor);

  const firstBad = earliest(findings);
  return {
    ok: !rejection && !firstBad,
    eventsHashed: hashed,
    storedCheckpoints: storedCount,
    validCheckpoints: validCount,
    latest,
    coveredUpTo,
    trustedKeys: [...trusted],
    ...(anchor ? { against: { ...summary(anchor), matches: anchorResult === true } } : {}),
    ...(rejection ? { rejection } : {}),
    ...(firstBad ? { firstBad } : {}),
  };
}

type CheckpointRecordLike = Pick<StoredCheckpoint, 'position' | 'eventCount'>;

function sameHashes(a: readonly Buffer[], b: readonly Buffer[]): boolean {
  return a.length === b.length && a.every((h, i) => h.equals(b[i] as Buffer));
}

/** The finding at the lowest position; at a tie, an exact one. */
function earliest(findings: readonly AuditFinding[]): AuditFinding | undefined {
  let best: AuditFinding | undefined;
  for (const f of findings) {
    if (!best) {
      best = f;
      continue;
    }
    const a = f.position ?? -1n;
    const b = best.position ?? -1n;
    if (a < b || (a === b && f.exact && !best.exact)) best = f;
  }
  return best;
}
