import { z } from 'zod';
import { hasRole } from '../access';
import { ForbiddenError } from '../errors';
import { itemsOf, ok, recordId } from '../http/contract';
import { type App, accessContext, SESSION_COOKIE } from '../http/server';
import { passwordChangeInput, resetRequestInput, resetWithLinkInput, staffUpdateInput } from './auth.input';
import { sessionOutput, staffUserOutput } from './auth.output';
import { roles } from './auth.schema';
import type { AuthService } from './auth.service';

export function authRoutes(deps: { auth: AuthService; secureCookies: boolean; idleMinutes: number; maxHours: number }) {
  const { auth } = deps;
  return async (app: App) => {
    app.post(
      '/api/auth/login',
      {
        config: { public: true },
        schema: {
          tags: ['auth'],
          summary: 'Log in; sets the session cookie and returns the CSRF token for writes',
          body: z.strictObject({
            clinic: z.string().min(1).max(60),
            email: z.string().min(3).max(200),
            password: z.string().min(1).max(256),
          }),
          response: { 200: sessionOutput },
        },
      },
      async (req, reply) => {
        const r = await auth.login({
          clinicSlug: req.body.clinic,
          email: req.body.email,
          password: req.body.password,
          ip: req.ip,
          userAgent: req.headers['user-agent'],
          requestId: req.id,
        });
        reply.setCookie(SESSION_COOKIE, r.cookie, {
          path: '/',
          httpOnly: true,
          sameSite: 'strict',
          secure: deps.secureCookies,
          signed: true,
          maxAge: deps.maxHours * 3600,
        });
        return { user: r.user, csrfToken: r.csrfToken, idleMinutes: deps.idleMinutes };
      },
    );

    app.post(
      '/api/auth/logout',
      { config: { beforePasswordChange: true }, schema: { tags: ['auth'], response: { 200: ok } } },
      async (req, reply) => {
        const raw = req.cookies[SESSION_COOKIE];
        const unsigned = raw ? req.unsignCookie(raw) : null;
        if (unsigned?.valid && unsigned.value) await auth.logout(unsigned.value);
        reply.clearCookie(SESSION_COOKIE, { path: '/' });
        return { ok: true };
      },
    );

    app.get(
      '/api/auth/me',
      { config: { beforePasswordChange: true }, schema: { tags: ['auth'], response: { 200: sessionOutput } } },
      async (req) => ({ user: req.sessionUser!, csrfToken: req.csrfToken, idleMinutes: deps.idleMinutes }),
    );

    app.post(
      '/api/auth/password',
      {
        config: { beforePasswordChange: true },
        schema: {
          tags: ['auth'],
          summary: 'Change your own password (the only route open until a generated password is changed)',
          body: passwordChangeInput,
          response: { 200: ok },
        },
      },
      async (req) => {
        const raw = req.cookies[SESSION_COOKIE];
        const cookie = raw ? req.unsignCookie(raw).value : null;
        await auth.changePassword(accessContext(req), cookie ? auth.sessionIdOf(cookie) : '', req.body);
        return { ok: true };
      },
    );

    app.post(
      '/api/auth/password-reset/request',
      {
        config: { public: true },
        schema: {
          tags: ['auth'],
          summary: 'E-mail a one-time link to set a new password (answers the same whether or not the account exists)',
          body: resetRequestInput,
          response: { 202: ok },
        },
      },
      async (req, reply) => {
        // Answered before the work is done, so neither the answer nor its timing tells whether the account exists.
        void auth
          .requestReset({ clinicSlug: req.body.clinic, email: req.body.email, requestId: req.id })
          .then((r) => r.delivery)
          .catch((err: unknown) => req.log.warn({ err: (err as Error).name }, 'staff password reset not handled'));
        reply.status(202);
        return { ok: true };
      },
    );

    app.post(
      '/api/auth/password-reset',
      {
        config: { public: true },
        schema: {
          tags: ['auth'],
          summary: 'Set a new password with the e-mailed one-time link',
          body: resetWithLinkInput,
          response: { 200: ok },
        },
      },
      async (req) => {
        await auth.resetWithLink({ token: req.body.token, newPassword: req.body.newPassword, requestId: req.id });
        return { ok: true };
      },
    );

    app.get('/api/staff', { schema: { tags: ['staff'], response: { 200: itemsOf(staffUserOutput) } } }, async (req) => {
      const ctx = accessContext(req);
      return { items: await auth.listUsers(ctx.clinicId) };
    });

    app.post(
      '/api/staff',
      {
        schema: {
          tags: ['staff'],
          body: z.strictObject({
            email: z.email(),
            fullName: z.string().trim().min(2).max(200),
            roles: z.array(z.enum(roles)).min(1),
            password: z.string().min(12, 'at least 12 characters').max(256),
            professionalCode: z.string().max(40).optional(),
          }),
          response: { 201: z.object({ id: recordId }) },
        },
      },
      async (req, reply) => {
        const ctx = accessContext(req);
        if (!hasRole(ctx, 'admin')) throw new ForbiddenError('only an administrator adds staff');
        reply.status(201);
        // The administrator chose (or generated) the password: the holder sets their own at first login.
        return auth.createUser(ctx, { ...req.body, mustChangePassword: true });
      },
    );

    app.patch(
      '/api/staff/:id',
      {
        schema: {
          tags: ['staff'],
          summary: "Change a staff account's roles, name or registration code",
          params: z.object({ id: z.uuid() }),
          body: staffUpdateInput,
          response: { 200: ok },
        },
      },
      async (req) => {
        const ctx = accessContext(req);
        if (!hasRole(ctx, 'admin')) throw new ForbiddenError('only an administrator changes staff accounts');
        await auth.updateUser(ctx, req.params.id, req.body);
        return { ok: true };
      },
    );

    app.post(
      '/api/staff/:id/reset-password',
      {
        schema: {
          tags: ['staff'],
          summary: 'Generate a new password to hand over once; the holder must change it at the next login',
          params: z.object({ id: z.uuid() }),
          response: { 200: z.object({ password: z.string() }) },
        },
      },
      async (req) => {
        const ctx = accessContext(req);
        if (!hasRole(ctx, 'admin')) throw new ForbiddenError("only an administrator resets a colleague's password");
        if (req.params.id === ctx.user!.id)
          throw new ForbiddenError('change your own password with your current one (POST /api/auth/password)');
        return auth.resetPassword(ctx, req.params.id);
      },
    );

    for (const [action, disabled] of [
      ['disable', true],
      ['enable', false],
    ] as const) {
      app.post(
        `/api/staff/:id/${action}`,
        { schema: { tags: ['staff'], params: z.object({ id: z.uuid() }), response: { 200: ok } } },
        async (req) => {
          const ctx = accessContext(req);
          if (!hasRole(ctx, 'admin')) throw new ForbiddenError(`only an administrator may ${action} staff accounts`);
          if (disabled && req.params.id === ctx.user!.id)
            throw new ForbiddenError('you cannot disable your own account');
          await auth.setDisabled(ctx, req.params.id, disabled);
          return { ok: true };
        },
      );
    }
  };
}
