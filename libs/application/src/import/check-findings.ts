import { formatPath, type ImportProblem } from './import-problem';
import type { DataFileName } from './data-set';
import type { ParsedFile, PathSegments } from './yaml-file';

/** Reading parsed YAML values defensively, and collecting what is wrong with them. */

export type Obj = Readonly<Record<string, unknown>>;

export function isObj(value: unknown): value is Obj {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

/** The object items of `owner[key]`, each with its index. */
export function objects(owner: unknown, key: string): [Obj, number][] {
  const items = isObj(owner) ? list(owner[key]) : [];
  return items.flatMap((item, i): [Obj, number][] => (isObj(item) ? [[item, i]] : []));
}

/** The string items of `owner[key]`, each with its index. */
export function strings(owner: Obj, key: string): [string, number][] {
  return list(owner[key]).flatMap((item, i): [string, number][] =>
    typeof item === 'string' ? [[item, i]] : [],
  );
}

export function text(owner: Obj, key: string): string | null {
  const value = owner[key];
  return typeof value === 'string' ? value : null;
}

const MONEY = /^(0|[1-9][0-9]{0,17})$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

export function money(owner: Obj, key: string): bigint | null {
  const value = text(owner, key);
  return value !== null && MONEY.test(value) ? BigInt(value) : null;
}

/** A well-formed date that does not exist (2024-02-30); null when fine or not a date at all. */
function impossibleDate(value: unknown): string | null {
  if (typeof value !== 'string' || !DATE.test(value)) return null;
  const parsed = new Date(`${value}T00:00:00Z`);
  return Number.isNaN(parsed.getTime()) || parsed.toISOString().slice(0, 10) !== value
    ? value
    : null;
}

export function validDate(owner: Obj, key: string): string | null {
  const value = text(owner, key);
  return value !== null && DATE.test(value) && impossibleDate(value) === null ? value : null;
}

export class Findings {
  readonly problems: ImportProblem[] = [];

  constructor(private readonly files: ReadonlyMap<DataFileName, ParsedFile>) {}

  add(file: DataFileName, path: PathSegments, code: string, vi: string, en: string): void {
    this.problems.push({
      file,
      path: formatPath(path),
      line: this.files.get(file)?.lineOf(path) ?? null,
      code,
      message: { vi, en },
    });
  }

  date(file: DataFileName, owner: Obj, path: PathSegments, key: string): void {
    const bad = impossibleDate(owner[key]);
    if (bad !== null) {
      this.add(
        file,
        [...path, key],
        'IMPORT.INVALID_DATE',
        `ngày ${bad} không có thật`,
        `${bad} is not a real date`,
      );
    }
  }

  order(
    file: DataFileName,
    owner: Obj,
    path: PathSegments,
    [earlier, later]: [string, string],
  ): void {
    const from = validDate(owner, earlier);
    const to = validDate(owner, later);
    if (from !== null && to !== null && to < from) {
      this.add(
        file,
        [...path, later],
        'IMPORT.DATE_ORDER',
        `${later} ${to} trước ${earlier} ${from}`,
        `${later} ${to} is before ${earlier} ${from}`,
      );
    }
  }

  duplicate(file: DataFileName, path: PathSegments, what: string, value: string): void {
    this.add(
      file,
      path,
      'IMPORT.DUPLICATE',
      `${what} "${value}" bị lặp lại`,
      `${what} "${value}" appears twice`,
    );
  }
}
