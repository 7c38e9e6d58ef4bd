import {
  type CanActivate,
  type ExecutionContext,
  HttpStatus,
  Inject,
  Injectable,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request, Response } from 'express';
import type { Role } from '../../../../libs/budgeting/src/shared/actor';
import { ProblemException } from '../http/problem';
import { PUBLIC_KEY, ROLES_KEY, setAuthenticated } from './auth.decorators';
import { Credentials } from './credentials.port';
import { SignInLimiter } from '../rate-limit/sign-in-limiter';

const ROLE_NAMES: Record<Role, { vi: string; en: string }> = {
  officer: { vi: 'cán bộ nghiệp vụ', en: 'officer' },
  accountant: { vi: 'kế toán', en: 'accountant' },
  approver: { vi: 'người phê duyệt', en: 'approver' },
  auditor: { vi: 'kiểm toán viên', en: 'auditor' },
  admin: { vi: 'quản trị viên', en: 'administrator' },
};

const BEARER = /^Bearer[ \t]+(\S+)[ \t]*$/i;

/**
 * Global guard: every route needs `Authorization: Bearer <token>` unless marked
 * @Public(); @Roles(...) narrows who may call it.
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
    const match = BEARER.exec(req.headers.authorization ?? '');
    const user = match?.[1] ? await this.credentials.authenticate(match[1], new Date()) : null;
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

    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
    if (roles && roles.length > 0 && !roles.includes(user.actor.role)) {
      throw new ProblemException(HttpStatus.FORBIDDEN, 'AUTH.ROLE_FORBIDDEN', {
        vi: `Chỉ ${roles.map((r) => `${ROLE_NAMES[r].vi} (${r})`).join(' hoặc ')} được thực hiện thao tác này (vai trò của bạn: ${ROLE_NAMES[user.actor.role].vi})`,
        en: `Only ${roles.map((r) => ROLE_NAMES[r].en).join(' or ')} may do this (your role: ${ROLE_NAMES[user.actor.role].en})`,
      });
    }
    return true;
  }
}
