/** Small statistics and timing helpers shared by the benchmarks. */

export function nowMs(): number {
  return Number(process.hrtime.bigint()) / 1e6;
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[mid] ?? Number.NaN)
    : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

/** Nearest-rank percentile (p in 0..100) of a sample. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank] ?? Number.NaN;
}

export interface Variant<T> {
  readonly name: string;
  readonly run: (round: number) => Promise<T>;
}

/**
 * Runs every variant once per round, rotating which goes first, so that a noisy
 * neighbour or a warming cache hurts each variant alike. Returns each variant's samples.
 */
export async function interleave<T>(
  rounds: number,
  variants: readonly Variant<T>[],
  options: { readonly warmup?: boolean } = {},
): Promise<Map<string, T[]>> {
  const samples = new Map<string, T[]>(variants.map((v) => [v.name, []]));
  // One unrecorded round first, so that no variant pays for JIT warm-up alone.
  if (options.warmup) for (const variant of variants) await variant.run(-1);
  for (let round = 0; round < rounds; round++) {
    for (let i = 0; i < variants.length; i++) {
      const variant = variants[(round + i) % variants.length];
      if (!variant) continue;
      samples.get(variant.name)?.push(await variant.run(round));
    }
  }
  return samples;
}

export function samplesOf<T>(samples: Map<string, T[]>, name: string): T[] {
  const found = samples.get(name);
  if (!found) throw new Error(`no samples for ${name}`);
  return found;
}

/** True for a finite figure above zero: what the smoke run checks of every figure. */
export function isSane(value: number): boolean {
  return Number.isFinite(value) && value > 0;
}

export function round(value: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  if (Math.abs(value) >= 1000) return Math.round(value).toLocaleString('en-US');
  if (Math.abs(value) >= 100) return value.toFixed(0);
  if (Math.abs(value) >= 10) return value.toFixed(1);
  return value.toFixed(2);
}
