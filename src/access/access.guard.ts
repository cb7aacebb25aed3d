import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AppError } from '../common/errors/app-error.js';
import { AuthService, SESSION_COOKIE, type Authenticated } from '../accounts/auth.service.js';
import { PERMISSION_KEY, PUBLIC_KEY, SELF_SERVICE_KEY } from './require-permission.decorator.js';
import { roleHas, type Permission } from './permissions.js';
import { currentRequestContext } from './request-context.js';

interface GuardedRequest {
  method: string;
  headers: Record<string, string | string[] | undefined>;
  luoshiAuth?: Authenticated | null;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function header(req: GuardedRequest, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

export function readCookie(cookieHeader: string | undefined, name: string): string | undefined {
  if (!cookieHeader) return undefined;
  for (const part of cookieHeader.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) {
      try {
        return decodeURIComponent(part.slice(eq + 1).trim());
      } catch {
        return undefined; // not percent-encoded text: no credential (401), not a server error
      }
    }
  }
  return undefined;
}

/**
 * The one gate every request passes: establishes who is asking (session cookie or bearer token),
 * checks the CSRF token on cookie-authenticated writes, and the permission the route declares.
 * 401 without credentials, 403 without the permission. What a caller may see inside a permitted
 * route is decided by the scoping helpers in actor.ts.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const targets = [context.getHandler(), context.getClass()];
    const isPublic = this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets) === true;
    const permission = this.reflector.getAllAndOverride<Permission | undefined>(PERMISSION_KEY, targets);
    const selfService = this.reflector.getAllAndOverride<boolean>(SELF_SERVICE_KEY, targets) === true;
    if (!isPublic && !permission && !selfService)
      throw new AppError(500, 'ROUTE_WITHOUT_PERMISSION', 'this route declares no permission');

    const req = context.switchToHttp().getRequest<GuardedRequest>();
    const authorization = header(req, 'authorization');
    const bearer = authorization?.match(/^Bearer\s+(\S+)$/i)?.[1];
    const auth = await this.auth.authenticate(
      bearer ? undefined : readCookie(header(req, 'cookie'), SESSION_COOKIE),
      bearer,
    );
    req.luoshiAuth = auth;
    const ctx = currentRequestContext();
    if (ctx && auth) ctx.actor = auth.actor;
    if (isPublic) return true;
    if (!auth)
      throw new AppError(
        401,
        'UNAUTHENTICATED',
        authorization ? 'the API token is unknown, revoked or expired' : 'log in first',
      );

    // Browsers attach cookies to cross-site requests; only our own pages know the CSRF token.
    if (auth.session && !SAFE_METHODS.has(req.method.toUpperCase())) {
      const sent = header(req, 'x-csrf-token');
      if (!sent || sent !== auth.session.csrfToken)
        throw new AppError(403, 'CSRF_TOKEN_INVALID', 'missing or wrong X-CSRF-Token header (reload the page)');
    }
    if (selfService) return true;
    if (auth.user.mustChangePassword)
      throw new AppError(403, 'PASSWORD_CHANGE_REQUIRED', 'set a new password first (POST /api/auth/password)');
    if (!roleHas(auth.user.role, permission!)) {
      throw new AppError(403, 'FORBIDDEN', `your role (${auth.user.role}) may not do this (needs ${permission})`, {
        role: auth.user.role,
        permission,
      });
    }
    return true;
  }
}
