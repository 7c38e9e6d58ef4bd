/**
 * EventStoreDB mode: what the adapter's reads cost a query and an append on a real server,
 * at 300 and 1000 events per stream (the stream lengths the sizing guide expects), beside
 * the raw client doing only what the operation needs. Runs only with a server
 * (EVENTSTORE_CONNECTION_STRING; `npm run test:servers` runs it): without one it prints a
 * SKIP line and yields no result.
 *
 * - headPosition (before every query, for read-your-writes): the adapter asks for one event
 *   first, more only while the events met are not the ledger's; baseline a raw one-event
 *   backwards read of $all. Measured with the log ending on a ledger event and with five
 *   checkpoint events on top (the follow-ups' checkpoint lands after the events).
 * - append (one event, exact expected revision): the adapter reads the tip, writes, reads
 *   the written event's position back; baseline a raw appendToStream with the same
 *   expected revision to a stream of the same length. Also timed, as a reference: the read
 *   every append made before issue 22 (the stream's latest 1000 + n events).
 *
 *   EVENTSTORE_CONNECTION_STRING=esdb://localhost:2113?tls=false \
 *     node -r @swc-node/register bench/eventstoredb.bench.ts [--smoke]
 */
import { randomUUID } from 'node:crypto';
import {
  BACKWARDS,
  END,
  EventStoreDBClient,
  jsonEvent,
  type ReadPosition,
} from '@eventstore/db-client';
import type { NewEvent } from '@app/event-store';
import { EventStoreDbEventStore } from '@app/event-store/eventstoredb';
import {
  finish,
  modeFromArgs,
  runMain,
  type BenchResult,
  type Mode,
  type Row,
  type Target,
} from './lib/report';
import { interleave, median, nowMs, percentile, samplesOf } from './lib/stats';

const STREAM_LENGTHS = [300, 1000];
const CALLS: Record<Mode, number> = { full: 300, smoke: 10 };

function event(): NewEvent {
  return {
    id: randomUUID(),
    type: 'ExpenditureApproved',
    schemaVersion: 1,
    data: { expenditureId: randomUUID(), amount: '2450000', approver: 'lu-dinh-tich' },
    metadata: {
      actor: 'lu-dinh-tich',
      correlationId: randomUUID(),
      causationId: null,
      effectiveDate: '2024-05-10',
    },
  };
}

async function drain(reads: AsyncIterable<unknown>): Promise<void> {
  for await (const _ of reads) void _;
}

/** A ledger stream of `length` events, written through the adapter. */
async function ledgerStream(store: EventStoreDbEventStore, length: number): Promise<string> {
  const stream = `bench-line-${randomUUID()}`;
  let revision: bigint | 'no_stream' = 'no_stream';
  for (let done = 0; done < length; done += 100) {
    const batch = Array.from({ length: Math.min(100, length - done) }, event);
    revision = (await store.append(stream, batch, { expectedRevision: revision }))
      .nextExpectedRevision;
  }
  return stream;
}

/** A raw stream of `length` events (no adapter metadata), for the raw appends. */
async function rawStream(client: EventStoreDBClient, length: number): Promise<string> {
  const stream = `bench-raw-${randomUUID()}`;
  for (let done = 0; done < length; done += 100) {
    const batch = Array.from({ length: Math.min(100, length - done) }, () =>
      jsonEvent({ type: 'Raw', data: { n: done } }),
    );
    await client.appendToStream(stream, batch);
  }
  return stream;
}

function timeRow(
  label: string,
  subject: number[],
  baseline?: number[],
  baselineLabel?: string,
): Row {
  const s = median(subject);
  if (!baseline) return { label, unit: 'ms', subject: s, samples: { subject } };
  const b = median(baseline);
  return {
    label,
    unit: 'ms',
    subject: s,
    baseline: b,
    ...(baselineLabel ? { baselineLabel } : {}),
    ratio: b / s,
    samples: { subject, baseline },
  };
}

async function timed(work: () => Promise<unknown>): Promise<number> {
  const started = nowMs();
  await work();
  return nowMs() - started;
}

export async function runEventStoreDb(mode: Mode): Promise<BenchResult | null> {
  const connectionString = process.env.EVENTSTORE_CONNECTION_STRING;
  if (!connectionString) {
    console.log(
      'SKIP eventstoredb benchmark: EVENTSTORE_CONNECTION_STRING is not set (npm run test:servers runs it against docker/compose.yml)',
    );
    return null;
  }
  const started = Date.now();
  const calls = CALLS[mode];
  const store = new EventStoreDbEventStore({ connectionString });
  const raw = EventStoreDBClient.connectionString(connectionString);
  const rows: Row[] = [];
  const targets: Target[] = [];
  try {
    for (const length of STREAM_LENGTHS) {
      const stream = await ledgerStream(store, length);
      const rawAppendsTo = await rawStream(raw, length);
      let revision = BigInt(length - 1);
      let rawRevision = BigInt(length - 1);

      const appends = await interleave(calls, [
        {
          name: 'adapter',
          run: () =>
            timed(async () => {
              revision = (await store.append(stream, [event()], { expectedRevision: revision }))
                .nextExpectedRevision;
            }),
        },
        {
          name: 'raw',
          run: () =>
            timed(async () => {
              rawRevision = (
                await raw.appendToStream(rawAppendsTo, jsonEvent({ type: 'Raw', data: {} }), {
                  expectedRevision: rawRevision,
                })
              ).nextExpectedRevision;
            }),
        },
        {
          name: 'former read',
          run: () =>
            timed(() =>
              drain(
                raw.readStream(stream, { direction: BACKWARDS, fromRevision: END, maxCount: 1001 }),
              ),
            ),
        },
      ]);
      const adapter = samplesOf(appends, 'adapter');
      rows.push(
        timeRow(
          `append 1 event, stream of ${length}`,
          adapter,
          samplesOf(appends, 'raw'),
          'raw appendToStream',
        ),
        timeRow(
          `former idempotency read (1000 + 1 events), stream of ${length}`,
          samplesOf(appends, 'former read'),
        ),
      );
      const ratio = median(adapter) / median(samplesOf(appends, 'raw'));
      targets.push({
        id: `esdb-append-${length}`,
        what: `append at ${length} events a stream ÷ a raw append`,
        target: '≤ 4× (tip read, write, position read back)',
        measured: ratio,
        unit: '×',
        pass: ratio <= 4,
      });

      const head = async (label: string) => {
        const samples = await interleave(calls, [
          { name: 'adapter', run: () => timed(() => store.headPosition()) },
          {
            name: 'raw',
            run: () =>
              timed(() =>
                drain(
                  raw.readAll({
                    direction: BACKWARDS,
                    fromPosition: END as ReadPosition,
                    maxCount: 1,
                  }),
                ),
              ),
          },
        ]);
        const subject = samplesOf(samples, 'adapter');
        rows.push(timeRow(label, subject, samplesOf(samples, 'raw'), 'raw 1-event $all read'));
        return subject;
      };
      const plain = await head(`headPosition, log ends with ours (stream of ${length})`);
      for (let i = 0; i < 5; i++) await store.checkpoints.store('bench-head', BigInt(i + 1));
      await head(`headPosition, 5 checkpoint events on top (stream of ${length})`);
      targets.push({
        id: `esdb-head-${length}`,
        what: `headPosition p99 at ${length} events a stream`,
        target: '≤ 20 ms',
        measured: percentile(plain, 99),
        unit: 'ms',
        pass: percentile(plain, 99) <= 20,
      });
    }
  } finally {
    await store.close();
    await raw.dispose();
  }
  return finish('eventstoredb', mode, started, rows, targets, [
    'times per call against the server in EVENTSTORE_CONNECTION_STRING; ratios are raw ÷ adapter (above 1: the adapter is faster)',
  ]);
}

if (require.main === module) {
  runMain(async () => {
    await runEventStoreDb(modeFromArgs());
  });
}
