import type { Response } from 'express';

/** A dashboard page: personal ledger data, so never cached. */
export function sendHtml(res: Response, status: number, body: string): void {
  res.status(status);
  res.setHeader('Content-Type', 'text/html; charset=utf-8');
  res.setHeader('Cache-Control', 'no-store');
  res.send(body);
}
