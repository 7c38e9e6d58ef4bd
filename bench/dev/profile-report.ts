/**
 * A CPU profile (from http-profile.ts) by area of the request path, then the heaviest
 * functions by self time. Each sample goes to the nearest frame, from the leaf up, that
 * names an area (native frames name none, so they count for their caller's area).
 *
 *   node -r @swc-node/register bench/dev/profile-report.ts <file.cpuprofile> [top]
 */
import { readFileSync } from 'node:fs';

interface ProfileNode {
  readonly id: number;
  readonly callFrame: { readonly functionName: string; readonly url: string };
  readonly children?: readonly number[];
}

interface Profile {
  readonly nodes: readonly ProfileNode[];
  readonly samples: readonly number[];
}

const AREAS: readonly (readonly [string, (name: string, url: string) => boolean])[] = [
  ['gc', (name) => name === '(garbage collector)'],
  ['idle', (name) => name === '(idle)' || name === '(program)'],
  ['audit checkpointer', (_, url) => /audit\/|audit-checkpointer/.test(url)],
  ['idempotency', (_, url) => /idempotency/.test(url)],
  ['auth', (_, url) => /auth\.guard|credential|verified-tokens|bearer-token/.test(url)],
  ['throttler', (_, url) => /throttl|rate-limit/.test(url)],
  [
    'append (encode, hash, insert, commit)',
    (_, url) =>
      /group-commit|sqlite-appender|event-store\/src\/(encoding|hashing|canonical-json|validation|append-size)/.test(
        url,
      ),
  ],
  ['stream reads + decode', (_, url) => /sqlite-event-store|row-mapping|upcasting/.test(url)],
  ['fold/decide (application, domain)', (_, url) => /libs\/(application|budgeting)\//.test(url)],
  [
    'validation pipe',
    (_, url) => /class-validator|class-transformer|validation\.pipe|http\/validation/.test(url),
  ],
  ['logging (pino)', (_, url) => /pino/.test(url)],
  ['request id / AsyncLocalStorage', (_, url) => /request-id|async_hooks/.test(url)],
  [
    'body parsing',
    (_, url) => /body-parser|raw-body|body-depth|iconv|type-is|content-type/.test(url),
  ],
  ['security middleware', (_, url) => /security\.middleware|helmet|security-headers/.test(url)],
  ['controller', (_, url) => /apps\/api\/src/.test(url)],
  ['nest core + rxjs', (_, url) => /@nestjs|rxjs/.test(url)],
  [
    'express + router',
    (_, url) => /express|router|path-to-regexp|finalhandler|on-finished/.test(url),
  ],
  [
    'node http/net/streams',
    (_, url) => /^node:(_http|net|stream|internal\/(streams|http|stream_base))/.test(url),
  ],
  ['crypto (ids, hashes)', (_, url) => /crypto/.test(url)],
];

function percent(count: number, total: number): string {
  return ((100 * count) / total).toFixed(1).padStart(5);
}

function main(): void {
  const file = process.argv[2];
  if (!file) throw new Error('usage: profile-report.ts <file.cpuprofile> [top]');
  const top = Number(process.argv[3] ?? 30);
  const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes)
    for (const child of node.children ?? []) parent.set(child, node.id);
  const areaOf = (id: number): string => {
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const frame = byId.get(at)?.callFrame;
      const hit = frame && AREAS.find(([, test]) => test(frame.functionName, frame.url));
      if (hit) return hit[0];
    }
    return 'other';
  };
  const areas = new Map<string, number>();
  const self = new Map<string, number>();
  for (const id of profile.samples) {
    const area = areaOf(id);
    areas.set(area, (areas.get(area) ?? 0) + 1);
    const frame = byId.get(id)?.callFrame;
    const name = `${frame?.functionName || '(anonymous)'} ${frame?.url.replace(/.*node_modules\//, '') ?? ''}`;
    self.set(name, (self.get(name) ?? 0) + 1);
  }
  const total = profile.samples.length;
  console.log(`${total} samples\n--- by area`);
  for (const [area, count] of [...areas].sort((a, b) => b[1] - a[1])) {
    console.log(percent(count, total), area);
  }
  console.log('--- self time');
  for (const [name, count] of [...self].sort((a, b) => b[1] - a[1]).slice(0, top)) {
    console.log(percent(count, total), name);
  }
}

main();
