import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** What one `budget rebuild` measured. */
export interface CliRebuild {
  readonly events: number;
  /** The rebuild itself, as the command reports it (plan, replay, indexes, compare, switch). */
  readonly ms: number;
  /** The whole command, from spawning node to its exit (startup and opening included). */
  readonly wallMs: number;
  /** The largest resident set of the command's processes (bin/budget.js re-runs itself). */
  readonly peakRssMb: number;
}

const BUDGET_BIN = join(__dirname, '..', '..', 'bin', 'budget.js');
const GNU_TIME = '/usr/bin/time';

function hwmKb(pid: number): number {
  try {
    const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match?.[1] ? Number(match[1]) : 0;
  } catch {
    return 0;
  }
}

/** Every process below `pid` (where /proc tells; an empty list elsewhere). */
function descendants(pid: number): number[] {
  let children: number[];
  try {
    children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8')
      .split(' ')
      .filter((s) => s.trim() !== '')
      .map(Number);
  } catch {
    return [];
  }
  return children.flatMap((c) => [c, ...descendants(c)]);
}

/**
 * Runs `budget rebuild --data <dir> --json` as a user would, on a copy of the history as
 * the folder's log (read models start empty, so every projection is rebuilt from the
 * whole log and nothing is compared). The peak RSS comes from GNU time's wait4 figure
 * (the largest process of the tree) where it exists, else from polling VmHWM.
 */
export async function cliRebuild(historyFile: string, dataDir: string): Promise<CliRebuild> {
  mkdirSync(dataDir, { recursive: true });
  copyFileSync(historyFile, join(dataDir, 'events.sqlite'));
  const args = [BUDGET_BIN, 'rebuild', '--data', dataDir, '--json'];
  const timed = existsSync(GNU_TIME);
  const started = performance.now();
  const child = timed
    ? spawn(GNU_TIME, ['-f', 'peak-rss-kb %M', process.execPath, ...args])
    : spawn(process.execPath, args);
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  let polledKb = 0;
  const poll = setInterval(() => {
    if (child.pid === undefined) return;
    for (const pid of [child.pid, ...descendants(child.pid)])
      polledKb = Math.max(polledKb, hwmKb(pid));
  }, 50);
  const code = await new Promise<number | null>((resolve) => child.once('close', resolve));
  clearInterval(poll);
  const wallMs = performance.now() - started;
  if (code !== 0) throw new Error(`budget rebuild exited with ${code}: ${stderr.slice(-2000)}`);
  const reports = (
    JSON.parse(stdout) as {
      reports: { eventsReplayed: number; durationMs: number; equal: boolean }[];
    }
  ).reports;
  const first = reports[0];
  if (!first) throw new Error('budget rebuild reported nothing');
  const timedKb = Number(/peak-rss-kb (\d+)/.exec(stderr)?.[1] ?? 0);
  return {
    events: first.eventsReplayed,
    ms: first.durationMs,
    wallMs,
    peakRssMb: (timed ? timedKb : polledKb) / 1024,
  };
}
