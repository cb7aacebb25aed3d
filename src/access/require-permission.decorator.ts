import { SetMetadata } from '@nestjs/common';
import type { Permission } from './permissions.js';

export const PERMISSION_KEY = 'luoshi:permission';
export const PUBLIC_KEY = 'luoshi:public';

/**
 * Every route declares what it needs: `@RequirePermission('tasks.read')` or `@Public()`.
 * The global AccessGuard refuses to serve a route that declares neither (and a test checks them all).
 */
export const RequirePermission = (permission: Permission) => SetMetadata(PERMISSION_KEY, permission);

/** Reachable without logging in (login, password reset, health, docs). */
export const Public = () => SetMetadata(PUBLIC_KEY, true);

export const SELF_SERVICE_KEY = 'luoshi:self-service';

/** Any logged-in user, about their own account (me, logout, own password) — even before a forced password change. */
export const SelfService = () => SetMetadata(SELF_SERVICE_KEY, true);
