import { ExpressAdapter } from '@nestjs/platform-express';
import express from 'express';
import { loadConfig } from '@app/config';

/**
 * The Express instance the API runs on, with the settings that must be in place before
 * Nest registers a route (Express creates its router, and fixes its options, on first use):
 * - case-sensitive routing: `/API/V1/…` is not `/api/v1/…`. Routing that folded case would
 *   reach the handlers while every protection keyed on the path (JSON only, no-store,
 *   Idempotency-Key, the rate limit) looked for the lower-case prefix and let it pass;
 * - `trust proxy` from BUDGET_TRUST_PROXY (default off): set it to the proxy's hop count or
 *   address list (Express syntax, e.g. `1` or `loopback, 10.0.0.0/8`) when a TLS proxy
 *   stands in front, so that `req.secure` and `req.ip` tell the truth: the session cookie
 *   is then marked Secure, and refusals are logged with the client's address.
 * Create the app with it: `NestFactory.create(AppModule, createHttpAdapter())`.
 */
export function createHttpAdapter(
  trustProxy: string | null = loadConfig().trustProxy,
): ExpressAdapter {
  const instance = express();
  instance.set('case sensitive routing', true);
  instance.set('trust proxy', trustProxySetting(trustProxy ?? undefined));
  return new ExpressAdapter(instance);
}

/** BUDGET_TRUST_PROXY as Express takes it: a hop count, `true`/`false`, or addresses. */
export function trustProxySetting(value: string | undefined): boolean | number | string {
  const text = value?.trim() ?? '';
  if (text === '' || text === 'false' || text === '0') return false;
  if (text === 'true') return true;
  return /^\d+$/.test(text) ? Number(text) : text;
}
