import Database from 'better-sqlite3';
import { fork } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  ConcurrencyError,
  encodeJson,
  hashEventV1,
  hashEventV2,
  hashVersionOf,
  IdempotencyConflictError,
  InvalidEventError,
  SqliteEventStore,
  verifyLog,
  type AppendResult,
  type EventMetadata,
} from '@app/event-store';
import { GROUP_COMMIT_CRASH_CHILD, anEvent, someEvents, uniqueStream } from '@app/testing';
import { SCHEMA_SQL } from './schema';

function outcome(settled: PromiseSettledResult<AppendResult>): AppendResult | Error {
  return settled.status === 'fulfilled' ? settled.value : (settled.reason as Error);
}

describe('SqliteEventStore group commit', () => {
  let dir: string;
  let file: string;
  let store: SqliteEventStore;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'budget-group-'));
    file = join(dir, 'events.sqlite');
    store = new SqliteEventStore({ file });
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  describe('when appends arrive together and one is refused', () => {
    it('rolls back only the refused one; the others are committed and answered', async () => {
      const taken = anEvent();
      const takenIn = uniqueStream();
      await store.append(takenIn, [taken], { expectedRevision: 'no_stream' });
      const streams = [uniqueStream(), uniqueStream(), uniqueStream(), uniqueStream()];
      const settled = await Promise.allSettled([
        store.append(streams[0]!, someEvents(2), { expectedRevision: 'no_stream' }),
        store.append(streams[1]!, someEvents(1), { expectedRevision: 5n }),
        store.append(streams[2]!, [anEvent(), taken], { expectedRevision: 'any' }),
        store.append(streams[3]!, [anEvent({ id: 'not-a-uuid' })], { expectedRevision: 'any' }),
        store.append(streams[3]!, someEvents(3), { expectedRevision: 'any' }),
      ]);
      const [first, stale, conflict, invalid, last] = settled.map(outcome);
      expect(first).toEqual({ nextExpectedRevision: 1n, position: 3n });
      expect(stale).toBeInstanceOf(ConcurrencyError);
      expect(conflict).toBeInstanceOf(IdempotencyConflictError);
      expect(invalid).toBeInstanceOf(InvalidEventError);
      expect(last).toEqual({ nextExpectedRevision: 2n, position: 6n });
      expect(await store.readStream(streams[1]!)).toEqual([]);
      expect(await store.readStream(streams[2]!)).toEqual([]);
      expect(await store.headPosition()).toBe(6n);
      expect(await verifyLog(store)).toMatchObject({ ok: true, eventsChecked: 6 });
    });
  });

  describe('when appends to one stream arrive together', () => {
    it('checks each expected revision against the tip the earlier ones left', async () => {
      const stream = uniqueStream();
      const retried = someEvents(2);
      const settled = await Promise.allSettled([
        store.append(stream, retried, { expectedRevision: 'no_stream' }),
        store.append(stream, someEvents(1), { expectedRevision: 1n }),
        store.append(stream, someEvents(1), { expectedRevision: 'no_stream' }),
        store.append(stream, retried, { expectedRevision: 'no_stream' }),
        store.append(stream, someEvents(2), { expectedRevision: 'any' }),
        store.append(stream, someEvents(1), { expectedRevision: 2n }),
      ]);
      const results = settled.map(outcome);
      expect(results[0]).toEqual({ nextExpectedRevision: 1n, position: 2n });
      expect(results[1]).toEqual({ nextExpectedRevision: 2n, position: 3n });
      expect(results[2]).toMatchObject({ actual: 2n });
      expect(results[2]).toBeInstanceOf(ConcurrencyError);
      // The retry of a batch committed earlier in the same group is the usual no-op.
      expect(results[3]).toEqual({ nextExpectedRevision: 1n, position: 2n });
      expect(results[4]).toEqual({ nextExpectedRevision: 4n, position: 5n });
      expect(results[5]).toMatchObject({ actual: 4n });
      const events = await store.readStream(stream);
      expect(events.map((e) => e.revision)).toEqual([0n, 1n, 2n, 3n, 4n]);
      expect(await verifyLog(store)).toMatchObject({ ok: true, eventsChecked: 5 });
    });
  });

  describe('when the COMMIT of a group fails', () => {
    it('rejects every caller of the group and writes none of it', async () => {
      await store.append(uniqueStream(), someEvents(1), { expectedRevision: 'any' });
      // A deferred foreign key is only checked at COMMIT: an event of this type breaks it.
      const db = (store as unknown as { db: Database.Database }).db;
      db.pragma('foreign_keys = ON');
      db.exec(`
        CREATE TABLE parent (id INTEGER PRIMARY KEY);
        CREATE TABLE child (p INTEGER REFERENCES parent (id) DEFERRABLE INITIALLY DEFERRED);
        CREATE TRIGGER fail_at_commit AFTER INSERT ON events WHEN NEW.type = 'FailsAtCommit'
        BEGIN INSERT INTO child VALUES (42); END;`);
      const settled = await Promise.allSettled([
        store.append(uniqueStream(), someEvents(2), { expectedRevision: 'any' }),
        store.append(uniqueStream(), [anEvent({ type: 'FailsAtCommit' })], {
          expectedRevision: 'any',
        }),
        store.append(uniqueStream(), someEvents(1), { expectedRevision: 'any' }),
      ]);
      expect(settled.map((s) => s.status)).toEqual(['rejected', 'rejected', 'rejected']);
      expect(await store.headPosition()).toBe(1n);
      const next = await store.append(uniqueStream(), someEvents(1), { expectedRevision: 'any' });
      expect(next.position).toBe(2n);
    });
  });

  describe('when the store is closed with appends pending', () => {
    it('commits and answers them first, then refuses new ones', async () => {
      const stream = uniqueStream();
      const pending = [1, 2, 3].map(() =>
        store.append(stream, someEvents(1), { expectedRevision: 'any' }),
      );
      await store.close();
      expect((await Promise.all(pending)).map((r) => r.nextExpectedRevision)).toEqual([0n, 1n, 2n]);
      await expect(
        store.append(stream, someEvents(1), { expectedRevision: 'any' }),
      ).rejects.toThrow(/closed/);
      store = new SqliteEventStore({ file });
      expect(await store.readStream(stream)).toHaveLength(3);
    });
  });

  describe('when the caller holds a transaction on the connection (a bulk loader)', () => {
    it('appends at once as a savepoint of it', () => {
      const db = (store as unknown as { db: Database.Database }).db;
      const stream = uniqueStream();
      let inside: Promise<AppendResult> | undefined;
      db.transaction(() => {
        inside = store.append(stream, someEvents(2), { expectedRevision: 'no_stream' });
      })();
      const count = db.prepare('SELECT count(*) AS n FROM events').get() as { n: bigint };
      expect(count.n).toBe(2n);
      return expect(inside).resolves.toEqual({ nextExpectedRevision: 1n, position: 2n });
    });

    it('trusts no tip from it once the caller rolls it back', async () => {
      const db = (store as unknown as { db: Database.Database }).db;
      const stream = uniqueStream();
      await store.append(stream, someEvents(1), { expectedRevision: 'no_stream' });
      expect(() =>
        db.transaction(() => {
          void store.append(stream, someEvents(2), { expectedRevision: 0n });
          throw new Error('the loader gives up');
        })(),
      ).toThrow('the loader gives up');
      expect(await store.readStream(stream, { fromRevision: 1n })).toEqual([]);
      await expect(
        store.append(stream, someEvents(1), { expectedRevision: 2n }),
      ).rejects.toBeInstanceOf(ConcurrencyError);
      await store.append(stream, someEvents(1), { expectedRevision: 0n });
      expect(await verifyLog(store)).toMatchObject({ ok: true, eventsChecked: 2 });
    });
  });

  describe('when another connection appends to a stream this one wrote last (known tips)', () => {
    it('a read from past the tip sees its events, and the next append chains onto them', async () => {
      const stream = uniqueStream();
      await store.append(stream, someEvents(2), { expectedRevision: 'no_stream' });
      // Remembered from this connection's own commit: nothing newer, without a query.
      expect(await store.readStream(stream, { fromRevision: 2n })).toEqual([]);
      const other = new SqliteEventStore({ file });
      try {
        await other.append(stream, someEvents(1), { expectedRevision: 1n });
      } finally {
        await other.close();
      }
      expect((await store.readStream(stream, { fromRevision: 2n })).map((e) => e.revision)).toEqual(
        [2n],
      );
      await expect(
        store.append(stream, someEvents(1), { expectedRevision: 1n }),
      ).rejects.toBeInstanceOf(ConcurrencyError);
      await store.append(stream, someEvents(1), { expectedRevision: 2n });
      const events = await store.readStream(stream);
      expect(events.map((e) => e.previousHash)).toEqual([
        null,
        events[0]!.hash,
        events[1]!.hash,
        events[2]!.hash,
      ]);
      expect(await verifyLog(store)).toMatchObject({ ok: true, eventsChecked: 4 });
    });

    it('each of two connections taking turns on one stream chains onto the other', async () => {
      const stream = uniqueStream();
      const other = new SqliteEventStore({ file });
      try {
        for (let revision = 0n; revision < 6n; revision++) {
          const writer = revision % 2n === 0n ? store : other;
          const reader = writer === store ? other : store;
          await writer.append(stream, someEvents(1), {
            expectedRevision: revision === 0n ? 'no_stream' : revision - 1n,
          });
          expect(await reader.readStream(stream, { fromRevision: revision })).toHaveLength(1);
        }
      } finally {
        await other.close();
      }
      expect(await verifyLog(store)).toMatchObject({ ok: true, eventsChecked: 6 });
    });
  });

  describe('when a group holds an append of more rows than one INSERT takes', () => {
    it('rolls that append back alone when its second statement fails', async () => {
      const taken = anEvent();
      await store.append(uniqueStream(), [taken], { expectedRevision: 'no_stream' });
      const big = uniqueStream();
      const small = uniqueStream();
      const settled = await Promise.allSettled([
        store.append(small, someEvents(1), { expectedRevision: 'no_stream' }),
        // The 60th event's id is taken: its INSERT (the second of 50 rows each) fails.
        store.append(big, [...someEvents(59), taken], { expectedRevision: 'no_stream' }),
        store.append(small, someEvents(1), { expectedRevision: 0n }),
      ]);
      const [first, refused, last] = settled.map(outcome);
      expect(first).toEqual({ nextExpectedRevision: 0n, position: 2n });
      expect(refused).toBeInstanceOf(IdempotencyConflictError);
      expect(last).toEqual({ nextExpectedRevision: 1n, position: 3n });
      expect(await store.readStream(big)).toEqual([]);
      await store.append(big, someEvents(60), { expectedRevision: 'no_stream' });
      expect(await verifyLog(store)).toMatchObject({ ok: true, eventsChecked: 63 });
    });
  });
});

describe.each([
  {
    format: 'v1',
    hash: hashEventV1,
    text: (value: unknown) => JSON.stringify(value),
  },
  {
    format: 'v2',
    hash: hashEventV2,
    // v2 stored the canonical texts it hashed, the recorded time last in the metadata.
    text: (value: unknown) => encodeJson(value),
  },
])('a log written with hash format $format', ({ format, hash: hashOf, text }) => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), `budget-${format}-`));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  function writeOldLog(file: string, stream: string, userVersion: number): void {
    const db = new Database(file);
    db.exec(SCHEMA_SQL);
    db.pragma(`user_version = ${userVersion}`);
    let previousHash: string | null = null;
    someEvents(3).forEach((event, i) => {
      const metadata: EventMetadata = { ...event.metadata, recordedAt: '2024-01-01T00:00:00.000Z' };
      const revision = BigInt(i);
      const hash = hashOf({ ...event, streamId: stream, revision, metadata, previousHash });
      db.prepare(
        `INSERT INTO events (event_id, stream_id, revision, type, schema_version, data, metadata, previous_hash, hash)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(
        event.id,
        stream,
        revision,
        event.type,
        event.schemaVersion,
        text(event.data),
        text(metadata),
        previousHash,
        hash,
      );
      previousHash = hash;
    });
    db.close();
  }

  it('still verifies, and v3 events chain onto it', async () => {
    const file = join(dir, 'events.sqlite');
    const stream = 'budget-line-old';
    writeOldLog(file, stream, format === 'v1' ? 1 : 2);
    const store = new SqliteEventStore({ file });
    try {
      expect(await verifyLog(store)).toMatchObject({ ok: true, eventsChecked: 3 });
      const before = await store.readStream(stream);
      expect(before.map((e) => hashVersionOf(e.hash))).toEqual(
        Array(3).fill(format === 'v1' ? 1 : 2),
      );
      await store.append(stream, someEvents(2), { expectedRevision: 2n });
      const events = await store.readStream(stream);
      expect(events[3]?.previousHash).toBe(events[2]?.hash);
      expect(events[3]?.hash).toMatch(/^v3:[0-9a-f]{64}$/);
      expect(await verifyLog(store)).toMatchObject({ ok: true, eventsChecked: 5 });
      // Marked, so that a program knowing only older formats refuses the file rather than misreport it.
      const own = (store as unknown as { db: Database.Database }).db;
      expect(Number(own.pragma('user_version', { simple: true }))).toBe(3);
    } finally {
      await store.close();
    }
  });

  it('names an old event changed in place, under its own format, beneath v3 events', async () => {
    const file = join(dir, 'events.sqlite');
    const stream = 'budget-line-old';
    writeOldLog(file, stream, format === 'v1' ? 1 : 2);
    const store = new SqliteEventStore({ file });
    try {
      await store.append(stream, someEvents(2), { expectedRevision: 2n });
      const own = (store as unknown as { db: Database.Database }).db;
      own.exec('DROP TRIGGER events_are_immutable');
      const [second] = await store.readStream(stream, { fromRevision: 1n, maxCount: 1 });
      own
        .prepare('UPDATE events SET data = ? WHERE position = ?')
        .run(text({ ...second?.data, forged: '1' }), second?.position);
      expect(await verifyLog(store)).toMatchObject({
        ok: false,
        eventsChecked: 1,
        firstBroken: { position: second?.position, reason: expect.stringMatching(/content/) },
      });
    } finally {
      await store.close();
    }
  });
});

interface Ack {
  readonly kind: string;
  readonly batchId?: string;
  readonly size?: number;
  readonly message?: string;
}

describe('when the appending process is killed in the middle of groups', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'budget-group-crash-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps every acknowledged batch whole and loses only unanswered ones', async () => {
    const file = join(dir, 'events.sqlite');
    const acked = new Map<string, number>();
    for (let kill = 0; kill < 3; kill++) {
      const child = fork(GROUP_COMMIT_CRASH_CHILD, [file, `k${kill}`], {
        execArgv: ['-r', '@swc-node/register'],
        stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
      });
      const exited = new Promise<NodeJS.Signals | null>((resolve) =>
        child.once('exit', (_code, signal) => resolve(signal)),
      );
      let acks = 0;
      const enough = new Promise<void>((resolve, reject) => {
        child.on('message', (m: Ack) => {
          if (m.kind === 'error') reject(new Error(m.message));
          if (m.kind !== 'ack' || !m.batchId) return;
          acked.set(m.batchId, m.size ?? 0);
          // Killed at a different moment each time: after 10, 25 or 40 acknowledged appends.
          if (++acks === 10 + 15 * kill) resolve();
        });
        child.once('exit', () => reject(new Error('the child ended before it was killed')));
      });
      await enough;
      child.kill('SIGKILL');
      expect(await exited).toBe('SIGKILL');
    }
    const db = new Database(file);
    const present = new Map<string, { size: number; indexes: number[] }>();
    try {
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      const rows = db
        .prepare(`SELECT data FROM events WHERE type = 'GroupBatchAppended' ORDER BY position`)
        .all() as { data: string }[];
      for (const row of rows) {
        const data = JSON.parse(row.data) as { batchId: string; size: number; index: number };
        const batch = present.get(data.batchId) ?? { size: data.size, indexes: [] };
        batch.indexes.push(data.index);
        present.set(data.batchId, batch);
      }
    } finally {
      db.close();
    }
    for (const [batchId, batch] of present) {
      expect({ batchId, indexes: batch.indexes }).toEqual({
        batchId,
        indexes: Array.from({ length: batch.size }, (_, i) => i),
      });
    }
    expect([...acked.keys()].filter((id) => !present.has(id))).toEqual([]);
    const store = new SqliteEventStore({ file });
    try {
      expect(await verifyLog(store)).toMatchObject({ ok: true });
    } finally {
      await store.close();
    }
  }, 120_000);
});
