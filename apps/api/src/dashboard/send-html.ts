import type { Response } from 'express';

/**
 * A dashboard page: personal ledger data, so never cached — except a blank write form
 * (`cache: 'form'`), kept privately by the browser so that the back button shows it
 * again as it was, with its idempotency key: sent again, it appends nothing new.
 */
export function sendHtml(res: Response, status: number, body: string, cache?: 'form'): void {
  res.status(status);
  res.setHeader('Content-Type', 'text/html; charset=utf-8');
  res.setHeader('Cache-Control', cache === 'form' ? 'private, no-cache' : 'no-store');
  res.send(body);
}
