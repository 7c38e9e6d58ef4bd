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
  readonly docs: readonly (string | null)[];
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
