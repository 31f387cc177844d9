import { z } from 'zod';
import { systemContext } from '../../platform/access';
import type { App } from '../../platform/http/server';
import type { ClinicLookup } from '../clinics/clinics.service';
import type { RetentionService } from './retention.service';

/** `hoidja retention plan|run` while `hoidja serve` holds the embedded database (local token only). */
export function retentionInternalRoutes(retention: RetentionService, clinics: Pick<ClinicLookup, 'bySlug'>) {
  return async (app: App) => {
    const ctxFor = async (slug: string) => systemContext((await clinics.bySlug(slug)).id, 'cli');
    const hidden = { hide: true } as const;
    app.post(
      '/internal/retention/plan',
      { config: { public: true }, schema: { ...hidden, body: z.object({ clinic: z.string() }) } },
      async (req) => retention.plan(await ctxFor(req.body.clinic)),
    );
    app.post(
      '/internal/retention/run',
      {
        config: { public: true },
        schema: { ...hidden, body: z.object({ clinic: z.string(), batchSize: z.number().int().min(1).max(100_000) }) },
      },
      async (req) => retention.run(await ctxFor(req.body.clinic), { trigger: 'cli', batchSize: req.body.batchSize }),
    );
  };
}
