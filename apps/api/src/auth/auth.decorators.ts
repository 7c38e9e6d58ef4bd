import {
  applyDecorators,
  createParamDecorator,
  type ExecutionContext,
  SetMetadata,
} from '@nestjs/common';
import type { Request } from 'express';
import type { Actor, Authority, Policy } from '@app/budgeting';
import type { AuthenticatedUser } from '@app/api-state';

export const PUBLIC_KEY = 'budget:public';
export const ROLES_KEY = 'budget:roles';
export const POLICY_KEY = 'budget:policy';

/** The route answers without a token (health, docs). Everything else needs one. */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(PUBLIC_KEY, true);

/**
 * The policy the route carries out or reads under (libs/budgeting: `*.policy.ts`). The
 * guard refuses the roles it does not name before anything else runs; the decider (or,
 * for reads, the visibility rules) enforces the rest of it with `authorize`. A route that
 * needs a token and names no policy is refused: nothing is open by omission.
 */
export const Allow = (policy: Policy): MethodDecorator & ClassDecorator =>
  applyDecorators(SetMetadata(POLICY_KEY, policy), SetMetadata(ROLES_KEY, policy.roles));

/** Where the guard leaves the authenticated user on the request. */
const AUTH = Symbol('budget:auth');
type WithAuth = Request & { [AUTH]?: AuthenticatedUser };

export function setAuthenticated(req: Request, user: AuthenticatedUser): void {
  (req as WithAuth)[AUTH] = user;
}

export function getAuthenticated(req: Request): AuthenticatedUser | undefined {
  return (req as WithAuth)[AUTH];
}

/**
 * A dashboard form's user, signed in by session cookie, whose form the dashboard hands to
 * the API route in process (dashboard/forms/form-bridge.ts) after checking its CSRF token
 * and origin. A symbol on the request object: nothing sent over the wire can set it.
 */
const SESSION_USER = Symbol('budget:session-user');
type WithSessionUser = Request & { [SESSION_USER]?: AuthenticatedUser };

export function setSessionUser(req: Request, user: AuthenticatedUser): void {
  (req as WithSessionUser)[SESSION_USER] = user;
}

export function getSessionUser(req: Request): AuthenticatedUser | undefined {
  return (req as WithSessionUser)[SESSION_USER];
}

function requireAuthenticated(ctx: ExecutionContext): AuthenticatedUser {
  const user = getAuthenticated(ctx.switchToHttp().getRequest<Request>());
  if (!user) {
    // A @Public() route asked for the actor: a programming error, not the client's.
    throw new Error('@CurrentActor()/@CurrentAuthority() used on a route without authentication');
  }
  return user;
}

/** The user acting, as the bearer token says (never as the body says). */
export const CurrentActor = createParamDecorator(
  (_data: unknown, ctx: ExecutionContext): Actor => requireAuthenticated(ctx).actor,
);

/** The approver's delegated authority, or null for users without one. */
export const CurrentAuthority = createParamDecorator(
  (_data: unknown, ctx: ExecutionContext): Authority | null => requireAuthenticated(ctx).authority,
);
