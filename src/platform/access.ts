import type { Role } from './auth/auth.schema';

/** Who is acting, for which clinic, within which request: passed to every service call. */
export interface AccessContext {
  clinicId: string;
  /** null for the system itself (worker, retention jobs, public pages). */
  user: { id: string; fullName: string; roles: Role[] } | null;
  requestId: string | null;
  /** Break-the-glass reason stated by the user for this request, if any. */
  reason?: string | null;
  /** Where the request came from: api, web, cli, worker, public. */
  channel: 'api' | 'cli' | 'worker' | 'public';
}

export function systemContext(clinicId: string, channel: AccessContext['channel'] = 'worker'): AccessContext {
  return { clinicId, user: null, requestId: null, channel };
}

export function hasRole(ctx: AccessContext, ...roles: Role[]): boolean {
  return !!ctx.user && ctx.user.roles.some((r) => roles.includes(r));
}

/** The role under which an action is taken: the first of `preferred` the user holds. */
export function actingRole(ctx: AccessContext, preferred: Role[]): Role | null {
  if (!ctx.user) return null;
  return preferred.find((r) => ctx.user!.roles.includes(r)) ?? null;
}
