import { checkCollection, type Clause, type SortKey } from './document-store.rules';

/*
 * Filters, sorts and sums as SQL over JSON documents: one spelling of each field's
 * expression, shared by the queries and the indexes so that SQLite uses the indexes.
 */

const MAX_SAFE = '9007199254740991';

/**
 * The table of a collection: `rm_` plus the name with each capital written as `_` and the
 * letter, and `_` as `__` (`lineBalances@2` → `rm_line_balances@2`). SQLite compares table
 * names case-insensitively while collection names are case-sensitive; this mapping is
 * injective and all lower case, so two collections never share a table.
 */
export function tableFor(collection: string): string {
  return `rm_${encodeName(checkCollection(collection))}`;
}

export function encodeName(name: string): string {
  return name.replace(/[A-Z_]/g, (c) => (c === '_' ? '__' : `_${c.toLowerCase()}`));
}

export function quote(identifier: string): string {
  return `"${identifier.replaceAll('"', '""')}"`;
}

/**
 * The one spelling of a field's value in SQL. Indexes are built on exactly this text, and
 * SQLite uses an expression index only when the query's expression matches it exactly.
 */
export function valueOf(field: string): string {
  return field === 'id' ? 'id' : `json_extract(doc, '$.${field}')`;
}

export function typeOf(field: string): string {
  return `json_type(doc, '$.${field}')`;
}

const NUMBER_TYPES = "('integer', 'real')";

function typesOf(values: readonly (string | number)[]): string {
  const types = new Set(values.map((v) => (typeof v === 'string' ? 'text' : 'number')));
  if (types.size === 2) return "('text', 'integer', 'real')";
  return types.has('text') ? "('text')" : NUMBER_TYPES;
}

const OPERATORS = { $lt: '<', $lte: '<=', $gt: '>', $gte: '>=' } as const;

export interface Compiled {
  readonly sql: string;
  readonly params: unknown[];
}

const MAX_IN_PARAMETERS = 256;

/**
 * `$in` as parameters. The planner uses an expression index for `IN (?, ?, …)` but, once
 * ANALYZE has run, not for `IN (SELECT value FROM json_each(?))`, whose size it cannot
 * know. Lists are padded to a power of two by repeating their last value (harmless in
 * IN), so that few statement shapes are cached; a very long list goes as one JSON
 * parameter.
 */
function inList(values: readonly (string | number)[]): Compiled {
  if (values.length > MAX_IN_PARAMETERS) {
    return { sql: '(SELECT value FROM json_each(?))', params: [JSON.stringify(values)] };
  }
  let size = 1;
  while (size < values.length) size *= 2;
  const params = [...values];
  while (params.length < size) params.push(values.at(-1)!);
  return { sql: `(${params.map(() => '?').join(', ')})`, params };
}

/**
 * A clause as SQL. Each comparison carries a json_type guard so that, as in MongoDB, a
 * string never matches a number, `true` never matches 1, and an object's JSON text never
 * matches a string; the index still serves the json_extract part.
 */
function compileClause(clause: Clause): Compiled {
  const { field } = clause;
  if (field === 'id') {
    // Ids are always strings: a condition on another type matches nothing.
    switch (clause.kind) {
      case 'eq':
        return typeof clause.value === 'string'
          ? { sql: 'id = ?', params: [clause.value] }
          : { sql: '0', params: [] };
      case 'in':
        return {
          sql: 'id IN (SELECT value FROM json_each(?))',
          params: [JSON.stringify(clause.values.filter((v) => typeof v === 'string'))],
        };
      case 'cmp':
        return typeof clause.value === 'string'
          ? { sql: `id ${OPERATORS[clause.op]} ?`, params: [clause.value] }
          : { sql: '0', params: [] };
    }
  }
  const value = valueOf(field);
  const type = typeOf(field);
  switch (clause.kind) {
    case 'eq':
      if (clause.value === null) return { sql: `${value} IS NULL`, params: [] };
      if (typeof clause.value === 'boolean') {
        return clause.value
          ? { sql: `${value} = 1 AND ${type} = 'true'`, params: [] }
          : { sql: `${value} = 0 AND ${type} = 'false'`, params: [] };
      }
      return {
        sql: `${value} = ? AND ${type} IN ${typesOf([clause.value])}`,
        params: [clause.value],
      };
    case 'in': {
      if (clause.values.length === 0) return { sql: '0', params: [] };
      const list = inList(clause.values);
      return {
        sql: `${value} IN ${list.sql} AND ${type} IN ${typesOf(clause.values)}`,
        params: list.params,
      };
    }
    case 'cmp':
      return {
        sql: `${value} ${OPERATORS[clause.op]} ? AND ${type} IN ${typesOf([clause.value])}`,
        params: [clause.value],
      };
  }
}

export function compileWhere(clauses: readonly Clause[]): Compiled {
  if (clauses.length === 0) return { sql: '', params: [] };
  const parts = clauses.map(compileClause);
  return {
    sql: ` WHERE ${parts.map((p) => p.sql).join(' AND ')}`,
    params: parts.flatMap((p) => p.params),
  };
}

export function compileOrder(sort: readonly SortKey[]): string {
  return ` ORDER BY ${sort.map((k) => `${valueOf(k.field)} ${k.direction === 1 ? 'ASC' : 'DESC'}`).join(', ')}`;
}

/**
 * Whole đồng, exactly as the port's rules say: a canonical decimal string of at most 18
 * digits (what CAST(... AS INTEGER) round-trips: no sign but '-', no leading zero, no
 * fraction, no overflow clamping) or a JSON integer within ±(2^53 − 1).
 */
export function wholeDong(field: string): string {
  const value = valueOf(field);
  return `CASE ${typeOf(field)}
    WHEN 'text' THEN CAST(CAST(${value} AS INTEGER) AS TEXT) = ${value} AND length(ltrim(${value}, '-')) <= 18
    WHEN 'integer' THEN ${value} BETWEEN -${MAX_SAFE} AND ${MAX_SAFE}
    ELSE 0 END`;
}
