import { existsSync, readdirSync, statSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { crossCheck } from './cross-check';
import { readDataFile } from './data-file';
import {
  DATA_FILES,
  type DataFileName,
  type DataSet,
  type DocumentItem,
  type LinesFile,
  type PaymentsFile,
  type PersonItem,
  type PlanFile,
  type UnitItem,
} from './data-set';
import type { ImportProblem } from './import-problem';
import { planImport } from './import-steps';
import { dryRun } from './dry-run';
import { importContext, type ImportStep } from './import-step';
import { checkSchema } from './schema-check';
import { ProgramSettings } from '../shared/program-settings';
import { parseYamlFile, type ParsedFile } from './yaml-file';

export interface LoadedDataSet {
  /** Null when there is any problem. */
  readonly dataSet: DataSet | null;
  readonly problems: readonly ImportProblem[];
}

const KNOWN: readonly DataFileName[] = Object.values(DATA_FILES);

function folderProblem(folder: string, code: string, vi: string, en: string): ImportProblem {
  return { file: folder, path: '', line: null, code, message: { vi, en } };
}

function itemsOf<T>(value: unknown, key: string): readonly T[] {
  return ((value as Record<string, unknown> | null)?.[key] ?? []) as readonly T[];
}

/**
 * Reads a data set folder and checks all of it before anything is recorded: each file
 * against its schema, the references between files, the sums, and then every command
 * the import would send, run dry on an empty ledger with the API's own handlers.
 * Opens no store: a refused set leaves the data folder untouched. Returns every
 * problem found, each with its file, path and line.
 */
export async function loadDataSet(
  folder: string,
  settings: ProgramSettings = ProgramSettings.ofProcess(),
): Promise<LoadedDataSet> {
  const root = resolve(folder);
  if (!existsSync(root) || !statSync(root).isDirectory()) {
    return {
      dataSet: null,
      problems: [
        folderProblem(
          folder,
          'IMPORT.FOLDER_NOT_FOUND',
          'không có thư mục bộ dữ liệu này',
          'no such data set folder',
        ),
      ],
    };
  }
  const names = readdirSync(root);
  const problems: ImportProblem[] = names
    .filter((name) => /\.ya?ml$/i.test(name) && !(KNOWN as readonly string[]).includes(name))
    .map((name) => ({
      file: name,
      path: '',
      line: null,
      code: 'IMPORT.UNKNOWN_FILE',
      message: {
        vi: `tệp không thuộc bộ dữ liệu (tên đúng: ${KNOWN.join(', ')}); đổi tên hoặc chuyển đi`,
        en: `not a file of a data set (the names are: ${KNOWN.join(', ')}); rename or move it`,
      },
    }));
  const present = KNOWN.filter((name) => names.includes(name));
  if (present.length === 0) {
    problems.push(
      folderProblem(
        folder,
        'IMPORT.EMPTY',
        `thư mục không có tệp dữ liệu nào (${KNOWN.join(', ')})`,
        `the folder has none of the data files (${KNOWN.join(', ')})`,
      ),
    );
    return { dataSet: null, problems };
  }

  const files = new Map<DataFileName, ParsedFile>();
  let unread = false;
  for (const name of present) {
    const read = readDataFile(join(root, name), name);
    if ('problem' in read) {
      problems.push(read.problem);
      unread = true;
      continue;
    }
    const parsed = parseYamlFile(name, read.text);
    files.set(name, parsed);
    problems.push(...parsed.problems);
    if (parsed.problems.length === 0) problems.push(...bounded(name, checkSchema(name, parsed)));
  }
  if (unread) return { dataSet: null, problems: sorted(problems) };
  // References into a file that could not be parsed would all look broken: skip them.
  if ([...files.values()].every((f) => f.problems.length === 0)) {
    problems.push(...crossCheck(files));
  }
  if (problems.length > 0) return { dataSet: null, problems: sorted(problems) };

  const value = (name: DataFileName): unknown => files.get(name)?.value ?? null;
  const dataSet: DataSet = {
    name: basename(root),
    folder: root,
    documents: itemsOf<DocumentItem>(value(DATA_FILES.documents), 'documents'),
    units: itemsOf<UnitItem>(value(DATA_FILES.units), 'units'),
    people: itemsOf<PersonItem>(value(DATA_FILES.people), 'people'),
    lines: value(DATA_FILES.lines) as LinesFile | null,
    plan: value(DATA_FILES.plan) as PlanFile | null,
    payments: value(DATA_FILES.payments) as PaymentsFile | null,
  };
  const lineOf = (file: DataFileName, path: readonly (string | number)[]): number | null =>
    files.get(file)?.lineOf(path) ?? null;
  const context = (step: ImportStep) => importContext(dataSet.name, step, 'import:check');
  const run = await dryRun(planImport(dataSet), null, { lineOf, context, settings });
  if (run.problems.length > 0) return { dataSet: null, problems: sorted([...run.problems]) };
  return { dataSet: { ...dataSet, lineOf }, problems: [] };
}

/** At most this many schema problems per file: a file that is no data file says so in a page. */
const MAX_PROBLEMS_PER_FILE = 50;

function bounded(file: string, problems: readonly ImportProblem[]): ImportProblem[] {
  if (problems.length <= MAX_PROBLEMS_PER_FILE) return [...problems];
  const more = problems.length - MAX_PROBLEMS_PER_FILE;
  return [
    ...problems.slice(0, MAX_PROBLEMS_PER_FILE),
    {
      file,
      path: '',
      line: null,
      code: 'IMPORT.TOO_MANY_PROBLEMS',
      message: {
        vi: `và ${more} lỗi nữa: tệp này có lẽ không phải tệp dữ liệu của bộ`,
        en: `and ${more} more: this is probably not a data file of the set`,
      },
    },
  ];
}

/** In file order (documents, units, people, lines, plan, payments), then by line. */
function sorted(problems: ImportProblem[]): ImportProblem[] {
  const rank = (file: string): number => {
    const i = (KNOWN as readonly string[]).indexOf(file);
    return i < 0 ? -1 : i;
  };
  return problems
    .map((p, i) => ({ p, i }))
    .sort(
      (a, b) => rank(a.p.file) - rank(b.p.file) || (a.p.line ?? 0) - (b.p.line ?? 0) || a.i - b.i,
    )
    .map(({ p }) => p);
}
