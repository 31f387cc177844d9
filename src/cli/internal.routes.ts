import { timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import type { ClinicsService } from '../modules/clinics/clinics.service';
import { systemContext } from '../platform/access';
import type { AuditService } from '../platform/audit/audit.service';
import { roles } from '../platform/auth/auth.schema';
import type { AuthService } from '../platform/auth/auth.service';
import type { Database } from '../platform/db';
import { ForbiddenError } from '../platform/errors';
import type { App } from '../platform/http/server';

export interface InternalRoutesDeps {
  database: Database;
  audit: Pick<AuditService, 'verify' | 'checkpoint'>;
  auth: Pick<AuthService, 'createUser'>;
  clinics: Pick<ClinicsService, 'bySlug'>;
  /** The modules' own internal routes (e.g. `hoidja register import`), mounted behind the same guard. */
  moduleRoutes: ((app: App) => Promise<void>)[];
}

/**
 * While `hoidja serve` holds the embedded database, the CLI on the same machine asks the server
 * instead of opening the files itself. Only loopback, only with the token from DATA_DIR/hoidja.lock.
 */
export function internalRoutes(s: InternalRoutesDeps, token: string) {
  const expected = Buffer.from(token);
  return async (app: App) => {
    app.addHook('onRequest', async (req) => {
      if (!req.url.startsWith('/internal/')) return;
      const given = Buffer.from(String(req.headers['x-hoidja-local-token'] ?? ''));
      const loopback = ['127.0.0.1', '::1', '::ffff:127.0.0.1'].includes(req.socket.remoteAddress ?? '');
      if (!loopback || given.length !== expected.length || !timingSafeEqual(given, expected))
        throw new ForbiddenError('not allowed');
    });
    const hidden = { hide: true } as const;
    app.post(
      '/internal/audit/verify',
      {
        config: { public: true },
        schema: {
          ...hidden,
          body: z.object({ extraCheckpoints: z.array(z.string()).default([]) }).default({ extraCheckpoints: [] }),
        },
      },
      async (req) => s.audit.verify(s.database.db, { extraCheckpoints: req.body.extraCheckpoints }),
    );
    app.post('/internal/audit/checkpoint', { config: { public: true }, schema: hidden }, async () =>
      s.audit.checkpoint(s.database.db),
    );
    app.post('/internal/backup', { config: { public: true }, schema: hidden }, async (_req, reply) => {
      const blob = await s.database.pglite!.dumpDataDir('gzip');
      reply.header('content-type', 'application/gzip');
      return reply.send(Buffer.from(await blob.arrayBuffer()));
    });
    app.post(
      '/internal/users',
      {
        config: { public: true },
        schema: {
          ...hidden,
          body: z.object({
            clinic: z.string(),
            email: z.string(),
            fullName: z.string(),
            roles: z.array(z.enum(roles)).min(1),
            password: z.string(),
            mustChangePassword: z.boolean().optional(),
          }),
        },
      },
      async (req) => {
        const clinic = await s.clinics.bySlug(req.body.clinic);
        return s.auth.createUser(systemContext(clinic.id, 'cli'), req.body);
      },
    );
    // Registered inside this plugin, so the guard above covers them too.
    for (const routes of s.moduleRoutes) await app.register(routes);
  };
}
