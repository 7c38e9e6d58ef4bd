/**
 * One server of the HTTP benchmark under autocannon, for finding where a request's time
 * goes: `split` (the API as a replica), `aio` (all-in-one) or `bare`. Prints req/s, p99
 * and the server process's CPU per request (/proc utime+stime, so a loaded machine's
 * figures can still be compared side by side); with a folder, also a CPU profile of the
 * measured run only (bench/dev/profile-report.ts reads it). WARM: warm-up approvals
 * (default 400, enough to fold every line of the history once).
 *
 *   node -r @swc-node/register bench/dev/http-profile.ts [split|aio|bare] [seconds] [profile-dir]
 */
import autocannon from 'autocannon';
import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import { fork } from 'node:child_process';
import { join } from 'node:path';
import { SqliteEventStore, loadAuditKey, writeCheckpoints } from '@app/event-store';
import { exited, nextMessage } from '../lib/children';
import { ensureHistory } from '../lib/history-generator';
import { ensureReadModels } from '../lib/read-model-cache';
import { tempDir } from '../lib/raw-log';
import type { HttpServerReady } from '../workers/http-server';

async function main(): Promise<void> {
  const variant = process.argv[2] ?? 'split';
  const seconds = Number(process.argv[3] ?? 10);
  const profDir = process.argv[4];
  const log = (m: string): void => console.log(`  ${m}`);
  const { file, manifest } = await ensureHistory(20_000, { pending: 60_000, log });
  const readModels = await ensureReadModels(file, log);
  const tmp = tempDir('bench-http-prof-');
  copyFileSync(file, join(tmp.dir, 'events.sqlite'));
  copyFileSync(readModels, join(tmp.dir, 'read-models.sqlite'));
  const events = new SqliteEventStore({ file: join(tmp.dir, 'events.sqlite') });
  const head = await events.headPosition();
  if (head !== null) await events.checkpoints.store('follow-ups', head);
  const auditKey = loadAuditKey(tmp.dir, { create: true });
  if (auditKey) await writeCheckpoints(events, { key: auditKey, fullSegmentsOnly: true });
  await events.close();
  const config =
    variant === 'bare'
      ? { kind: 'bare' }
      : { kind: 'app', dataDir: tmp.dir, split: variant === 'split' };
  const child = fork(join(__dirname, '..', 'workers', 'http-server.ts'), [JSON.stringify(config)], {
    execArgv: [
      '-r',
      '@swc-node/register',
      ...(profDir ? ['-r', join(__dirname, 'profile-hook.ts')] : []),
    ],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const ready = await nextMessage<HttpServerReady>(child, 120_000);
  const pending = manifest.pending.map((p) => p.id);
  let next = 0;
  let key = 0;
  const run = (secs: number, connections: number, amount?: number) =>
    autocannon({
      ...(amount ? { amount } : {}),
      url: `http://127.0.0.1:${ready.port}`,
      connections,
      duration: secs,
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${ready.token ?? ''}`,
      },
      body: '{}',
      requests: [
        {
          setupRequest: (request) => ({
            ...request,
            path:
              variant === 'bare'
                ? '/bare/x/approve'
                : `/api/v1/expenditures/${pending[next++] ?? ''}/approve`,
            headers: { ...request.headers, 'idempotency-key': `prof-${process.pid}-${++key}` },
          }),
        },
      ],
    });
  await run(3, 4, Number(process.env.WARM ?? 400));
  const cpu = (): number => {
    const fields = readFileSync(`/proc/${child.pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    return (Number(fields[11]) + Number(fields[12])) * 10; // ms (USER_HZ 100)
  };
  if (profDir) {
    child.send({ profile: 'start' });
    await nextMessage(child, 10_000);
  }
  const before = cpu();
  const r = await run(seconds, 10);
  const used = cpu() - before;
  if (profDir) {
    mkdirSync(profDir, { recursive: true });
    child.send({ profile: 'stop', file: join(profDir, `${variant}-${Date.now()}.cpuprofile`) });
    await nextMessage(child, 30_000);
  }
  console.log(
    JSON.stringify({
      rps: r.requests.total / seconds,
      p99: r.latency.p99,
      non2xx: r.non2xx,
      cpuMsPerRequest: +(used / r.requests.total).toFixed(3),
      codes: Object.fromEntries(
        Object.entries(r.statusCodeStats ?? {}).map(([c, s]) => [c, s.count]),
      ),
    }),
  );
  child.disconnect();
  await exited(child);
  tmp.dispose();
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
