import { existsSync, readFileSync } from 'node:fs';
import type { Span } from './overlap';

/** What a crash appender's journal (see crash-appender.ts) says about its appends. */
export interface AppendJournal {
  /** Appends that began and returned (committed or lost a race), with their spans. */
  readonly spans: Span[];
  /** The batch whose append had begun and not returned when the process died, if any. */
  readonly interrupted: string | null;
}

export function readAppendJournal(file: string, by: string | number): AppendJournal {
  const lines = existsSync(file) ? readFileSync(file, 'utf8').split('\n') : [];
  const begun = new Map<string, number>();
  const spans: Span[] = [];
  for (const line of lines) {
    const [what, batchId, at] = line.split(' ');
    if (!batchId || at === undefined) continue; // the last line may be cut short by the kill
    if (what === 'begin') begun.set(batchId, Number(at));
    if (what === 'end') {
      const start = begun.get(batchId);
      begun.delete(batchId);
      if (start !== undefined) spans.push({ start, end: Number(at), by });
    }
  }
  const [interrupted] = [...begun.keys()];
  return { spans, interrupted: interrupted ?? null };
}
