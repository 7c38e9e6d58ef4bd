import type { Response } from 'express';

/**
 * A dashboard page: personal ledger data, so never cached — except a page of write forms
 * fetched by GET (`cache: 'form'`), kept privately by the browser so that the back button
 * shows it again as it was, with its idempotency keys: sent again, it appends nothing new
 * (Chromium re-fetches a `no-store` page on Back, with a fresh key). `no-cache` still makes
 * every ordinary visit ask the server again. A refusal re-rendered from a POST is not kept.
 */
export function sendHtml(res: Response, status: number, body: string, cache?: 'form'): void {
  const keep = cache === 'form' && res.req.method === 'GET' && status === 200;
  res.status(status);
  res.setHeader('Content-Type', 'text/html; charset=utf-8');
  res.setHeader('Cache-Control', keep ? 'private, no-cache' : 'no-store');
  res.send(body);
}
