/**
 * Process CPU time per event of what hashing adds to an append — the encoding before the
 * lock (`encodeBatch`: canonical texts, and what is hashed) and the hashing under it — with
 * no SQLite at all, this tree's against another tree's copy of `libs/event-store/src`
 * (e.g. main's, hash format v2: a content digest in `encodeBatch`, then `chainStep`),
 * interleaved, on the benchmarks' ledger events. The canonical encoding alone
 * (`encodeJson` of data and metadata, what an unhashed store would still do) is measured
 * beside them, so the difference is the chain's own CPU.
 *
 *   git archive <commit> libs/event-store/src | tar -x -C /tmp/base
 *   node -r @swc-node/register bench/dev/chain-cpu.ts --baseline /tmp/base/libs/event-store/src
 */
import { resolve } from 'node:path';
import {
  chainedHash,
  encodeBatch,
  encodeJson,
  encodeMetadataInput,
  type NewEvent,
} from '@app/event-store';
import { planBatches } from '../lib/workload';

interface BaselineEncoded {
  readonly digest: string;
}
interface Baseline {
  readonly encodeBatch: (streamId: string, events: readonly NewEvent[]) => BaselineEncoded[];
  readonly chainStep: (previous: string, revision: bigint, at: string, digest: string) => string;
}

function baselineAt(src: string): Baseline {
  /* eslint-disable @typescript-eslint/no-require-imports -- a tree chosen at run time */
  const encoding = require(`${src}/encoding.ts`) as Pick<Baseline, 'encodeBatch'>;
  const hashing = require(`${src}/hashing.ts`) as Pick<Baseline, 'chainStep'>;
  /* eslint-enable @typescript-eslint/no-require-imports */
  return { encodeBatch: encoding.encodeBatch, chainStep: hashing.chainStep };
}

const RECORDED_AT = JSON.stringify('2024-05-10T03:00:00.000Z');

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

function main(): void {
  const at = process.argv.indexOf('--baseline');
  const baseline = at >= 0 ? baselineAt(resolve(process.argv[at + 1] ?? '')) : undefined;
  const batches = planBatches(100, 100);
  const events = batches.reduce((n, b) => n + b.events.length, 0);
  let sink = 0;
  const variants: Record<string, () => void> = {
    'canonical only': () => {
      for (const b of batches)
        for (const e of b.events)
          sink += encodeJson(e.data).length + encodeMetadataInput(e.metadata).length;
    },
    'this tree': () => {
      for (const b of batches) {
        let previous = 'null';
        let revision = 0n;
        for (const e of encodeBatch(b.streamId, b.events)) {
          const hash = chainedHash(previous, revision++, RECORDED_AT, e.tail);
          previous = `"${hash}"`;
          sink += hash.length;
        }
      }
    },
  };
  if (baseline) {
    variants.baseline = () => {
      for (const b of batches) {
        let previous = 'null';
        let revision = 0n;
        for (const e of baseline.encodeBatch(b.streamId, b.events)) {
          const hash = baseline.chainStep(previous, revision++, RECORDED_AT, e.digest);
          previous = `"${hash}"`;
          sink += hash.length;
        }
      }
    };
  }
  const samples = new Map<string, number[]>();
  for (let round = 0; round < 25; round++) {
    for (const [name, run] of Object.entries(variants)) {
      const started = process.cpuUsage();
      run();
      const used = process.cpuUsage(started);
      if (round >= 4)
        samples.set(name, [...(samples.get(name) ?? []), (used.user + used.system) / events]);
    }
  }
  const of = (name: string): number => median(samples.get(name) ?? []);
  for (const name of Object.keys(variants)) {
    const extra = of(name) - of('canonical only');
    console.log(
      `${name.padEnd(15)} ${of(name).toFixed(2)} µs/event (chain's own: ${extra.toFixed(2)} µs)`,
    );
  }
  if (sink < 0) console.log(sink);
}

main();
