import { randomBytes } from 'node:crypto';

/** `u-` and 12 hex characters: 48 random bits, short enough to type into `users revoke`. */
export function newUserId(): string {
  return `u-${randomBytes(6).toString('hex')}`;
}
