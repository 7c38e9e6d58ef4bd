import type { Write } from '../document-store.port';
import { planBatch } from './document-store.rules';
import { tableFor } from './sqlite-sql';

/**
 * A batch as the SQLite store writes it: checked, its documents already JSON text, keyed
 * by table. Plain data (strings and arrays), so the bulk writer can post it to its thread
 * as it is: the encoding stays on the thread that evolved the documents (a typed state is
 * mutated in place by later events, so it must be encoded when its batch is handed over),
 * the inserts and the commit go wherever the batch is written.
 */
export interface EncodedBatch {
  readonly projection: string;
  /** Decimal text, as the checkpoints table stores it. */
  readonly position: string;
  readonly version: number;
  /** Per table: ids, and each one's JSON document (null: delete it). */
  readonly tables: readonly EncodedTable[];
}

export interface EncodedTable {
  readonly table: string;
  readonly ids: readonly string[];
  /** JSON text, or its UTF-8 bytes (a packed batch's view); null: delete. */
  readonly docs: readonly (string | Uint8Array | null)[];
}

/**
 * A batch's documents as one buffer of UTF-8 JSON texts, for another thread: posted as a
 * transfer (no copy, no string rebuilt on the other side; SQLite copies each text from
 * it). `ends[i]` is where document i ends in `text`, -1 for a delete.
 */
export interface PackedBatch {
  readonly projection: string;
  readonly position: string;
  readonly version: number;
  readonly tables: readonly {
    readonly table: string;
    readonly ids: readonly string[];
    readonly ends: readonly number[];
  }[];
  readonly text: ArrayBuffer;
}

/**
 * Where packBatch writes a batch's text before copying it into the buffer it posts: kept
 * between batches (a thread's batches are packed one at a time), so each batch costs one
 * UTF-8 write per document and one copy, not a length scan per document first.
 */
let scratch = Buffer.allocUnsafe(1 << 20);

/** Packs an encoded batch (its documents' text in one buffer, UTF-8). */
export function packBatch(batch: EncodedBatch): PackedBatch {
  let at = 0;
  const tables = batch.tables.map(({ table, ids, docs }) => ({
    table,
    ids,
    ends: docs.map((doc) => {
      if (typeof doc !== 'string') return -1;
      // UTF-8 takes at most 3 bytes per UTF-16 unit: room for the worst case, then the
      // write reports what it took.
      const room = at + 3 * doc.length;
      if (room > scratch.length) {
        const grown = Buffer.allocUnsafe(Math.max(room, 2 * scratch.length));
        scratch.copy(grown, 0, 0, at);
        scratch = grown;
      }
      at += scratch.write(doc, at);
      return at;
    }),
  }));
  // Exactly sized, not the worst case: the buffer lives until the thread's garbage
  // collector frees it, so its size counts in the rebuild's peak memory.
  const text = new ArrayBuffer(at);
  new Uint8Array(text).set(scratch.subarray(0, at));
  return {
    projection: batch.projection,
    position: batch.position,
    version: batch.version,
    tables,
    text,
  };
}

/** The encoded batch a packed one holds, its documents views into the buffer. */
export function unpackBatch(packed: PackedBatch): EncodedBatch {
  let start = 0;
  const tables = packed.tables.map(({ table, ids, ends }) => ({
    table,
    ids,
    docs: ends.map((end) => {
      if (end < 0) return null;
      const doc = Buffer.from(packed.text, start, end - start);
      start = end;
      return doc;
    }),
  }));
  return {
    projection: packed.projection,
    position: packed.position,
    version: packed.version,
    tables,
  };
}

/** Checks a batch (the port's rules) and encodes its documents: one code for every write path. */
export function encodeBatch(
  projection: string,
  writes: readonly Write[],
  position: bigint,
  version: number,
): EncodedBatch {
  const plan = planBatch(projection, writes, position, version);
  const tables: EncodedTable[] = [];
  for (const [collection, byId] of plan) {
    const ids: string[] = [];
    const docs: (string | null)[] = [];
    for (const [id, write] of byId) {
      ids.push(id);
      docs.push(write.op === 'put' ? JSON.stringify(write.doc) : null);
    }
    tables.push({ table: tableFor(collection), ids, docs });
  }
  return { projection, position: position.toString(), version, tables };
}

/** Rough size of a batch in memory (its JSON text), for the bulk writer's back-pressure. */
export function batchBytes(batch: EncodedBatch): number {
  let bytes = 0;
  for (const { ids, docs } of batch.tables) {
    for (let i = 0; i < ids.length; i++) bytes += ids[i]!.length + (docs[i]?.length ?? 0);
  }
  return bytes;
}
