import { timingSafeEqual } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import { systemContext } from '../../platform/access';
import type { Config } from '../../platform/config';
import { ForbiddenError, NotFoundError } from '../../platform/errors';
import type { App } from '../../platform/http/server';
import type { ClinicLookup } from '../clinics/clinics.service';
import type { RegisterService } from './register.service';

/**
 * While `hoidja serve` holds the embedded database, `hoidja register import|export|publish` ask the
 * server. Like the platform's internal routes: loopback only, with the token the server wrote
 * to DATA_DIR/hoidja.lock (read here, so this module needs nothing from app.ts).
 */
export function registerInternalRoutes(
  register: RegisterService,
  clinics: Pick<ClinicLookup, 'findBySlug'>,
  config: Config,
) {
  const lockFile = join(resolve(config.DATA_DIR), 'hoidja.lock');
  return async (app: App) => {
    app.addHook('onRequest', async (req) => {
      if (!req.url.startsWith('/internal/register/')) return;
      const loopback = ['127.0.0.1', '::1', '::ffff:127.0.0.1'].includes(req.socket.remoteAddress ?? '');
      const expected = existsSync(lockFile)
        ? Buffer.from((JSON.parse(readFileSync(lockFile, 'utf8')) as { token: string }).token)
        : Buffer.alloc(0);
      const given = Buffer.from(String(req.headers['x-hoidja-local-token'] ?? ''));
      if (!loopback || expected.length === 0 || given.length !== expected.length || !timingSafeEqual(given, expected))
        throw new ForbiddenError('not allowed');
    });
    const ctxFor = async (slug: string) => {
      const clinic = await clinics.findBySlug(slug);
      if (!clinic) throw new NotFoundError(`no clinic ${slug}`);
      return systemContext(clinic.id, 'cli');
    };
    const hidden = { hide: true } as const;
    app.post(
      '/internal/register/import',
      {
        config: { public: true },
        schema: { ...hidden, body: z.object({ clinic: z.string(), text: z.string(), file: z.string() }) },
      },
      async (req) => register.importText(await ctxFor(req.body.clinic), req.body.text, req.body.file),
    );
    app.post(
      '/internal/register/export',
      {
        config: { public: true },
        schema: { ...hidden, body: z.object({ clinic: z.string(), format: z.enum(['yaml', 'json']) }) },
      },
      async (req) => ({ text: await register.exportText(await ctxFor(req.body.clinic), req.body.format) }),
    );
    app.post(
      '/internal/register/publish',
      {
        config: { public: true },
        schema: { ...hidden, body: z.object({ clinic: z.string(), summary: z.string().optional() }) },
      },
      async (req) => register.publish(await ctxFor(req.body.clinic), { summary: req.body.summary }),
    );
  };
}
