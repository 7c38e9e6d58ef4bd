import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '@app/event-store';
import { ReadModels, SqliteDocumentStore, queryBalances } from '@app/read-models';
import { faultSeed, faultSize, randomFor, recordFigures, trial } from '@app/testing/faults';
import { waitForPort } from '@app/testing/faults';

const ROOT = join(__dirname, '..', '..');
const SEED = faultSeed(20241231);
const RANDOM_KILLS = faultSize('FIRST_START_KILLS', 1, 10);
const SEED_TOTAL = 2_444_771_300n;
const SEED_PARTS: Record<string, bigint> = {
  'DA6.TDA2': 378_000_000n,
  'DA7.TDA1': 1_470_000_000n,
  'DA7.TDA2': 596_771_300n,
};
/** The example's own commands record about 50 events; kills land among the first 45. */
const KILL_WITHIN = 45;

interface Started {
  readonly child: ChildProcess;
  readonly base: string;
  readonly exited: Promise<void>;
  output(): string;
}

/** `npm start` on the folder, exactly as a new user runs it (the example not turned off). */
async function start(dir: string): Promise<Started> {
  // PORT=0 and the port read back from its start-up line: a port picked here could be taken
  // by another suite's server before this one binds it, and /health would be a stranger's.
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: '0', BUDGET_DATA_DIR: dir };
  delete env.BUDGET_NO_EXAMPLE;
  const child = spawn(process.execPath, ['-r', '@swc-node/register', 'apps/api/src/main.ts'], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (chunk: Buffer): void => {
    if (output.length < 100_000) output += chunk.toString('utf8');
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const port = await waitForPort(child, () => output);
  return { child, base: `http://127.0.0.1:${port}`, exited, output: () => output };
}

async function status(url: string): Promise<number | null> {
  try {
    return (await fetch(url)).status;
  } catch {
    return null;
  }
}

/** Polls `path` until it answers `wanted`; fails if the process dies or 60 s pass. */
async function until(api: Started, path: string, wanted: number): Promise<void> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (api.child.exitCode !== null) throw new Error(`the API exited:\n${api.output()}`);
    if ((await status(`${api.base}${path}`)) === wanted) return;
    if (Date.now() > deadline)
      throw new Error(`${path} never answered ${wanted}:\n${api.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

async function kill(api: Started, signal: NodeJS.Signals): Promise<void> {
  if (api.child.exitCode === null && api.child.signalCode === null) api.child.kill(signal);
  await api.exited;
}

/** Events in the log, read beside the API as another process would. */
async function eventsIn(dir: string): Promise<number> {
  const file = join(dir, 'events.sqlite');
  if (!existsSync(file)) return 0;
  const store = new SqliteEventStore({ file });
  try {
    return Number((await store.headPosition()) ?? 0n);
  } finally {
    await store.close();
  }
}

/** What the read models hold right now, without catching them up (as the API would serve them). */
async function servedBalances(
  dir: string,
): Promise<{ total: bigint; parts: Record<string, bigint> }> {
  const docs = new SqliteDocumentStore({ file: join(dir, 'read-models.sqlite') });
  try {
    const answer = await queryBalances(new ReadModels(docs), { fiscalYear: 2024 });
    const parts: Record<string, bigint> = {};
    let total = 0n;
    for (const line of answer.lines) {
      const received = line.amounts.allocated + line.amounts.carriedIn;
      parts[line.programPart] = (parts[line.programPart] ?? 0n) + received;
      total += received;
    }
    return { total, parts };
  } finally {
    await docs.close();
  }
}

describe(`the first start, interrupted (seed ${SEED}, ${RANDOM_KILLS} random kills)`, () => {
  let dir: string;
  const left: number[] = [];

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'budget-first-start-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('finishes the example on a later start, exactly once, and is ready only then', async () => {
    await trial({ file: __filename, seed: SEED, label: 'first start' }, async () => {
      const started = Date.now();
      // 1. Stopped (SIGTERM) right after its first healthy answer, as an impatient user would.
      const first = await start(dir);
      await until(first, '/health/live', 200);
      await kill(first, 'SIGTERM');
      left.push(await eventsIn(dir));

      // 2. Killed (SIGKILL) at seeded points of the load: once the log holds N events.
      const random = randomFor(SEED, 'kills');
      for (let i = 0; i < RANDOM_KILLS; i++) {
        const at = random.int(1, KILL_WITHIN);
        const api = await start(dir);
        await until(api, '/health/live', 200);
        while (api.child.exitCode === null && (await eventsIn(dir)) < at) {
          await new Promise((resolve) => setTimeout(resolve, 2));
        }
        await kill(api, 'SIGKILL');
        left.push(await eventsIn(dir));
      }

      // 3. The next start: not ready until the whole example is in the read models it serves.
      const last = await start(dir);
      let notReady = 0;
      for (;;) {
        if (last.child.exitCode !== null) throw new Error(`the API exited:\n${last.output()}`);
        const answer = await status(`${last.base}/health`);
        if (answer === 200) break;
        notReady++;
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      expect(await servedBalances(dir)).toEqual({ total: SEED_TOTAL, parts: SEED_PARTS });

      // Through the product too: the example's signer can sign in and sees the plan's money.
      const issued = spawnSync(
        process.execPath,
        ['bin/budget.js', 'users', 'token', 'lu-dinh-tich', '--json', '--data', dir],
        { cwd: ROOT, encoding: 'utf8' },
      );
      expect(issued.status).toBe(0);
      const { token } = JSON.parse(issued.stdout) as { token: string };
      const res = await fetch(`${last.base}/api/v1/budget-lines?fiscalYear=2024`, {
        headers: { authorization: `Bearer ${token}` },
      });
      const body = (await res.json()) as { totals: { allocated: string; carriedIn: string } };
      expect(BigInt(body.totals.allocated) + BigInt(body.totals.carriedIn)).toBe(SEED_TOTAL);
      await kill(last, 'SIGTERM');

      recordFigures('first-start', {
        seed: SEED,
        kills: 1 + RANDOM_KILLS,
        eventsLeftByEachKill: left,
        notReadyAnswersBeforeReady: notReady,
        seconds: Math.round((Date.now() - started) / 1000),
      });
    });
    // The interruptions did leave half-loaded examples behind (else nothing was resumed).
    expect(left.some((n) => n > 0 && n < KILL_WITHIN)).toBe(true);
  }, 300_000);
});
