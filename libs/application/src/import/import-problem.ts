import type { Messages } from '@app/budgeting';

/**
 * One thing wrong with a data set, named the way its author finds it: the file, the
 * path inside it (`lines[3].amount`) and, when known, the line of the file.
 */
export interface ImportProblem {
  readonly file: string;
  /** `lines[3].amount`; empty when the problem is the file (or folder) itself. */
  readonly path: string;
  readonly line: number | null;
  /** Stable, for scripts: `IMPORT.SCHEMA`, `IMPORT.UNKNOWN_UNIT`, a domain code… */
  readonly code: string;
  readonly message: Messages;
}

/** `budget-lines.yaml: lines[3].amount`: how a problem's place is written everywhere. */
export function problemLocation(problem: Pick<ImportProblem, 'file' | 'path'>): string {
  if (problem.path === '') return problem.file;
  return `${problem.file}: ${problem.path}`;
}

/**
 * The data set was refused, before anything was recorded (or, for a conflict with the
 * log found by the dry run, before anything of this import was recorded).
 */
export class DataSetInvalidError extends Error {
  readonly code = 'IMPORT.INVALID_DATA_SET';

  constructor(readonly problems: readonly ImportProblem[]) {
    super(
      `The data set has ${problems.length} problem(s): ${problems
        .map((p) => `${problemLocation(p)}: ${p.message.en}`)
        .join('; ')}`,
    );
    this.name = 'DataSetInvalidError';
  }
}

/** What a field name of a data file looks like; anything else is not echoed back. */
const FIELD_NAME = /^[\p{L}\p{N}_-]{1,64}$/u;

/**
 * `['lines', 3, 'amount']` → `lines[3].amount`. A key that is no field name (a line of some
 * other file read as YAML, a password hash) is written `‹…›`: a refused file's content is
 * never echoed back.
 */
export function formatPath(segments: readonly (string | number)[]): string {
  let out = '';
  for (const segment of segments) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else {
      const name = FIELD_NAME.test(segment) ? segment : '‹…›';
      out += out === '' ? name : `.${name}`;
    }
  }
  return out;
}
