import {
  type CanActivate,
  type ExecutionContext,
  HttpStatus,
  Inject,
  Injectable,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request, Response } from 'express';
import { type Role, authorizeActor, type Policy } from '@app/budgeting';
import { ProblemException } from '../http/problem';
import { getSessionUser, POLICY_KEY, PUBLIC_KEY, setAuthenticated } from './auth.decorators';
import { bearerToken } from './bearer-token';
import { Credentials } from '@app/api-state';
import { SignInLimiter } from '../rate-limit/sign-in-limiter';

const ROLE_NAMES: Record<Role, { vi: string; en: string }> = {
  officer: { vi: 'cán bộ nghiệp vụ', en: 'officer' },
  accountant: { vi: 'kế toán', en: 'accountant' },
  approver: { vi: 'người phê duyệt', en: 'approver' },
  auditor: { vi: 'kiểm toán viên', en: 'auditor' },
  admin: { vi: 'quản trị viên', en: 'administrator' },
};

/**
 * Global guard: every route needs `Authorization: Bearer <token>` unless marked
 * @Public(), and names its policy with @Allow(policy), whose roles are checked here.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    @Inject(Reflector) private readonly reflector: Reflector,
    @Inject(Credentials) private readonly credentials: Credentials,
    @Inject(SignInLimiter) private readonly signIns: SignInLimiter,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean | undefined>(PUBLIC_KEY, targets)) return true;

    const http = context.switchToHttp();
    const req = http.getRequest<Request>();
    const token = bearerToken(req.headers.authorization);
    // A dashboard form handed over in process carries its session's user (form-bridge.ts).
    const user =
      getSessionUser(req) ??
      (token ? await this.credentials.authenticate(token, new Date()) : null);
    if (!user) {
      // A failed sign-in counts against the client's address (429 past its limit).
      await this.signIns.refused(req, http.getResponse<Response>());
      http.getResponse<Response>().setHeader('WWW-Authenticate', 'Bearer realm="budget"');
      throw new ProblemException(HttpStatus.UNAUTHORIZED, 'AUTH.UNAUTHENTICATED', {
        vi: 'Cần đăng nhập: gửi mã truy cập hợp lệ trong tiêu đề "Authorization: Bearer <mã>"',
        en: 'Authentication required: send a valid token as "Authorization: Bearer <token>"',
      });
    }
    setAuthenticated(req, user);

    const policy = this.reflector.getAllAndOverride<Policy | undefined>(POLICY_KEY, targets);
    if (!policy) {
      throw new ProblemException(HttpStatus.FORBIDDEN, 'AUTH.NO_POLICY', {
        vi: 'Thao tác này chưa có quy định quyền nên không ai được thực hiện',
        en: 'This route names no authorization policy, so nobody may use it',
      });
    }
    const roles: readonly Role[] = policy.roles;
    if (!roles.includes(user.actor.role)) {
      throw new ProblemException(HttpStatus.FORBIDDEN, 'AUTH.ROLE_FORBIDDEN', {
        vi: `Chỉ ${roles.map((r) => `${ROLE_NAMES[r].vi} (${r})`).join(' hoặc ')} được thực hiện thao tác này (vai trò của bạn: ${ROLE_NAMES[user.actor.role].vi})`,
        en: `Only ${roles.map((r) => ROLE_NAMES[r].en).join(' or ')} may do this (your role: ${ROLE_NAMES[user.actor.role].en})`,
      });
    }
    // The rest of what the actor alone decides (a district-wide policy); the decider
    // enforces the policy against the target.
    authorizeActor(policy, user.actor);
    return true;
  }
}
