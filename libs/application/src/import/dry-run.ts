import { DomainError, type Messages } from '@app/budgeting';
import type { EventStore, JsonObject, RecordedEvent } from '@app/event-store';
import { eventIdOf, type CommandContext } from '../command-executor';
import { decodeEvent } from '../event-codec';
import type { DataFileName } from './data-set';
import { importHandlers } from './import-handlers';
import { formatPath, type ImportProblem } from './import-problem';
import type { ImportStep, StepIo } from './import-step';
import { ScratchStore } from './scratch-store';
import { ProgramSettings } from '../shared/program-settings';
import type { PathSegments } from './yaml-file';

/** Where a problem's path sits in its file, when the file was read from disk. */
export type LineLocator = (file: DataFileName, path: PathSegments) => number | null;

/** An event the import would record, as the handlers recorded it in the scratch store. */
export interface PlannedEvent {
  readonly streamId: string;
  readonly id: string;
  readonly type: string;
  readonly data: JsonObject;
}

export interface DryRun {
  readonly problems: readonly ImportProblem[];
  /** Steps that will record events, in order. */
  readonly todo: readonly ImportStep[];
  /** Steps whose events are in the log already (an earlier import of this set). */
  readonly present: number;
  /** Steps that record nothing: the ledger says it already, or an earlier step did it. */
  readonly unchanged: number;
  /** The events the todo steps will record, in order, with their ids. */
  readonly events: readonly PlannedEvent[];
  readonly expectedEvents: number;
}

export interface DryRunOptions {
  readonly lineOf?: LineLocator;
  /** The context each step's command runs with, as the real import gives it. */
  readonly context: (step: ImportStep) => CommandContext;
  /** The deployment's settings the handlers read (default: this process's configuration). */
  readonly settings?: ProgramSettings;
}

/**
 * Runs every step with the API's handlers over a scratch store that reads through to the
 * log (or an empty one: store null) and keeps what they append in memory: nothing is
 * written. Problems are refusals and items recorded earlier with other content; the todo
 * list is what the import then sends to the same handlers over the log. A step of an item
 * that already failed is not tried, so one mistake is reported once.
 */
export async function dryRun(
  steps: readonly ImportStep[],
  store: EventStore | null,
  options: DryRunOptions,
): Promise<DryRun> {
  const scratch = new ScratchStore(store);
  const settings = options.settings ?? ProgramSettings.ofProcess();
  const io = stepIo(scratch, settings, options.context);
  const problems: ImportProblem[] = [];
  const failed: { file: string; path: string }[] = [];
  const todo: ImportStep[] = [];
  let present = 0;
  let unchanged = 0;

  const refuse = (step: ImportStep, field: string | null, code: string, message: Messages) => {
    const path = field === null ? (step.subject ?? step.path) : [...step.path, ...fieldPath(field)];
    const line = options.lineOf?.(step.file, path) ?? null;
    problems.push({ file: step.file, path: formatPath(path), line, code, message });
    failed.push({ file: step.file, path: formatPath(step.item ?? step.path) });
  };

  for (const step of steps) {
    if (failed.some((f) => within(step, f))) continue;
    const found = await scratch.find(step.streamId, firstEventId(step));
    if (found) {
      // In the log: an earlier import. In the scratch: an earlier step of this one (the
      // process's completion with its credit, a line classified by two items).
      const drift = await driftOf(step, found.event, scratch, settings, options.context);
      if (drift) refuse(step, null, 'IMPORT.ALREADY_IMPORTED_DIFFERENTLY', drift);
      else if (found.inLog) present++;
      else unchanged++;
      continue;
    }
    const earlier = await earlierFormOf(step, scratch);
    if (earlier) {
      refuse(step, null, 'IMPORT.ALREADY_IMPORTED_DIFFERENTLY', earlier);
      continue;
    }
    const history = await scratch.readStream(step.streamId);
    if (step.satisfied?.(history.map((e) => decodeEvent(e)))) {
      unchanged++;
      continue;
    }
    const before = scratch.appended.length;
    const refusal = await refusalOf(step, io);
    if (refusal) {
      refuse(step, refusal.field, refusal.code, refusal.message);
      continue;
    }
    if (scratch.appended.length === before) unchanged++;
    else todo.push(step);
  }
  const events = scratch.appended.map(({ streamId, id, type, data }) => ({
    streamId,
    id,
    type,
    data,
  }));
  return { problems, todo, present, unchanged, events, expectedEvents: events.length };
}

function stepIo(
  store: EventStore,
  settings: ProgramSettings,
  context: (step: ImportStep) => CommandContext,
): StepIo {
  return { ...importHandlers(store, settings), context };
}

function firstEventId(step: ImportStep): string {
  return eventIdOf(step.commandId, step.streamId, 0);
}

/** The events a step's own command appended (not those of the commands it set off). */
function ownEvents(step: ImportStep, appended: readonly RecordedEvent[]): RecordedEvent[] {
  const own: RecordedEvent[] = [];
  for (let i = 0; ; i++) {
    const id = eventIdOf(step.commandId, step.streamId, i);
    const event = appended.find((e) => e.id === id && e.streamId === step.streamId);
    if (!event) return own;
    own.push(event);
  }
}

/** Whether the step belongs to an item (or a part of one) that already failed. */
function within(step: ImportStep, failed: { file: string; path: string }): boolean {
  const itemPath = formatPath(step.path);
  return (
    failed.file === step.file &&
    (failed.path === '' || itemPath === failed.path || itemPath.startsWith(`${failed.path}.`))
  );
}

interface Refusal {
  readonly field: string | null;
  readonly code: string;
  readonly message: Messages;
}

/** Runs the step; a refusal of the domain is returned, with its field as the item's. */
async function refusalOf(step: ImportStep, io: StepIo): Promise<Refusal | null> {
  try {
    await step.run(io);
    return null;
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    const field = error.details.field ?? null;
    const mapped =
      field !== null && step.fields && field in step.fields ? step.fields[field] : field;
    return { field: mapped ?? null, code: error.code, message: error.messages };
  }
}

async function earlierFormOf(step: ImportStep, scratch: ScratchStore): Promise<Messages | null> {
  for (const form of step.earlierForms ?? []) {
    const id = eventIdOf(form.commandId, form.streamId, 0);
    if ((await scratch.readStream(form.streamId)).some((e) => e.id === id)) return form.why;
  }
  return null;
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

function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : 1)))
      : v,
  );
}

/**
 * A step found in the log: run again on the log as it was just before its first event,
 * what it records now must be what it recorded then. Otherwise the item was edited after
 * it was imported, and the log, being append-only, cannot follow the edit silently.
 */
async function driftOf(
  step: ImportStep,
  first: RecordedEvent,
  scratch: ScratchStore,
  settings: ProgramSettings,
  context: (step: ImportStep) => CommandContext,
): Promise<Messages | null> {
  const then = scratch.cutBefore(first.position);
  const refusal = await refusalOf(step, stepIo(then, settings, context));
  if (refusal) {
    return {
      vi: `đã được nhập trước đây, nhưng dữ liệu hiện nay bị từ chối: ${refusal.message.vi}`,
      en: `was imported before, but the data is now refused: ${refusal.message.en}`,
    };
  }
  const recorded = await scratch.readStream(step.streamId);
  const changes: string[] = [];
  const own = ownEvents(step, then.appended);
  for (const event of own) {
    const found = recorded.find((e) => e.id === event.id);
    if (!found || found.type !== event.type) {
      changes.push(`${found?.type ?? '∅'} → ${event.type}`);
      continue;
    }
    for (const key of new Set([...Object.keys(found.data), ...Object.keys(event.data)])) {
      const before = canonical(found.data[key]);
      const after = canonical(event.data[key]);
      if (before !== after) changes.push(`${key}: ${before ?? '∅'} → ${after ?? '∅'}`);
    }
  }
  if (own.length === 0) changes.push('∅');
  if (changes.length === 0) return null;
  const what = changes.slice(0, 5).join('; ');
  return {
    vi: `đã được nhập trước đây với nội dung khác (${what}). Sổ sự kiện chỉ ghi thêm, không sửa: trả lại giá trị cũ, hoặc ghi điều chỉnh qua API (điều chuyển, hủy dự toán, điều chỉnh kế hoạch)`,
    en: `was imported before with other content (${what}). The log is append-only: restore the old value, or record an adjustment through the API (a transfer, a cancellation, a plan amendment)`,
  };
}
