/**
 * The canonical JSON of hash formats v2 and v3: the same bytes as `canonicalJson` (keys sorted by
 * UTF-16 code units, undefined members dropped) for every value JSON carries faithfully,
 * built by concatenation because it runs once per event on the append path (about 1.5×
 * the cost of JSON.stringify, where the generic `canonicalJson` costs 3.5×).
 *
 * It refuses, rather than guesses at, what JSON cannot carry: the text it returns is both
 * what is stored and what is hashed, and the verifier re-derives it from the parsed text,
 * so `JSON.parse` then `encodeJson` must give the same text back. Hence no bigint (JSON
 * has no integer of that size; money is a decimal string), no `toJSON` objects (a Date
 * would be stored as a string but is an object to the encoder), no undefined in arrays,
 * no non-finite numbers, no functions or symbols.
 */

/** Characters JSON.stringify escapes (surrogates: so that lone ones are escaped as it does). */
// eslint-disable-next-line no-control-regex -- control characters are exactly what JSON escapes
const NEEDS_ESCAPE = /["\\\u0000-\u001f\ud800-\udfff]/;

/** Names the nearest member (`key`) only: building full paths would cost every event. */
export class UnencodableValueError extends TypeError {
  constructor(
    readonly key: string,
    what: string,
  ) {
    super(`${key ? `member ${key}` : 'a value'} ${what}`);
    this.name = 'UnencodableValueError';
  }
}

/** A JSON string literal, exactly as JSON.stringify writes it. */
export function jsonString(text: string): string {
  return NEEDS_ESCAPE.test(text) ? JSON.stringify(text) : `"${text}"`;
}

/**
 * `"key":` for the keys seen so far. Events repeat a small vocabulary of keys, and
 * escaping each of them again on every event was a quarter of the encoding's time.
 * Bounded, so that a flood of distinct keys costs no memory.
 */
const memberPrefixes = new Map<string, string>();
const MAX_CACHED_KEYS = 4096;
const MAX_CACHED_KEY_LENGTH = 64;

function memberPrefix(key: string): string {
  let prefix = memberPrefixes.get(key);
  if (prefix === undefined) {
    prefix = `${jsonString(key)}:`;
    if (memberPrefixes.size < MAX_CACHED_KEYS && key.length <= MAX_CACHED_KEY_LENGTH) {
      memberPrefixes.set(key, prefix);
    }
  }
  return prefix;
}

export function encodeJson(value: unknown, key = ''): string {
  switch (typeof value) {
    case 'string':
      return jsonString(value);
    case 'number':
      if (!Number.isFinite(value)) throw new UnencodableValueError(key, 'is not a finite number');
      return JSON.stringify(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'object':
      if (value === null) return 'null';
      return Array.isArray(value)
        ? encodeArray(value as unknown[], key)
        : encodeObject(value as Record<string, unknown>, key, undefined);
    case 'bigint':
    case 'function':
    case 'symbol':
    case 'undefined':
      break;
  }
  throw new UnencodableValueError(key, `is a ${typeof value}, which JSON cannot carry`);
}

function encodeArray(value: readonly unknown[], key: string): string {
  let out = '[';
  for (let i = 0; i < value.length; i++) {
    const member = value[i];
    if (member === undefined) throw new UnencodableValueError(key, `holds undefined at ${i}`);
    if (i > 0) out += ',';
    out += encodeJson(member, key);
  }
  return `${out}]`;
}

/**
 * An object's members in key order; `omit` leaves out one top-level key (the store's own
 * `recordedAt`, which the hash covers separately).
 */
export function encodeObject(
  value: Record<string, unknown>,
  key: string,
  omit: string | undefined,
): string {
  if (typeof value.toJSON === 'function') {
    throw new UnencodableValueError(key, 'has a toJSON method (a Date?): store its JSON form');
  }
  const keys = Object.keys(value);
  if (keys.length > 1) keys.sort();
  let out = '{';
  for (const name of keys) {
    if (name === omit) continue;
    const member = value[name];
    if (member === undefined) continue;
    if (out.length > 1) out += ',';
    out += memberPrefix(name) + encodeJson(member, name);
  }
  return `${out}}`;
}
