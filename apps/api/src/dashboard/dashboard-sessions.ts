import { Inject, Injectable } from '@nestjs/common';
import type { Request, Response } from 'express';
import { randomBytes } from 'node:crypto';
import { CredentialStore, type AuthenticatedUser } from '../auth/credential-store';

export const SESSION_COOKIE = 'budget_session';
export const SESSION_TTL_MS = 8 * 3600_000;
const SESSION_ID = /^[A-Za-z0-9_-]{43}$/;

interface Session {
  /** Kept in memory only, so a revoked token or a deactivated user ends the session too. */
  readonly token: string;
  readonly expiresAt: number;
}

/**
 * Dashboard sessions: an opaque random id in an HttpOnly, SameSite=Strict cookie, mapped
 * here to the bearer token the user signed in with. The token never leaves the server
 * again. Sessions live in memory and end after 8 hours or at a restart.
 */
@Injectable()
export class DashboardSessions {
  private readonly sessions = new Map<string, Session>();

  constructor(@Inject(CredentialStore) private readonly credentials: CredentialStore) {}

  /** Signs in with a bearer token: the new session's id, or null when the token is refused. */
  open(token: string, now: Date = new Date()): string | null {
    this.sweep(now.getTime());
    if (!this.credentials.authenticate(token, now)) return null;
    const id = randomBytes(32).toString('base64url');
    this.sessions.set(id, { token, expiresAt: now.getTime() + SESSION_TTL_MS });
    return id;
  }

  /** The user behind a session id, re-checked against the credential store on every request. */
  user(id: string | null, now: Date = new Date()): AuthenticatedUser | null {
    if (!id) return null;
    const session = this.sessions.get(id);
    if (!session) return null;
    const user =
      session.expiresAt > now.getTime() ? this.credentials.authenticate(session.token, now) : null;
    if (!user) this.sessions.delete(id);
    return user;
  }

  close(id: string | null): void {
    if (id) this.sessions.delete(id);
  }

  private sweep(now: number): void {
    for (const [id, session] of this.sessions) {
      if (session.expiresAt <= now) this.sessions.delete(id);
    }
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
