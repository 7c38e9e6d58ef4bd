import { fiscalYearStreamId, DomainError, type Messages } from '@app/budgeting';
import type { EventStore, JsonObject } from '@app/event-store';
import { deterministicUuid } from '../deterministic-id';
import { decodeEvent, encodeEvent, type DomainEvent } from '../event-codec';
import type { DataFileName } from './data-set';
import { formatPath, type ImportProblem } from './import-problem';
import type { ImportStep, LedgerReader } from './import-steps';
import type { PathSegments } from './yaml-file';

/** Where a problem's path sits in its file, when the file was read from disk. */
export type LineLocator = (file: DataFileName, path: PathSegments) => number | null;

export interface Rehearsal {
  readonly problems: readonly ImportProblem[];
  /** Steps that will record events, in order. */
  readonly todo: readonly ImportStep[];
  /** Steps whose events are in the log already (an earlier import of this set). */
  readonly present: number;
  /** Steps the ledger already says (e.g. a unit registered through the API, same content). */
  readonly unchanged: number;
  /** Events the todo steps will record. */
  readonly expectedEvents: number;
}

interface Entry {
  readonly id: string;
  readonly event: DomainEvent;
  readonly data: JsonObject;
}

const NO_METADATA = {
  actor: '',
  correlationId: '',
  causationId: null,
  effectiveDate: '2000-01-01',
};

/** Event data as it is stored (bigint money as decimal strings). */
function stored(event: DomainEvent): JsonObject {
  return encodeEvent(event, '', NO_METADATA).data;
}

function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : 1)))
      : v,
  );
}

/** The log as the import will find it: what is recorded, plus what the steps so far add. */
class LedgerView implements LedgerReader {
  private readonly streams = new Map<string, Entry[]>();

  constructor(private readonly store: EventStore | null) {}

  async load(streamIds: Iterable<string>): Promise<void> {
    for (const id of new Set(streamIds)) {
      if (this.streams.has(id)) continue;
      const recorded = this.store ? await this.store.readStream(id) : [];
      this.streams.set(
        id,
        recorded.map((r) => ({ id: r.id, event: decodeEvent(r), data: r.data })),
      );
    }
  }

  entries(streamId: string): readonly Entry[] {
    return this.streams.get(streamId) ?? [];
  }

  events(streamId: string): readonly DomainEvent[] {
    return this.entries(streamId).map((e) => e.event);
  }

  fiscalYearClosed(year: number): boolean {
    return this.entries(fiscalYearStreamId(year)).at(-1)?.event.type === 'FiscalYearClosed';
  }

  add(streamId: string, entries: readonly Entry[]): void {
    this.streams.set(streamId, [...this.entries(streamId), ...entries]);
  }
}

function eventId(step: ImportStep, index: number): string {
  return deterministicUuid(step.commandId, step.streamId, String(index));
}

/**
 * Tries every step in memory, with the deciders the command handlers use, against the
 * log as it is (or an empty one: store null), before anything is written. Problems are
 * refusals of the domain and items recorded earlier with other content; the todo list
 * is what the import then sends. A step of an item that already failed is not tried,
 * so one mistake is reported once, not again by each step after it.
 */
export async function rehearse(
  steps: readonly ImportStep[],
  store: EventStore | null,
  lineOf: LineLocator = () => null,
): Promise<Rehearsal> {
  const view = new LedgerView(store);
  await view.load(
    steps.flatMap((s) => [
      s.streamId,
      ...s.reads,
      ...(s.earlierForms ?? []).map((f) => f.streamId),
    ]),
  );
  const problems: ImportProblem[] = [];
  /** Items (file and path) with a problem: their later steps are not tried. */
  const failed: { file: string; path: string }[] = [];
  const todo: ImportStep[] = [];
  let present = 0;
  let unchanged = 0;
  let expectedEvents = 0;

  const problem = (step: ImportStep, field: string | null, code: string, message: Messages) => {
    const path = field === null ? (step.subject ?? step.path) : [...step.path, ...fieldPath(field)];
    problems.push({
      file: step.file,
      path: formatPath(path),
      line: lineOf(step.file, path),
      code,
      message,
    });
    failed.push({ file: step.file, path: formatPath(step.path) });
  };

  for (const step of steps) {
    const itemPath = formatPath(step.path);
    const within = (f: { file: string; path: string }): boolean =>
      f.file === step.file &&
      (f.path === '' || itemPath === f.path || itemPath.startsWith(`${f.path}.`));
    if (failed.some(within)) continue;
    const entries = view.entries(step.streamId);
    const at = entries.findIndex((e) => e.id === eventId(step, 0));
    if (at >= 0) {
      const drift = driftOf(step, entries, at, view);
      if (drift) problem(step, null, 'IMPORT.ALREADY_IMPORTED_DIFFERENTLY', drift);
      else present++;
      continue;
    }
    const earlier = (step.earlierForms ?? []).find((form) =>
      view
        .entries(form.streamId)
        .some((e) => e.id === deterministicUuid(form.commandId, form.streamId, '0')),
    );
    if (earlier) {
      problem(step, null, 'IMPORT.ALREADY_IMPORTED_DIFFERENTLY', earlier.why);
      continue;
    }
    let events: readonly DomainEvent[];
    try {
      events = step.decide(
        entries.map((e) => e.event),
        view,
      );
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      const field = error.details.field ?? null;
      const mapped =
        field !== null && step.fields && field in step.fields ? step.fields[field] : field;
      problem(step, mapped ?? null, error.code, error.messages);
      continue;
    }
    if (events.length === 0) {
      unchanged++;
      continue;
    }
    view.add(
      step.streamId,
      events.map((event, i) => ({ id: eventId(step, i), event, data: stored(event) })),
    );
    todo.push(step);
    expectedEvents += events.length;
  }
  return { problems, todo, present, unchanged, expectedEvents };
}

/** `activities[3].outputs[0].unit` → segments. */
function fieldPath(field: string): PathSegments {
  return field
    .split(/\.|(?=\[)/)
    .filter((part) => part !== '')
    .map((part) => {
      const index = /^\[(\d+)\]$/.exec(part);
      return index ? Number(index[1]) : part;
    });
}

/**
 * A step found in the log: decided again on the stream as it was before it, what it
 * would record now must be what it recorded then. Otherwise the item was edited after
 * it was imported, and the log, being append-only, cannot follow the edit silently.
 */
function driftOf(
  step: ImportStep,
  entries: readonly Entry[],
  at: number,
  view: LedgerView,
): Messages | null {
  let expected: readonly DomainEvent[];
  try {
    expected = step.decide(
      entries.slice(0, at).map((e) => e.event),
      view,
    );
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    return {
      vi: `đã được nhập trước đây, nhưng dữ liệu hiện nay bị từ chối: ${error.messages.vi}`,
      en: `was imported before, but the data is now refused: ${error.messages.en}`,
    };
  }
  const byId = new Map(entries.map((e) => [e.id, e]));
  const changes: string[] = [];
  expected.forEach((event, i) => {
    const found = byId.get(eventId(step, i));
    if (!found || found.event.type !== event.type) {
      changes.push(`${found?.event.type ?? '∅'} → ${event.type}`);
      return;
    }
    const now = stored(event);
    for (const key of new Set([...Object.keys(found.data), ...Object.keys(now)])) {
      const before = canonical(found.data[key]);
      const after = canonical(now[key]);
      if (before !== after) changes.push(`${key}: ${before ?? '∅'} → ${after ?? '∅'}`);
    }
  });
  if (expected.length === 0) changes.push('∅');
  if (changes.length === 0) return null;
  const what = changes.slice(0, 5).join('; ');
  return {
    vi: `đã được nhập trước đây với nội dung khác (${what}). Sổ sự kiện chỉ ghi thêm, không sửa: trả lại giá trị cũ, hoặc ghi điều chỉnh qua API (điều chuyển, hủy dự toán, điều chỉnh kế hoạch)`,
    en: `was imported before with other content (${what}). The log is append-only: restore the old value, or record an adjustment through the API (a transfer, a cancellation, a plan amendment)`,
  };
}
