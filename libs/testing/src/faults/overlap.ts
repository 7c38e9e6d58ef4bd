/**
 * Proof that a race raced. A race test that passes while its operations ran one after
 * another proves nothing about concurrency, so every worker (a child process, an HTTP
 * request, a promise) reports when its operation started and finished, and the test
 * asserts that some of them were in flight at once.
 *
 * FAULT_FORCE_SERIAL=1 makes the suites' dispatchers (`together`, the race pools, the
 * crash appenders) run their workers one after another: every race test must then fail
 * on its overlap assertion — the check that the check bites.
 */

export const FORCE_SERIAL = process.env.FAULT_FORCE_SERIAL === '1';

/** Wall-clock milliseconds with sub-millisecond precision, comparable across processes. */
export function clockMs(): number {
  return performance.timeOrigin + performance.now();
}

/** When one operation ran, and by whom (a process, a replica). */
export interface Span {
  readonly start: number;
  readonly end: number;
  readonly by?: string | number;
}

/** Runs `work` and notes its span. */
export async function timed<T>(
  work: () => Promise<T>,
  by?: string | number,
): Promise<{ value: T; span: Span }> {
  const start = clockMs();
  const value = await work();
  return { value, span: { start, end: clockMs(), ...(by === undefined ? {} : { by }) } };
}

/**
 * Starts every task at once and waits for all — or, under FAULT_FORCE_SERIAL, runs them
 * one after another. Returns each task's outcome (settled, as Promise.allSettled) and span.
 */
export async function together<T>(
  tasks: readonly (() => Promise<T>)[],
  options: {
    readonly by?: (index: number) => string | number | undefined;
    readonly serial?: boolean;
  } = {},
): Promise<{ outcomes: PromiseSettledResult<T>[]; spans: Span[] }> {
  const { by = () => undefined, serial = FORCE_SERIAL } = options;
  const run = async (i: number): Promise<{ outcome: PromiseSettledResult<T>; span: Span }> => {
    const start = clockMs();
    let outcome: PromiseSettledResult<T>;
    try {
      outcome = { status: 'fulfilled', value: await tasks[i]!() };
    } catch (reason) {
      outcome = { status: 'rejected', reason };
    }
    const owner = by(i);
    return {
      outcome,
      span: { start, end: clockMs(), ...(owner === undefined ? {} : { by: owner }) },
    };
  };
  const results: { outcome: PromiseSettledResult<T>; span: Span }[] = [];
  if (serial) {
    for (let i = 0; i < tasks.length; i++) results.push(await run(i));
  } else {
    results.push(...(await Promise.all(tasks.map((_, i) => run(i)))));
  }
  return { outcomes: results.map((r) => r.outcome), spans: results.map((r) => r.span) };
}

/** The values of fulfilled outcomes; rethrows the first rejection. */
export function valuesOf<T>(outcomes: readonly PromiseSettledResult<T>[]): T[] {
  return outcomes.map((o) => {
    if (o.status === 'rejected') throw o.reason;
    return o.value;
  });
}

/** The most operations in flight at one instant (spans that only touch do not overlap). */
export function maxInFlight(spans: readonly Span[]): number {
  const edges = spans.flatMap((s) => [
    { at: s.start, delta: 1 },
    { at: s.end, delta: -1 },
  ]);
  // At equal times an end goes first: [a, b] and [b, c] ran one after the other.
  edges.sort((x, y) => x.at - y.at || x.delta - y.delta);
  let now = 0;
  let most = 0;
  for (const edge of edges) {
    now += edge.delta;
    most = Math.max(most, now);
  }
  return most;
}

/** How many pairs of spans of different owners overlap in time. */
export function crossOverlaps(spans: readonly Span[]): number {
  const sorted = [...spans].sort((a, b) => a.start - b.start);
  let pairs = 0;
  for (let i = 0; i < sorted.length; i++) {
    const a = sorted[i]!;
    for (let j = i + 1; j < sorted.length && sorted[j]!.start < a.end; j++) {
      if (sorted[j]!.by !== a.by) pairs++;
    }
  }
  return pairs;
}

/** A one-line summary of how much a set of operations overlapped, for figures and failures. */
export function overlapSummary(spans: readonly Span[]): {
  operations: number;
  maxInFlight: number;
  crossOverlaps: number;
} {
  return {
    operations: spans.length,
    maxInFlight: maxInFlight(spans),
    crossOverlaps: crossOverlaps(spans),
  };
}
