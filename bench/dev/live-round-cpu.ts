/**
 * The live projection's CPU per page, as an all-in-one process pays it after each write:
 * every projection brought to `head - TAIL` first (projectRange), then the live runner
 * catches up the last TAIL events in pages of PAGE (default 4: a few commands' events, as
 * under HTTP load). Prints the runner's CPU (process.cpuUsage) per page and per event;
 * run it in two trees side by side (interleaved) to compare the round's code.
 *
 * With PROFILE=<file>, the last run's catch-up is CPU-profiled (profile-report.ts reads it).
 *
 *   node -r @swc-node/register bench/dev/live-round-cpu.ts [runs]
 */
import { copyFileSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { join } from 'node:path';
import { SqliteEventStore } from '@app/event-store';
import {
  ALL_PROJECTIONS,
  ProjectionRunner,
  projectRange,
  servingGeneration,
  SqliteDocumentStore,
} from '@app/read-models';
import { ensureHistory } from '../lib/history-generator';
import { tempDir } from '../lib/raw-log';

const TAIL = Number(process.env.TAIL ?? 2000);
const PAGE = Number(process.env.PAGE ?? 4);

async function main(): Promise<void> {
  const runs = Number(process.argv[2] ?? 3);
  const { file } = await ensureHistory(10_000, { log: () => undefined });
  const tmp = tempDir('bench-live-round-');
  try {
    copyFileSync(file, join(tmp.dir, 'events.sqlite'));
    const events = new SqliteEventStore({ file: join(tmp.dir, 'events.sqlite') });
    const log = await events.readAll({ maxCount: 10_000_000 });
    const until = log[log.length - TAIL - 1]!.position;
    const base = join(tmp.dir, 'base.sqlite');
    const seed = new SqliteDocumentStore({ file: base });
    for (const projection of ALL_PROJECTIONS) {
      await projectRange(events, seed, await servingGeneration(seed, projection), { until });
    }
    await seed.close();
    const head = log.at(-1)!.position;
    for (let run = 0; run < runs; run++) {
      const file = join(tmp.dir, `run-${run}.sqlite`);
      copyFileSync(base, file);
      const docs = new SqliteDocumentStore({ file });
      const runner = new ProjectionRunner(events, docs, ALL_PROJECTIONS, {
        batchSize: PAGE,
        pollIntervalMs: 1,
        onError: (name, error) => {
          throw new Error(`${name}: ${String(error)}`);
        },
      });
      const profiling = process.env.PROFILE && run === runs - 1 ? new Session() : null;
      if (profiling) {
        profiling.connect();
        await profiling.post('Profiler.enable');
        await profiling.post('Profiler.setSamplingInterval', { interval: 200 });
        await profiling.post('Profiler.start');
      }
      const before = process.cpuUsage();
      await runner.start();
      if (!(await runner.waitFor(head, 600_000))) throw new Error('did not catch up');
      const used = process.cpuUsage(before);
      if (profiling) {
        const { profile } = await profiling.post('Profiler.stop');
        writeFileSync(process.env.PROFILE!, JSON.stringify(profile));
        profiling.disconnect();
      }
      await runner.stop();
      await docs.close();
      const ms = (used.user + used.system) / 1000;
      console.log(
        JSON.stringify({
          run,
          events: TAIL,
          page: PAGE,
          cpuMs: +ms.toFixed(1),
          cpuMsPerPage: +((ms * PAGE) / TAIL).toFixed(3),
        }),
      );
    }
    await events.close();
  } finally {
    tmp.dispose();
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
