import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { IdempotencyConflictError, SqliteEventStore, verifyLog } from '@app/event-store';
import { anEvent, describeEventStoreContract, someEvents, uniqueStream } from '@app/testing';

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'budget-events-'));
}

describeEventStoreContract('embedded SQLite', {
  raceWorkers: 8,
  raceRounds: 10,
  open: (options = {}) => {
    const dir = tempDir();
    const file = join(dir, 'events.sqlite');
    const store = new SqliteEventStore({ file, ...options });
    const others: SqliteEventStore[] = [];
    return Promise.resolve({
      store,
      config: { kind: 'sqlite' as const, dataDir: dir },
      openAnother: (more = {}) => {
        const other = new SqliteEventStore({ file, ...more });
        others.push(other);
        return other;
      },
      dispose: async () => {
        await Promise.all([store, ...others].map((s) => s.close()));
        rmSync(dir, { recursive: true, force: true });
      },
    });
  },
});

describe('SqliteEventStore', () => {
  let dir: string;
  let file: string;
  let store: SqliteEventStore;
  beforeEach(() => {
    dir = tempDir();
    file = join(dir, 'events.sqlite');
    store = new SqliteEventStore({ file });
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps the log durable: WAL and synchronous=FULL', () => {
    const db = new Database(file, { readonly: true });
    try {
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    } finally {
      db.close();
    }
    // synchronous is per connection: read it from the store's own connection.
    const own = (store as unknown as { db: Database.Database }).db;
    expect(own.pragma('synchronous', { simple: true })).toBe(2n);
  });

  describe('when an event id of the batch is already committed in another stream', () => {
    it('refuses the whole batch: the events before it are rolled back', async () => {
      const taken = anEvent();
      await store.append(uniqueStream(), [taken], { expectedRevision: 'no_stream' });
      const stream = uniqueStream();
      const batch = [...someEvents(2), taken, anEvent()];
      await expect(
        store.append(stream, batch, { expectedRevision: 'no_stream' }),
      ).rejects.toBeInstanceOf(IdempotencyConflictError);
      expect(await store.readStream(stream)).toEqual([]);
      expect(await store.headPosition()).toBe(1n);
      const next = await store.append(stream, someEvents(1), { expectedRevision: 'no_stream' });
      expect(next.position).toBe(2n);
    });
  });

  it('refuses UPDATE and DELETE of events through SQL', async () => {
    await store.append(uniqueStream(), someEvents(1), { expectedRevision: 'no_stream' });
    const db = new Database(file);
    try {
      expect(() => db.prepare("UPDATE events SET data = '{}'").run()).toThrow(/immutable/);
      expect(() => db.prepare('DELETE FROM events').run()).toThrow(/never deleted/);
    } finally {
      db.close();
    }
  });

  describe('when a stored byte is changed behind the store', () => {
    const columns = [
      'event_id',
      'stream_id',
      'revision',
      'type',
      'schema_version',
      'data',
      'metadata',
      'previous_hash',
      'hash',
    ];

    const JSON_COLUMNS = new Set(['data', 'metadata']);

    /** The same JSON document with one value changed: a number plus one, or a string's first letter. */
    function retouched(json: string): string {
      const doc = JSON.parse(json) as Record<string, unknown>;
      const [name, value] = Object.entries(doc).find(([, v]) =>
        ['number', 'string'].includes(typeof v),
      )!;
      doc[name] = typeof value === 'number' ? value + 1 : `X${String(value).slice(1)}`;
      const result = JSON.stringify(doc);
      if (result === json) throw new Error('the tamper changed nothing');
      return result;
    }

    /** Flips one character of one column of the event at `position`, as someone with the file could. */
    function tamper(position: number, column: string): void {
      const db = new Database(file);
      try {
        db.exec('DROP TRIGGER events_are_immutable');
        const row = db
          .prepare(`SELECT ${column} AS v FROM events WHERE position = ?`)
          .get(position) as {
          v: string | number;
        };
        const text = String(row.v);
        const at = Math.floor(text.length / 2);
        const flipped = String.fromCharCode(text.charCodeAt(at) ^ 1);
        const changed = text.slice(0, at) + flipped + text.slice(at + 1);
        // Numbers move far enough not to collide with another row's unique key; JSON stays
        // valid JSON with one value changed, so that only the hash can notice.
        const value =
          typeof row.v === 'number'
            ? row.v + 1000
            : JSON_COLUMNS.has(column)
              ? retouched(text)
              : changed;
        db.prepare(`UPDATE events SET ${column} = ? WHERE position = ?`).run(value, position);
      } finally {
        db.close();
      }
    }

    it.each(columns)('verify fails at that event when %s changes', async (column) => {
      const a = uniqueStream('a');
      const b = uniqueStream('b');
      for (let i = 0; i < 3; i++) {
        await store.append(a, someEvents(2), { expectedRevision: 'any' });
        await store.append(b, someEvents(1), { expectedRevision: 'any' });
      }
      expect(await verifyLog(store)).toMatchObject({ ok: true, eventsChecked: 9 });
      tamper(5, column);
      const result = await verifyLog(store);
      expect(result.ok).toBe(false);
      expect(result.firstBroken?.position).toBe(5n);
      expect(result.eventsChecked).toBe(4);
      // A changed value in well-formed JSON is caught by the hash, not by the decoder.
      if (JSON_COLUMNS.has(column)) {
        expect(result.firstBroken?.reason).toMatch(/does not match its hash/);
      }
    });

    it('names the first event after a removed one', async () => {
      const stream = uniqueStream();
      await store.append(stream, someEvents(4), { expectedRevision: 'no_stream' });
      const db = new Database(file);
      try {
        db.exec('DROP TRIGGER events_are_never_deleted');
        db.prepare('DELETE FROM events WHERE position = 2').run();
      } finally {
        db.close();
      }
      expect(await verifyLog(store)).toMatchObject({ ok: false, firstBroken: { position: 3n } });
    });
  });
});
