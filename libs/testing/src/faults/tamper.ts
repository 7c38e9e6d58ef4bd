import type Database from 'better-sqlite3';
import { randomBytes, randomUUID } from 'node:crypto';
import { AUDIT_STREAM, hashEvent, type EventMetadata, type JsonObject } from '@app/event-store';
import type { SeededRandom } from '../history/seeded-random';

/**
 * Ways someone holding the database file can change history, for the tampering suite.
 * Each works on a copy of a log whose checkpoints cover up to `covered`, and says where
 * verification must point:
 * - `exact`: this position, named exactly (`chainOk`: the hash chain alone cannot see it);
 * - `within`: a range that must contain `truth` (the exported root alone knows);
 * - `rejected`: the checkpoint file itself must be refused, with this code.
 */
export type Expectation =
  | {
      readonly kind: 'exact';
      readonly position: bigint;
      readonly chainOk?: boolean;
      /** False when events just before may be unprovable (a cut tail): the position still holds. */
      readonly provenBefore?: boolean;
    }
  | { readonly kind: 'within'; readonly truth: bigint }
  | { readonly kind: 'rejected'; readonly code: string };

export interface Row {
  position: bigint;
  event_id: string;
  stream_id: string;
  revision: bigint;
  type: string;
  schema_version: bigint;
  data: string;
  metadata: string;
  previous_hash: string | null;
  hash: string;
}

export interface TamperContext {
  readonly db: Database.Database;
  readonly random: SeededRandom;
  /** The last position the exported checkpoint covers. */
  readonly covered: bigint;
  /** Appends through the store (for "truncated, then the system carried on"). */
  readonly appendMore: (count: number) => Promise<void>;
}

export type Tamper = (c: TamperContext) => Promise<Expectation> | Expectation;

function rows(db: Database.Database): Row[] {
  return db.prepare<[], Row>('SELECT * FROM events ORDER BY position').all();
}

function contentHash(row: Row, change: Partial<Row> = {}): string {
  const r = { ...row, ...change };
  return hashEvent({
    id: r.event_id,
    streamId: r.stream_id,
    revision: r.revision,
    type: r.type,
    schemaVersion: Number(r.schema_version),
    data: JSON.parse(r.data) as JsonObject,
    metadata: JSON.parse(r.metadata) as EventMetadata,
    previousHash: r.previous_hash,
  });
}

const COLUMNS = [
  'event_id',
  'stream_id',
  'revision',
  'type',
  'schema_version',
  'data',
  'metadata',
  'previous_hash',
  'hash',
] as const;

function write(db: Database.Database, position: bigint, row: Partial<Row>): void {
  const set = Object.keys(row).filter((k) => k !== 'position');
  db.prepare(
    `UPDATE events SET ${set.map((k) => `${k} = @${k}`).join(', ')} WHERE position = @at`,
  ).run({
    ...Object.fromEntries(set.map((k) => [k, row[k as keyof Row]])),
    at: position,
  });
}

/** Events (not checkpoints) the exported checkpoint covers, with the position after each. */
function candidates(
  c: TamperContext,
  filter: (row: Row, next: Row | undefined) => boolean = () => true,
): Row[] {
  const all = rows(c.db);
  return all.filter(
    (r, i) => r.position <= c.covered && r.stream_id !== AUDIT_STREAM && filter(r, all[i + 1]),
  );
}

function nextPosition(db: Database.Database, after: bigint): bigint {
  const row = db
    .prepare<[bigint], { p: bigint }>('SELECT min(position) AS p FROM events WHERE position > ?')
    .get(after);
  if (row?.p === null || row?.p === undefined) throw new Error(`no event after ${after}`);
  return row.p;
}

/** Re-links every later event of the row's stream to its new hash, as a careful forger would. */
function relinkStream(db: Database.Database, from: Row, newHash: string): void {
  let previous = newHash;
  const later = db
    .prepare<[string, bigint], Row>(
      'SELECT * FROM events WHERE stream_id = ? AND revision > ? ORDER BY revision',
    )
    .all(from.stream_id, from.revision);
  for (const r of later) {
    const hash = contentHash(r, { previous_hash: previous });
    write(db, r.position, { previous_hash: previous, hash });
    previous = hash;
  }
}

function swapContents(db: Database.Database, a: Row, b: Row): void {
  // Through a placeholder: event ids and (stream, revision) are unique.
  write(db, a.position, { event_id: `swap-${randomUUID()}`, revision: -1n - a.position });
  write(db, b.position, Object.fromEntries(COLUMNS.map((k) => [k, a[k]])));
  write(db, a.position, Object.fromEntries(COLUMNS.map((k) => [k, b[k]])));
}

function changedData(row: Row): string {
  const data = JSON.parse(row.data) as Record<string, unknown>;
  return JSON.stringify({ ...data, amount: '999999999', tampered: true });
}

export const TAMPERS: Readonly<Record<string, Tamper>> = {
  'data changed': (c) => {
    const row = c.random.pick(candidates(c));
    write(c.db, row.position, { data: changedData(row) });
    return { kind: 'exact', position: row.position };
  },
  'metadata changed': (c) => {
    const row = c.random.pick(candidates(c));
    const metadata = { ...(JSON.parse(row.metadata) as object), actor: 'someone-else' };
    write(c.db, row.position, { metadata: JSON.stringify(metadata) });
    return { kind: 'exact', position: row.position };
  },
  'type changed': (c) => {
    const row = c.random.pick(candidates(c));
    write(c.db, row.position, { type: `${row.type}Corrected` });
    return { kind: 'exact', position: row.position };
  },
  'hash column changed': (c) => {
    const row = c.random.pick(candidates(c));
    write(c.db, row.position, { hash: randomBytes(32).toString('hex') });
    return { kind: 'exact', position: row.position };
  },
  'data changed and its own hash recomputed': (c) => {
    const row = c.random.pick(candidates(c));
    const data = changedData(row);
    write(c.db, row.position, { data, hash: contentHash(row, { data }) });
    return { kind: 'exact', position: row.position };
  },
  'stream rewritten with a consistent hash chain': (c) => {
    const row = c.random.pick(candidates(c));
    const data = changedData(row);
    const hash = contentHash(row, { data });
    write(c.db, row.position, { data, hash });
    relinkStream(c.db, row, hash);
    return { kind: 'exact', position: row.position, chainOk: true };
  },
  'two events of one stream swapped': (c) => {
    const all = candidates(c);
    const pairs = all.filter((r) =>
      all.some((o) => o.stream_id === r.stream_id && o.position > r.position),
    );
    const a = c.random.pick(pairs);
    const b = c.random.pick(
      all.filter((o) => o.stream_id === a.stream_id && o.position > a.position),
    );
    swapContents(c.db, a, b);
    return { kind: 'exact', position: a.position };
  },
  'neighbouring events of two streams swapped': (c) => {
    const row = c.random.pick(
      candidates(
        c,
        (r, next) =>
          next !== undefined &&
          next.position <= c.covered &&
          next.stream_id !== r.stream_id &&
          next.stream_id !== AUDIT_STREAM,
      ),
    );
    const next = rows(c.db).find((r) => r.position > row.position)!;
    swapContents(c.db, row, next);
    return { kind: 'exact', position: row.position, chainOk: true };
  },
  'event deleted': (c) => {
    const row = c.random.pick(candidates(c, (_r, next) => next !== undefined));
    c.db.prepare('DELETE FROM events WHERE position = ?').run(row.position);
    return { kind: 'exact', position: nextPosition(c.db, row.position) };
  },
  'event inserted (positions renumbered)': (c) => {
    const row = c.random.pick(candidates(c));
    const shift = 1_000_000_000n;
    c.db
      .prepare('UPDATE events SET position = position + ? WHERE position >= ?')
      .run(shift, row.position);
    c.db
      .prepare('UPDATE events SET position = position - ? WHERE position >= ?')
      .run(shift - 1n, shift + row.position);
    const forged: Row = {
      position: row.position,
      event_id: randomUUID(),
      stream_id: `budget-line-2024.DA7.TDA1.central.2024.FORGED-${c.random.int(0, 1e6)}`,
      revision: 0n,
      type: 'FundsAllocated',
      schema_version: 1n,
      data: JSON.stringify({ amount: '500000000', decision: '1/QĐ-UBND' }),
      metadata: row.metadata,
      previous_hash: null,
      hash: '',
    };
    forged.hash = contentHash(forged);
    c.db
      .prepare(
        `INSERT INTO events (position, ${COLUMNS.join(', ')}) VALUES (@position, ${COLUMNS.map((k) => `@${k}`).join(', ')})`,
      )
      .run(forged);
    return { kind: 'exact', position: row.position, chainOk: true };
  },
  'log truncated': (c) => {
    const all = candidates(c);
    const cut = c.random.pick(all.slice(0, -1)).position;
    c.db.prepare('DELETE FROM events WHERE position > ?').run(cut);
    return { kind: 'exact', position: cut + 1n, chainOk: true, provenBefore: false };
  },
  'log truncated, then the system carried on': async (c) => {
    const all = candidates(c);
    const cut = c.random.pick(all.slice(0, -1)).position;
    c.db.prepare('DELETE FROM events WHERE position > ?').run(cut);
    await c.appendMore(c.random.int(1, 30));
    return { kind: 'exact', position: cut + 1n, chainOk: true, provenBefore: false };
  },
  'log truncated and rewritten at the same positions': async (c) => {
    const all = candidates(c);
    const cut = c.random.pick(all.slice(0, -1)).position;
    c.db.prepare('DELETE FROM events WHERE position > ?').run(cut);
    // Positions handed out again from the cut, so that the counts may even agree.
    c.db.prepare("UPDATE sqlite_sequence SET seq = ? WHERE name = 'events'").run(cut);
    await c.appendMore(Number(c.covered - cut) + c.random.int(0, 5));
    return { kind: 'within', truth: cut + 1n };
  },
  'stored checkpoint edited': (c) => {
    const row = c.random.pick(rows(c.db).filter((r) => r.stream_id === AUDIT_STREAM));
    const data = { ...(JSON.parse(row.data) as object), root: randomBytes(32).toString('hex') };
    write(c.db, row.position, { data: JSON.stringify(data) });
    return { kind: 'exact', position: row.position };
  },
  'stored checkpoint forged, hash chain kept consistent': (c) => {
    const row = c.random.pick(rows(c.db).filter((r) => r.stream_id === AUDIT_STREAM));
    const data = JSON.stringify({
      ...(JSON.parse(row.data) as object),
      root: randomBytes(32).toString('hex'),
    });
    const hash = contentHash(row, { data });
    write(c.db, row.position, { data, hash });
    relinkStream(c.db, row, hash);
    return { kind: 'exact', position: row.position, chainOk: true };
  },
  'stored checkpoint deleted': (c) => {
    const row = c.random.pick(
      rows(c.db).filter((r) => r.stream_id === AUDIT_STREAM && r.position <= c.covered),
    );
    c.db.prepare('DELETE FROM events WHERE position = ?').run(row.position);
    return { kind: 'exact', position: nextPosition(c.db, row.position) };
  },
};
