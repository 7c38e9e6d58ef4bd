/**
 * The one parser of the `Authorization` header (RFC 9110 §11.6.2, RFC 6750 §2.1): the
 * scheme is case-insensitive and separated from the token by spaces or tabs; the token is
 * token68 characters. Everything that needs "who is this request" — the guard, the
 * dashboard's sign-in, a rate limiter's key — uses this, so rewriting the scheme
 * (`bearer`, `BEARER`, two spaces, a tab) can never make one part see another caller.
 * Returns null for anything else (another scheme, two tokens, a header sent twice).
 */
const BEARER = /^bearer[ \t]+([A-Za-z0-9\-._~+/]+=*)[ \t]*$/i;

export function bearerToken(header: string | readonly string[] | undefined): string | null {
  if (typeof header !== 'string') return null;
  return BEARER.exec(header)?.[1] ?? null;
}
