/**
 * The concurrent row of bench/append.bench.ts (4 processes × 100 events an append on one
 * file), port and raw inserts interleaved ROUNDS times, with the CPU of every appending
 * process: whether the row is bound by the disk (cores idle, waiting on fsyncs) or by the
 * CPU (both cores busy, port ÷ raw ≈ raw's CPU per event ÷ the port's).
 *
 *   node -r @swc-node/register bench/dev/append-concurrent-cpu.ts [rounds] [batch] [appends]
 */
import { join } from 'node:path';
import { concurrent, concurrentCpuNote, type ConcurrentOutcome } from '../append.bench';
import { tempDir } from '../lib/raw-log';
import { median } from '../lib/stats';

async function main(): Promise<void> {
  const rounds = Number(process.argv[2] ?? 5);
  const batch = Number(process.argv[3] ?? 100);
  const appends = Number(process.argv[4] ?? 40);
  const tmp = tempDir('bench-append-cpu-');
  let n = 0;
  const fresh = (): string => join(tmp.dir, `log-${++n}.sqlite`);
  const port: ConcurrentOutcome[] = [];
  const raw: ConcurrentOutcome[] = [];
  try {
    for (let r = 0; r < rounds; r++) {
      port.push(await concurrent('port', fresh(), 4, batch, appends));
      raw.push(await concurrent('raw', fresh(), 4, batch, appends));
      const [p, w] = [port.at(-1), raw.at(-1)];
      console.log(
        JSON.stringify({
          ratio: +((p?.rate ?? 0) / (w?.rate ?? 1)).toFixed(3),
          port: {
            rate: Math.round(p?.rate ?? 0),
            cpuUs: p?.cpuUsPerEvent.toFixed(1),
            busy: p?.coresBusy.toFixed(2),
          },
          raw: {
            rate: Math.round(w?.rate ?? 0),
            cpuUs: w?.cpuUsPerEvent.toFixed(1),
            busy: w?.coresBusy.toFixed(2),
          },
        }),
      );
    }
    const ratios = port.map((p, i) => p.rate / (raw[i]?.rate ?? 1));
    console.log(`median port ÷ raw ${median(ratios).toFixed(3)}`);
    console.log(concurrentCpuNote(`4 processes × ${batch}/batch`, port, raw));
  } finally {
    tmp.dispose();
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
