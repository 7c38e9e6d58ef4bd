import { hash } from 'node:crypto';

/** JSON with object keys sorted at every depth, so `{a,b}` and `{b,a}` are the same request. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value)) ?? 'null';
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) =>
      a < b ? -1 : a > b ? 1 : 0,
    );
    return Object.fromEntries(entries.map(([k, v]) => [k, sortKeys(v)]));
  }
  return value;
}

/**
 * SHA-256 of what makes two requests "the same": method, path, query (sorted) and the
 * JSON body (keys sorted). Headers other than the key itself do not count.
 */
export function requestHash(method: string, originalUrl: string, body: unknown): string {
  const url = new URL(originalUrl, 'http://localhost');
  const query = [...url.searchParams.entries()].sort(([a, x], [b, y]) =>
    a === b ? (x < y ? -1 : x > y ? 1 : 0) : a < b ? -1 : 1,
  );
  const canonical = canonicalJson([method.toUpperCase(), url.pathname, query, body ?? null]);
  return hash('sha256', canonical, 'hex');
}
