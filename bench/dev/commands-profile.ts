/**
 * Where a cycle of the commands benchmark goes: the 64 writers of bench/commands.bench.ts
 * on the library's executor, interleaved with the disk's ceiling measured the same way
 * (raw inserts in groups of 64, one fsync each), ROUNDS rounds. For each run of the
 * writers it prints the cycle (wall time per group of commits), the process's CPU per
 * command (process.cpuUsage: a loaded machine's figures still compare), and how long the
 * group commit held the event loop per group, split into CPU and waiting (wall minus CPU
 * of `GroupCommit.flush`: the COMMIT's fsync). With a folder, also a CPU profile of the
 * writers' runs only (bench/dev/profile-report.ts reads it).
 *
 *   node -r @swc-node/register bench/dev/commands-profile.ts [rounds] [seconds] [profile-dir]
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import { join } from 'node:path';
import { executeOnStream } from '@app/application';
import { SqliteEventStore } from '@app/event-store';
// eslint-disable-next-line no-restricted-imports -- a dev profile times the store's internal group commit
import { GroupCommit } from '../../libs/event-store/src/sqlite/group-commit';
import {
  WRITERS,
  copiesOf,
  diskCeiling,
  drive,
  historyWriterLines,
  type Outcome,
} from '../commands.bench';
import { ensureHistory } from '../lib/history-generator';
import { tempDir } from '../lib/raw-log';
import { median, nowMs } from '../lib/stats';

interface FlushStats {
  groups: number;
  appends: number;
  wallMs: number;
  cpuMs: number;
}

const flushes: FlushStats = { groups: 0, appends: 0, wallMs: 0, cpuMs: 0 };

/** Times every group commit of the process (wall and CPU), leaving what it does alone. */
function instrumentFlush(): void {
  // eslint-disable-next-line @typescript-eslint/unbound-method -- called with its instance below
  const original = GroupCommit.prototype.flush;
  GroupCommit.prototype.flush = function timedFlush(this: GroupCommit): void {
    const size = this.pending;
    const wall = nowMs();
    const cpu = process.cpuUsage();
    original.call(this);
    if (size === 0) return;
    const used = process.cpuUsage(cpu);
    flushes.groups++;
    flushes.appends += size;
    flushes.wallMs += nowMs() - wall;
    flushes.cpuMs += (used.user + used.system) / 1000;
  };
}

function post<T>(session: Session, method: string, params?: object): Promise<T> {
  return new Promise((resolve, reject) =>
    session.post(method, params ?? {}, (error, result) =>
      error ? reject(error) : resolve(result as T),
    ),
  );
}

async function main(): Promise<void> {
  const rounds = Number(process.argv[2] ?? 5);
  const seconds = Number(process.argv[3] ?? 3);
  const profDir = process.argv[4];
  instrumentFlush();
  const { file } = await ensureHistory(100_000, { log: (m) => console.log(`  ${m}`) });
  const tmp = tempDir('bench-commands-prof-');
  const fresh = copiesOf(file, tmp.dir);
  const lines = await historyWriterLines(file);
  const session = new Session();
  session.connect();
  if (profDir) {
    await post(session, 'Profiler.enable');
    await post(session, 'Profiler.setSamplingInterval', { interval: 200 });
  }
  const runs: Record<string, number>[] = [];
  const disks: Outcome[] = [];
  for (let round = 0; round < rounds; round++) {
    disks.push(diskCeiling(fresh(), seconds));
    const store = new SqliteEventStore({ file: fresh() });
    // Warm the writers' lines outside the measure, as the benchmark's drive() does.
    await drive((c, d) => executeOnStream(store, c, d), lines, 0, `w${round}`);
    Object.assign(flushes, { groups: 0, appends: 0, wallMs: 0, cpuMs: 0 });
    if (profDir) await post(session, 'Profiler.start');
    const cpu = process.cpuUsage();
    const outcome = await drive(
      (c, d) => executeOnStream(store, c, d),
      lines,
      seconds,
      `r${round}`,
    );
    const used = process.cpuUsage(cpu);
    if (profDir) {
      const { profile } = await post<{ profile: unknown }>(session, 'Profiler.stop');
      mkdirSync(profDir, { recursive: true });
      writeFileSync(join(profDir, `commands-${round}.cpuprofile`), JSON.stringify(profile));
    }
    await store.close();
    const cycleMs = (seconds * 1000) / flushes.groups;
    runs.push({
      rate: Math.round(outcome.rate),
      p50: +outcome.p50.toFixed(2),
      p99: +outcome.p99.toFixed(2),
      perGroup: +(flushes.appends / flushes.groups).toFixed(1),
      cycleMs: +cycleMs.toFixed(2),
      cpuUsPerCommand: +(((used.user + used.system) / outcome.commands) | 0),
      flushWallMs: +(flushes.wallMs / flushes.groups).toFixed(2),
      flushCpuMs: +(flushes.cpuMs / flushes.groups).toFixed(2),
      flushWaitMs: +((flushes.wallMs - flushes.cpuMs) / flushes.groups).toFixed(2),
      diskRate: Math.round(disks[round]?.rate ?? 0),
      diskCommitP50: +(disks[round]?.p50 ?? 0).toFixed(2),
      diskCommitP99: +(disks[round]?.p99 ?? 0).toFixed(2),
    });
    console.log(JSON.stringify(runs.at(-1)));
  }
  const keys = Object.keys(runs[0] ?? {});
  console.log(
    'medians',
    JSON.stringify(Object.fromEntries(keys.map((k) => [k, median(runs.map((r) => r[k] ?? 0))]))),
    `(${WRITERS} writers)`,
  );
  session.disconnect();
  tmp.dispose();
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
