import { z } from 'zod';
import { systemContext } from '../../platform/access';
import type { App } from '../../platform/http/server';
import type { ClinicLookup } from '../clinics/clinics.service';
import type { RegisterService } from './register.service';

/**
 * While `hoidja serve` holds the embedded database, `hoidja register import|export|publish` ask the
 * server. Mounted by app.ts behind the local-token guard (src/cli/internal.routes.ts), only then.
 */
export function registerInternalRoutes(register: RegisterService, clinics: Pick<ClinicLookup, 'bySlug'>) {
  return async (app: App) => {
    const ctxFor = async (slug: string) => systemContext((await clinics.bySlug(slug)).id, 'cli');
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
