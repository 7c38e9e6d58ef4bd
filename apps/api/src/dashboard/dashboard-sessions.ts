import { Inject, Injectable } from '@nestjs/common';
import type { Request, Response } from 'express';
import { createHash, randomBytes } from 'node:crypto';
import { CredentialStore, type AuthenticatedUser, Credentials, SessionStore } from '@app/api-state';

export const SESSION_COOKIE = 'budget_session';
export const SESSION_TTL_MS = 8 * 3600_000;
const SESSION_ID = /^[A-Za-z0-9_-]{43}$/;

function hashOf(id: string): string {
  return createHash('sha256').update(id, 'utf8').digest('hex');
}

/**
 * Dashboard sessions: an opaque random id in an HttpOnly, SameSite=Strict cookie. The
 * session store (shared by every API replica) keeps the id's hash with the hash of the
 * bearer token signed in with; the token never leaves the server again. A session ends
 * after 8 hours, at sign-out, or when its token is revoked or its user deactivated: every
 * page checks the token's hash against the credential store.
 *
 * Why a session table and not signed stateless cookies (an HMAC with a key every replica
 * shares): sign-out must end the session everywhere at once, and a signed cookie stays
 * valid until it expires unless every replica also checks a revocation list, which is a
 * shared table again; it would also add a secret to distribute and rotate among replicas.
 * The table costs one read by primary key per page, next to the credential check each
 * page already makes.
 */
@Injectable()
export class DashboardSessions {
  constructor(
    @Inject(Credentials) private readonly credentials: Credentials,
    @Inject(SessionStore) private readonly sessions: SessionStore,
  ) {}

  /** Signs in with a bearer token: the new session's id, or null when the token is refused. */
  async open(token: string, now: Date = new Date()): Promise<string | null> {
    if (!(await this.credentials.authenticate(token, now))) return null;
    const id = randomBytes(32).toString('base64url');
    await this.sessions.create(hashOf(id), {
      tokenHash: CredentialStore.hashToken(token),
      expiresAt: new Date(now.getTime() + SESSION_TTL_MS),
    });
    return id;
  }

  /** The user behind a session id, re-checked against the credential store on every request. */
  async user(id: string | null, now: Date = new Date()): Promise<AuthenticatedUser | null> {
    if (!id) return null;
    const session = await this.sessions.find(hashOf(id), now);
    if (!session) return null;
    const user = await this.credentials.authenticateHash(session.tokenHash, now);
    if (!user) await this.sessions.delete(hashOf(id));
    return user;
  }

  async close(id: string | null): Promise<void> {
    if (id) await this.sessions.delete(hashOf(id));
  }
}

/** The session id from the request's cookie header (no cookie parser needed for one cookie). */
export function sessionIdOf(req: Request): string | null {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0 || part.slice(0, eq).trim() !== SESSION_COOKIE) continue;
    const value = part.slice(eq + 1).trim();
    return SESSION_ID.test(value) ? value : null;
  }
  return null;
}

export function setSessionCookie(req: Request, res: Response, id: string): void {
  res.cookie(SESSION_COOKIE, id, {
    httpOnly: true,
    sameSite: 'strict',
    path: '/',
    maxAge: SESSION_TTL_MS,
    // District offices serve the dashboard over plain HTTP; mark it Secure where TLS is used.
    secure: req.secure,
  });
}

export function clearSessionCookie(res: Response): void {
  res.clearCookie(SESSION_COOKIE, { httpOnly: true, sameSite: 'strict', path: '/' });
}
