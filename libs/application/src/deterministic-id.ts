import { hash } from 'node:crypto';

/**
 * A UUID (version 5 layout) derived from its parts. Event ids come from the command's
 * idempotency key, so a command retried after a lost answer appends nothing twice.
 */
export function deterministicUuid(...parts: readonly string[]): string {
  // One-shot: every command derives its id and its events' ids here.
  const bytes = hash('sha256', parts.join('\u001f'), 'buffer').subarray(0, 16);
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x50;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}
