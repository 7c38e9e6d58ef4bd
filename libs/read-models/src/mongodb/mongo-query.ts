import { Decimal128, type Document, type Filter as MongoFilter } from 'mongodb';
import type { Doc } from '../document-store.port';
import { WHOLE_DONG_PATTERN, type Clause } from '../sqlite/document-store.rules';

/* Documents, filters and sums as MongoDB writes and reads them. */

export const MAX_SAFE = Number.MAX_SAFE_INTEGER;
export interface StoredDoc {
  _id: string;
  [field: string]: unknown;
}

/** Documents only: the bookkeeping fields never leave the adapter. */
export const CLEAN = { projection: { _position: 0, _deleted: 0 } } as const;
/** Tombstones stay (see applyBatch) and are invisible to every read. */
export const LIVE = { _deleted: { $ne: true } } as const;

export function toDecimal(position: bigint): Decimal128 {
  return Decimal128.fromString(position.toString());
}

/**
 * A Decimal128 (or a number) holding an integer, as a bigint. Decimal128 prints integers
 * as plain digits unless the exponent is not zero (e.g. `1.2E+3`, or `5.000` from a
 * double), so both forms are read, and a non-zero fraction is refused.
 */
export function integerOf(value: unknown): bigint {
  const text = value instanceof Decimal128 ? value.toString() : String(value);
  const match = /^(-?)(\d+)(?:\.(\d+))?(?:E([+-]\d+))?$/i.exec(text);
  if (!match) throw new Error(`not an integer: ${text}`);
  const [, sign = '', whole = '', fraction = '', exponentText = '0'] = match;
  const exponent = Number(exponentText) - fraction.length;
  let digits = whole + fraction;
  if (exponent >= 0) digits += '0'.repeat(exponent);
  else {
    const dropped = digits.slice(exponent);
    if (/[^0]/.test(dropped)) throw new Error(`not an integer: ${text}`);
    digits = digits.slice(0, exponent) || '0';
  }
  const magnitude = BigInt(digits);
  return sign === '-' ? -magnitude : magnitude;
}

export function mongoField(field: string): string {
  return field === 'id' ? '_id' : field;
}

export function compileFilter(clauses: readonly Clause[]): MongoFilter<StoredDoc> {
  const filter: Record<string, Record<string, unknown>> = {};
  for (const clause of clauses) {
    const condition = (filter[mongoField(clause.field)] ??= {});
    switch (clause.kind) {
      case 'eq':
        // $eq: null matches a missing field too, as json_extract's NULL does on SQLite.
        condition.$eq = clause.value;
        break;
      case 'in':
        condition.$in = clause.values;
        break;
      case 'cmp':
        condition[clause.op] = clause.value;
        break;
    }
  }
  return { ...filter, ...LIVE };
}

/** Whole đồng, as SQLite checks it: a canonical ≤ 18-digit string or a safe integer. */
export function wholeDong(path: string): Document {
  return {
    $switch: {
      branches: [
        {
          case: { $eq: [{ $type: path }, 'string'] },
          then: { $regexMatch: { input: path, regex: WHOLE_DONG_PATTERN } },
        },
        {
          case: { $in: [{ $type: path }, ['int', 'long', 'double']] },
          then: {
            $and: [{ $eq: [path, { $trunc: path }] }, { $lte: [{ $abs: path }, MAX_SAFE] }],
          },
        },
      ],
      default: false,
    },
  };
}

export function toDoc(stored: Document): Doc {
  const { _id: id, ...rest } = stored;
  return { id: String(id), ...rest };
}

export function withoutId(doc: Doc): Document {
  const { id: _id, ...rest } = doc;
  return rest;
}
