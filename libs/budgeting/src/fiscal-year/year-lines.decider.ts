import { lineErrors } from '../budget-line/budget-line.errors';
import { parseBudgetLineId } from '../budget-line/budget-line-key';
import { assertNever } from '../shared/decider';
import { PersistentMap } from '../shared/persistent-map';

/**
 * The register of a fiscal year's lines (one stream per year). A line is listed here, by
 * an append conditioned on this stream's revision, before its own stream's first event;
 * the year's close seals this stream before it seals the lines it lists. So a command
 * opening a new line either listed it before the seal (the close finds the line, seals and
 * settles it) or loses the race, decides again on the sealed register and is refused as in
 * a closed year. Single-stream conditioned appends only: sound on EventStoreDB too.
 */
export type YearLinesEvent =
  | {
      readonly type: 'FiscalYearLineRegistered';
      readonly data: { readonly fiscalYear: number; readonly budgetLineId: string };
    }
  | {
      /**
       * The close found the lines opened before the register existed (one pass over the
       * log, once per year) and listed them in the same append; from then on the register
       * alone lists the year's lines. `lines`: how many were listed by it.
       */
      readonly type: 'FiscalYearLinesBackfilled';
      readonly data: { readonly fiscalYear: number; readonly lines: number };
    }
  | {
      readonly type: 'FiscalYearLinesSealed';
      readonly data: { readonly fiscalYear: number };
    }
  | {
      /** The close that sealed the register was refused: new lines may open again. */
      readonly type: 'FiscalYearLinesUnsealed';
      readonly data: { readonly fiscalYear: number };
    };

export type YearLinesCommand =
  | {
      readonly type: 'RegisterYearLine';
      readonly fiscalYear: number;
      readonly budgetLineId: string;
      /** A correction (or a system step) passes a closed year, so it passes the seal too. */
      readonly passesClosedYear: boolean;
    }
  | {
      readonly type: 'BackfillYearLines';
      readonly fiscalYear: number;
      /** Every line of the year found in the log (those already listed are skipped). */
      readonly found: readonly string[];
    }
  | { readonly type: 'SealYearLines'; readonly fiscalYear: number; readonly sealed: boolean };

export interface YearLinesState {
  /** Listed lines, in the order they were listed (the value is unused). */
  readonly lines: PersistentMap<string, true>;
  readonly sealed: boolean;
  /** The lines opened before the register existed are listed (FiscalYearLinesBackfilled). */
  readonly backfilled: boolean;
}

export const initialYearLinesState: YearLinesState = {
  lines: PersistentMap.empty(),
  sealed: false,
  backfilled: false,
};

export function yearLinesStreamId(year: number): string {
  return `fiscal-year-lines-${year}`;
}

export function evolveYearLines(state: YearLinesState, event: YearLinesEvent): YearLinesState {
  switch (event.type) {
    case 'FiscalYearLineRegistered':
      return { ...state, lines: state.lines.set(event.data.budgetLineId, true) };
    case 'FiscalYearLinesBackfilled':
      return { ...state, backfilled: true };
    case 'FiscalYearLinesSealed':
      return { ...state, sealed: true };
    case 'FiscalYearLinesUnsealed':
      return { ...state, sealed: false };
    default:
      return assertNever(event);
  }
}

function registered(fiscalYear: number, budgetLineId: string): YearLinesEvent {
  return { type: 'FiscalYearLineRegistered', data: { fiscalYear, budgetLineId } };
}

/** A line of another year in this year's register would be sealed by the wrong close. */
function requireOfYear(fiscalYear: number, budgetLineId: string): void {
  const key = parseBudgetLineId(budgetLineId);
  if (key.fiscalYear !== fiscalYear) {
    throw new Error(`line ${budgetLineId} is not of fiscal year ${fiscalYear}`);
  }
}

export function decideYearLines(
  command: YearLinesCommand,
  state: YearLinesState,
): YearLinesEvent[] {
  switch (command.type) {
    case 'RegisterYearLine': {
      requireOfYear(command.fiscalYear, command.budgetLineId);
      if (state.lines.has(command.budgetLineId)) return [];
      if (state.sealed && !command.passesClosedYear) {
        throw lineErrors.yearClosed(command.fiscalYear);
      }
      return [registered(command.fiscalYear, command.budgetLineId)];
    }
    case 'BackfillYearLines': {
      if (state.backfilled) return [];
      const missing = [...new Set(command.found)].filter((id) => !state.lines.has(id));
      missing.forEach((id) => requireOfYear(command.fiscalYear, id));
      return [
        ...missing.map((id) => registered(command.fiscalYear, id)),
        {
          type: 'FiscalYearLinesBackfilled',
          data: { fiscalYear: command.fiscalYear, lines: missing.length },
        },
      ];
    }
    case 'SealYearLines':
      if (state.sealed === command.sealed) return [];
      return [
        command.sealed
          ? { type: 'FiscalYearLinesSealed', data: { fiscalYear: command.fiscalYear } }
          : { type: 'FiscalYearLinesUnsealed', data: { fiscalYear: command.fiscalYear } },
      ];
    default:
      return assertNever(command);
  }
}

export const yearLinesDecider = {
  initialState: initialYearLinesState,
  evolve: evolveYearLines,
  decide: decideYearLines,
  streamId: yearLinesStreamId,
} as const;
