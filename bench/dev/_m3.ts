import { encodeBatch, chainedHash, encodeJson, encodeMetadataInput } from '@app/event-store';
import { planBatches } from '../lib/workload';
// eslint-disable-next-line
const main = require('/tmp/wr20/main-es/libs/event-store/src/encoding.ts');
// eslint-disable-next-line
const mainH = require('/tmp/wr20/main-es/libs/event-store/src/hashing.ts');
const batches = planBatches(100, 100);
const N = 10000;
const rec = '"2024-05-10T03:00:00.000Z"';
const variants: Record<string, () => number> = {
  canonical: () => { let s = 0; for (const b of batches) for (const e of b.events) s += encodeJson(e.data).length + encodeMetadataInput(e.metadata).length; return s; },
  mainEncode: () => { let s = 0; for (const b of batches) s += main.encodeBatch(b.streamId, b.events).length; return s; },
  mainEncodeStep: () => { let s = 0; for (const b of batches) { let prev = 'null'; let r = 0n; for (const e of main.encodeBatch(b.streamId, b.events)) { const h = mainH.chainStep(prev, r++, rec, e.digest); prev = `"${h}"`; s += h.length; } } return s; },
  v3Encode: () => { let s = 0; for (const b of batches) s += encodeBatch(b.streamId, b.events).length; return s; },
  v3EncodeHash: () => { let s = 0; for (const b of batches) { let prev = 'null'; let r = 0n; for (const e of encodeBatch(b.streamId, b.events)) { const h = chainedHash(prev, r++, rec, e.tail); prev = `"${h}"`; s += h.length; } } return s; },
};
const res: Record<string, number[]> = {};
for (let round = 0; round < 15; round++) {
  for (const [name, f] of Object.entries(variants)) {
    const t = process.cpuUsage(); f(); const u = process.cpuUsage(t);
    if (round >= 3) (res[name] ??= []).push((u.user + u.system) / N);
  }
}
for (const [name, v] of Object.entries(res)) { v.sort((a, b) => a - b); console.log(name.padEnd(16), v[Math.floor(v.length / 2)]!.toFixed(3), 'µs/event'); }
