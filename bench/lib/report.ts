import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { formatNumber, isSane } from './stats';

export type Mode = 'smoke' | 'full';

/** `--smoke` (or BENCH_MODE=smoke) runs small sizes and short durations. */
export function modeFromArgs(argv: readonly string[] = process.argv): Mode {
  if (argv.includes('--smoke') || process.env.BENCH_MODE === 'smoke') return 'smoke';
  return 'full';
}

export const RESULTS_DIR = join(__dirname, '..', 'results');

/** One figure of a subject beside its baseline, measured in the same run. */
export interface Row {
  readonly label: string;
  readonly unit: string;
  readonly subject: number;
  readonly baseline?: number;
  readonly baselineLabel?: string;
  /** subject ÷ baseline for rates; baseline ÷ subject for times (so > 1 means faster). */
  readonly ratio?: number;
  readonly samples?: { readonly subject: readonly number[]; readonly baseline?: readonly number[] };
}

/** A target of the issue, as measured. */
export interface Target {
  readonly id: string;
  readonly what: string;
  readonly target: string;
  readonly measured: number;
  readonly unit: string;
  readonly pass: boolean;
}

export interface BenchResult {
  readonly benchmark: string;
  readonly mode: Mode;
  readonly startedAt: string;
  readonly durationMs: number;
  readonly machine: Machine;
  readonly rows: readonly Row[];
  readonly targets: readonly Target[];
  readonly notes: readonly string[];
  /** Anything else worth keeping: failures of the peer, sizes, settings. */
  readonly details?: Record<string, unknown>;
}

export interface Machine {
  readonly nproc: number;
  readonly cpu: string;
  readonly memoryGiB: number;
  readonly node: string;
  readonly platform: string;
}

export function machine(): Machine {
  return {
    nproc: cpus().length,
    cpu: cpus()[0]?.model ?? 'unknown',
    memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
  };
}

export function rateRow(
  label: string,
  unit: string,
  subject: readonly number[],
  baseline: readonly number[] | undefined,
  baselineLabel: string | undefined,
  median: (values: readonly number[]) => number,
): Row {
  const s = median(subject);
  if (!baseline || baseline.length === 0) return { label, unit, subject: s, samples: { subject } };
  const b = median(baseline);
  return {
    label,
    unit,
    subject: s,
    baseline: b,
    ...(baselineLabel ? { baselineLabel } : {}),
    ratio: s / b,
    samples: { subject, baseline },
  };
}

function pad(text: string, width: number, right = false): string {
  return right ? text.padStart(width) : text.padEnd(width);
}

export function printRows(title: string, rows: readonly Row[]): void {
  const lines = rows.map((r) => [
    r.label,
    `${formatNumber(r.subject)} ${r.unit}`,
    r.baseline === undefined ? '' : `${formatNumber(r.baseline)} ${r.unit}`,
    r.baselineLabel ?? '',
    r.ratio === undefined ? '' : `${r.ratio.toFixed(2)}×`,
  ]);
  const header = ['figure', 'subject (median)', 'baseline (median)', 'baseline is', 'ratio'];
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => (l[i] ?? '').length)));
  const format = (cells: readonly string[]): string =>
    cells.map((c, i) => pad(c, widths[i] ?? 0, i === 1 || i === 2 || i === 4)).join('  ');
  console.log(`\n== ${title}`);
  console.log(format(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const line of lines) console.log(format(line));
}

export function printTargets(targets: readonly Target[]): void {
  for (const t of targets) {
    console.log(
      `  [${t.pass ? 'PASS' : 'MISS'}] ${t.what}: ${formatNumber(t.measured)} ${t.unit} (target ${t.target})`,
    );
  }
}

/**
 * Every figure of a result must be a finite number above zero: the smoke run's check.
 * Returns the problems found (empty when sane).
 */
export function sanityProblems(result: BenchResult): string[] {
  const problems: string[] = [];
  for (const row of result.rows) {
    if (!isSane(row.subject)) problems.push(`${row.label}: subject figure ${row.subject}`);
    if (row.baseline !== undefined && !isSane(row.baseline))
      problems.push(`${row.label}: baseline figure ${row.baseline}`);
    if (row.ratio !== undefined && !isSane(row.ratio))
      problems.push(`${row.label}: ratio ${row.ratio}`);
  }
  for (const t of result.targets)
    if (!isSane(t.measured)) problems.push(`${t.what}: measured ${t.measured}`);
  return problems;
}

function toJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => (typeof v === 'bigint' ? v.toString() : v), 2);
}

/** Writes bench/results/<name>.json, formatted as Prettier would (the repo checks formatting). */
export async function writeResult(result: BenchResult): Promise<string> {
  mkdirSync(RESULTS_DIR, { recursive: true });
  const file = join(
    RESULTS_DIR,
    `${result.benchmark}${result.mode === 'smoke' ? '.smoke' : ''}.json`,
  );
  const prettier = await import('prettier');
  const text = await prettier.format(toJson(result), { parser: 'json', printWidth: 100 });
  writeFileSync(file, text);
  return file;
}

export function readResult(name: string, mode: Mode): BenchResult | null {
  try {
    const file = join(RESULTS_DIR, `${name}${mode === 'smoke' ? '.smoke' : ''}.json`);
    return JSON.parse(readFileSync(file, 'utf8')) as BenchResult;
  } catch {
    return null;
  }
}

/** Builds, prints and writes a result; returns it. */
export async function finish(
  benchmark: string,
  mode: Mode,
  startedAt: number,
  rows: readonly Row[],
  targets: readonly Target[],
  notes: readonly string[],
  details?: Record<string, unknown>,
): Promise<BenchResult> {
  const result: BenchResult = {
    benchmark,
    mode,
    startedAt: new Date(startedAt).toISOString(),
    durationMs: Date.now() - startedAt,
    machine: machine(),
    rows,
    targets,
    notes,
    ...(details ? { details } : {}),
  };
  printRows(`${benchmark} (${mode})`, rows);
  printTargets(targets);
  for (const note of notes) console.log(`  note: ${note}`);
  const file = await writeResult(result);
  console.log(`  → ${file}`);
  return result;
}

/** Runs a benchmark's main when its file is the entry point, exiting non-zero on failure. */
export function runMain(main: () => Promise<unknown>): void {
  main().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
