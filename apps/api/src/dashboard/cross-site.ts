import type { Request } from 'express';

/**
 * Whether a state-changing dashboard request (sign-in, sign-out, running the integrity
 * check) may have been forged by another site. Browsers say where a request comes from:
 * `Sec-Fetch-Site` (every current browser) or else `Origin` (on every POST). Allowed:
 * same-origin, or typed by the user (`none`). A request with neither header comes from no
 * browser (curl, a script), which cannot carry a victim's cookies, so it is not a forgery.
 * The same rule as Go's net/http CrossOriginProtection; no token to plant in every form.
 */
export function isCrossSite(req: Request): boolean {
  const site = req.headers['sec-fetch-site'];
  if (typeof site === 'string') return site !== 'same-origin' && site !== 'none';
  const origin = req.headers.origin;
  if (typeof origin !== 'string') return false;
  if (origin === 'null') return true;
  try {
    return new URL(origin).host !== req.headers.host;
  } catch {
    return true;
  }
}
