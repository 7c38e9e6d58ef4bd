/**
 * HTTP: POST /api/v1/expenditures/:id/approve on the real API (bearer auth, idempotency
 * key, DTO validation, command bus, load-fold-decide-append, projection runner in the
 * same process) against a bare Nest endpoint, both on 127.0.0.1, driven by autocannon in
 * alternating bounded runs. Every approval approves a distinct pending expenditure.
 *
 * A second subject in the same rounds: the same path on the API as a replica of a
 * scaled-out deployment runs it (BUDGET_PROJECTIONS=off, BUDGET_FOLLOW_UPS=off; the
 * projector process would run those, and is not started: this measures the write path).
 * It serves its own copy of the prepared data folder, so that neither API projects or
 * checkpoints the other's appends; the two draw distinct expenditures from one pool.
 *
 *   node -r @swc-node/register bench/http.bench.ts [--smoke]
 */
import autocannon from 'autocannon';
import { copyFileSync } from 'node:fs';
import { SqliteEventStore, loadAuditKey, writeCheckpoints } from '@app/event-store';
import { join } from 'node:path';
import { exited, forkTs, nextMessage } from './lib/children';
import { ensureHistory } from './lib/history-generator';
import { ensureReadModels } from './lib/read-model-cache';
import { tempDir } from './lib/raw-log';
import {
  finish,
  modeFromArgs,
  rateRow,
  runMain,
  type BenchResult,
  type Mode,
  type Row,
  type Target,
} from './lib/report';
import { interleave, median, samplesOf } from './lib/stats';
import type { HttpServerConfig, HttpServerReady } from './workers/http-server';

const SIZES: Record<
  Mode,
  {
    events: number;
    pending: number;
    rounds: number;
    seconds: number;
    warmup: number;
    connections: number;
  }
> = {
  full: { events: 20_000, pending: 60_000, rounds: 3, seconds: 5, warmup: 3, connections: 10 },
  smoke: { events: 2_000, pending: 5_000, rounds: 1, seconds: 0.5, warmup: 0.5, connections: 4 },
};

/** The API variants: all-in-one (as `npm start` runs it) and a scaled-out API replica. */
const APIS = [
  { name: 'approve', split: false },
  { name: 'approve-split', split: true },
] as const;

/**
 * A data folder as a deployment that is caught up has it: its follow-up processes'
 * checkpoint at the head (left at zero, the API would replay the whole log at start,
 * storing a checkpoint per event), and the log's signed audit checkpoints written (else the
 * API's periodic checkpointer would hash the whole history in the middle of the
 * measurement, in one go).
 */
async function prepare(dir: string, history: string, readModels: string): Promise<void> {
  copyFileSync(history, join(dir, 'events.sqlite'));
  copyFileSync(readModels, join(dir, 'read-models.sqlite'));
  const events = new SqliteEventStore({ file: join(dir, 'events.sqlite') });
  const head = await events.headPosition();
  if (head !== null) await events.checkpoints.store('follow-ups', head);
  const auditKey = loadAuditKey(dir, { create: true });
  if (auditKey) await writeCheckpoints(events, { key: auditKey, fullSegmentsOnly: true });
  await events.close();
}

/** Pause before each measured run, in ms. */
const SETTLE_MS: Record<Mode, number> = { full: 1000, smoke: 100 };

/** Idempotency keys are unique across every run of the process (a reused key answers 422). */
let key = 0;

interface Run {
  readonly rps: number;
  readonly p99: number;
  readonly requests: number;
  readonly non2xx: number;
  readonly errors: number;
  readonly statusCodes: Record<string, number>;
}

async function load(
  port: number,
  seconds: number,
  connections: number,
  path: () => string | null,
  headers: Record<string, string>,
): Promise<Run> {
  const result = await autocannon({
    url: `http://127.0.0.1:${port}`,
    connections,
    duration: seconds,
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: '{}',
    requests: [
      {
        setupRequest: (request) => {
          const next = path();
          if (next === null) return request;
          return {
            ...request,
            path: next,
            headers: { ...request.headers, 'idempotency-key': `bench-${process.pid}-${++key}` },
          };
        },
      },
    ],
  });
  return {
    rps: result.requests.total / seconds,
    p99: result.latency.p99,
    requests: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors,
    statusCodes: Object.fromEntries(
      Object.entries(result.statusCodeStats ?? {}).map(([code, s]) => [code, s.count ?? 0]),
    ),
  };
}

export async function runHttp(mode: Mode): Promise<BenchResult> {
  const started = Date.now();
  const sizes = SIZES[mode];
  const log = (m: string): void => console.log(`  ${m}`);
  const { file, manifest } = await ensureHistory(sizes.events, { pending: sizes.pending, log });
  const readModels = await ensureReadModels(file, log);
  const dirs = APIS.map(() => tempDir('bench-http-'));
  for (const tmp of dirs) await prepare(tmp.dir, file, readModels);
  const worker = join(__dirname, 'workers', 'http-server.ts');
  const spawn = (config: HttpServerConfig) => forkTs(worker, [JSON.stringify(config)]);
  const apps = APIS.map((api, i) =>
    spawn({ kind: 'app', dataDir: dirs[i]?.dir ?? '', split: api.split }),
  );
  const bare = spawn({ kind: 'bare' });
  try {
    const [bareReady, ...appsReady] = await Promise.all(
      [bare, ...apps].map((child) => nextMessage<HttpServerReady>(child, 120_000)),
    );
    if (!bareReady) throw new Error('the bare server did not start');
    const pending = manifest.pending.map((p) => p.id);
    // One cursor over the pool: every approval, of either API, a distinct expenditure.
    let next = 0;
    const sent = new Map<string, number>(APIS.map((api) => [api.name, 0]));
    const approvePath = (name: string) => (): string | null => {
      const id = pending[next++];
      sent.set(name, (sent.get(name) ?? 0) + 1);
      return id === undefined ? null : `/api/v1/expenditures/${id}/approve`;
    };
    const targetsOf = APIS.map((api, i) => {
      const ready = appsReady[i];
      if (!ready) throw new Error(`the ${api.name} API did not start`);
      return {
        name: api.name,
        port: ready.port,
        path: approvePath(api.name),
        auth: { authorization: `Bearer ${ready.token ?? ''}` },
      };
    });
    // Warm every server (JIT, statement caches) before measuring.
    await load(bareReady.port, sizes.warmup, 2, () => '/bare/x/approve', {});
    for (const t of targetsOf) await load(t.port, sizes.warmup, 2, t.path, t.auth);
    // A pause before each run: an API's projection runner finishes its backlog while no one
    // is measured, not during the next variant's run (two cores here).
    const settle = (): Promise<void> => new Promise((r) => setTimeout(r, SETTLE_MS[mode]));
    const samples = await interleave<Run>(sizes.rounds, [
      {
        name: 'bare',
        run: async () => {
          await settle();
          return load(
            bareReady.port,
            sizes.seconds,
            sizes.connections,
            () => '/bare/x/approve',
            {},
          );
        },
      },
      ...targetsOf.map((t) => ({
        name: t.name,
        run: async () => {
          await settle();
          return load(t.port, sizes.seconds, sizes.connections, t.path, t.auth);
        },
      })),
    ]);
    const approve = samplesOf(samples, 'approve');
    const split = samplesOf(samples, 'approve-split');
    const bareRuns = samplesOf(samples, 'bare');
    const throughput = rateRow(
      'POST approve expenditure vs bare Nest endpoint',
      'req/s',
      approve.map((r) => r.rps),
      bareRuns.map((r) => r.rps),
      'bare Nest 12 POST route, same machine, same load',
      median,
    );
    const replica = rateRow(
      'POST approve, API replica (projections, follow-ups off) vs bare Nest endpoint',
      'req/s',
      split.map((r) => r.rps),
      bareRuns.map((r) => r.rps),
      'bare Nest 12 POST route, same machine, same load',
      median,
    );
    const rows: Row[] = [
      throughput,
      {
        label: 'p99 latency, approve vs bare (ratio: bare ÷ approve)',
        unit: 'ms',
        subject: median(approve.map((r) => r.p99)),
        baseline: median(bareRuns.map((r) => r.p99)),
        baselineLabel: 'bare Nest 12 POST route',
        ratio: median(bareRuns.map((r) => r.p99)) / median(approve.map((r) => r.p99)),
      },
      replica,
      {
        label: 'p99 latency, API replica approve vs bare (ratio: bare ÷ approve)',
        unit: 'ms',
        subject: median(split.map((r) => r.p99)),
        baseline: median(bareRuns.map((r) => r.p99)),
        baselineLabel: 'bare Nest 12 POST route',
        ratio: median(bareRuns.map((r) => r.p99)) / median(split.map((r) => r.p99)),
      },
    ];
    const failed = [...approve, ...split].reduce((n, r) => n + r.non2xx + r.errors, 0);
    // Issue 20's goals: ≥ 0.4× all-in-one (the projection runner shares the process), ≥ 0.6×
    // on an API replica (the write path alone).
    const replicaRatio = replica.ratio ?? 0;
    const targets: Target[] = [
      {
        id: 'http-approve',
        what: 'approve-expenditure path ÷ bare Nest endpoint, all-in-one API',
        target: '≥ 0.4×',
        measured: throughput.ratio ?? 0,
        unit: '×',
        pass: (throughput.ratio ?? 0) >= 0.4,
      },
      {
        id: 'http-approve-replica',
        what: 'approve-expenditure path ÷ bare Nest endpoint, API replica',
        target: '≥ 0.6×',
        measured: replicaRatio,
        unit: '×',
        pass: replicaRatio >= 0.6,
      },
    ];
    if (next > pending.length) throw new Error('ran out of pending expenditures: raise `pending`');
    if (failed > 0) {
      const codes = [...approve, ...split].map((r) => JSON.stringify(r.statusCodes)).join(', ');
      throw new Error(`${failed} approve requests failed (status codes per run: ${codes})`);
    }
    const notes = [
      `${sizes.connections} connections, ${sizes.rounds} alternating runs of ${sizes.seconds} s each, after a ${sizes.warmup} s warm-up of each; ${manifest.events.toLocaleString('en-US')}-event history with ${pending.length.toLocaleString('en-US')} pending expenditures, read models projected beforehand`,
      'the API runs with BUDGET_RATE_LIMIT_PER_MINUTE=0 (the limiter would cap one client at 600 writes a minute), its follow-ups checkpoint at the head and the audit checkpoints of the history written (caught up)',
      'the target row is the all-in-one API (`npm start`: projection runner and follow-ups in the API process); the "API replica" rows are the same path on an API run as in a scaled-out deployment (BUDGET_PROJECTIONS=off, BUDGET_FOLLOW_UPS=off), on its own copy of the data folder: the projector that would project its appends is not started, so they measure the write path alone, not the time until the read models show the approval',
      `approvals sent: ${[...sent].map(([name, n]) => `${name} ${n.toLocaleString('en-US')}`).join(', ')} (distinct expenditures, of ${pending.length.toLocaleString('en-US')}); each run preceded by a ${SETTLE_MS[mode]} ms pause`,
      ...(failed > 0 ? [`${failed} approve requests failed (non-2xx or socket errors)`] : []),
    ];
    return await finish('http', mode, started, rows, targets, notes, {
      approve,
      bare: bareRuns,
      approveSplit: split,
      approvalsSent: next,
      approvalsSentBy: Object.fromEntries(sent),
    });
  } finally {
    for (const child of [...apps, bare]) child.disconnect();
    await Promise.all([...apps, bare].map((child) => exited(child)));
    for (const tmp of dirs) tmp.dispose();
  }
}

if (require.main === module) runMain(() => runHttp(modeFromArgs()));
