import { hash, randomBytes } from 'node:crypto';
import { type Actor, type Authority, ROLES, type Role } from '@app/budgeting';

/** Who may use the ledger, as every credential store (SQLite, MongoDB) keeps them. */
const TOKEN_PREFIX = 'bt_';
/** `bt_` + 32 random bytes in base64url (43 characters). */
export const TOKEN_SHAPE = /^bt_[A-Za-z0-9_-]{43}$/;

/** A new bearer token: shared by every credential store so tokens look the same everywhere. */
export function newToken(): string {
  return `${TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
}

/** The stored form of a token: SHA-256 hex. A leaked database gives no usable token. */
export function hashToken(token: string): string {
  return hash('sha256', token, 'hex');
}

export interface AuthenticatedUser {
  readonly actor: Actor;
  /** The approver's delegation; null for users who sign in no capacity. */
  readonly authority: Authority | null;
}

export interface UserInput {
  readonly id: string;
  readonly name: string;
  readonly role: Role;
  readonly unit?: string | null;
  /** The person behind the account when it is not its own (another account of theirs). */
  readonly personId?: string | null;
  readonly authority?: Authority | null;
  readonly active?: boolean;
}

export interface StoredUser extends AuthenticatedUser {
  readonly active: boolean;
  readonly createdAt: string;
}

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

/** What every credential store refuses to keep, whatever it is stored in. */
export function checkUserInput(user: UserInput): void {
  if (!isRole(user.role)) throw new Error(`Unknown role "${String(user.role)}"`);
  if (!user.id.trim() || !user.name.trim()) throw new Error('A user needs an id and a name');
}
