import { timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import type { Services } from '../app';
import { generatePatients } from '../modules/demo/demo.service';
import { systemContext } from '../platform/access';
import { roles } from '../platform/auth/auth.schema';
import { ForbiddenError } from '../platform/errors';
import type { App } from '../platform/http/server';

/**
 * While `hoidja serve` holds the embedded database, the CLI on the same machine asks the server
 * instead of opening the files itself. Only loopback, only with the token from DATA_DIR/hoidja.lock.
 */
export function internalRoutes(s: Services, token: string) {
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
    app.post('/internal/audit/verify', { config: { public: true }, schema: hidden }, async () => s.audit.verify(s.db));
    app.post('/internal/backup', { config: { public: true }, schema: hidden }, async (_req, reply) => {
      const blob = await s.database.pglite!.dumpDataDir('gzip');
      reply.header('content-type', 'application/gzip');
      return reply.send(Buffer.from(await blob.arrayBuffer()));
    });
    app.post(
      '/internal/demo',
      {
        config: { public: true },
        schema: { ...hidden, body: z.object({ clinic: z.string(), patients: z.number().int().min(1).max(1_000_000) }) },
      },
      async (req) => {
        const clinic = await s.clinics.bySlug(req.body.clinic);
        await generatePatients(s, systemContext(clinic.id, 'cli'), req.body.patients);
        return { ok: true, added: req.body.patients };
      },
    );
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
          }),
        },
      },
      async (req) => {
        const clinic = await s.clinics.bySlug(req.body.clinic);
        return s.auth.createUser(systemContext(clinic.id, 'cli'), req.body);
      },
    );
  };
}
