import { z } from 'zod';
import { systemContext } from '../../platform/access';
import type { App } from '../../platform/http/server';
import { defineModule } from '../../platform/module';
import { createDemoService, type DemoDeps } from './demo.service';

/**
 * The demo clinic of a fresh install and synthetic patients for demos and benchmarks. Built last:
 * it runs every other module's `seedDemo`, which app.ts hands it in module order.
 */
export const demoModule = defineModule({
  name: 'demo',
  create(deps: DemoDeps) {
    const demo = createDemoService(deps);
    // `hoidja demo --patients N` while `hoidja serve` holds the embedded database.
    const internalRoutes = async (app: App) => {
      app.post(
        '/internal/demo',
        {
          config: { public: true },
          schema: {
            hide: true,
            body: z.object({ clinic: z.string(), patients: z.number().int().min(1).max(1_000_000) }),
          },
        },
        async (req) => {
          const clinic = await deps.clinics.bySlug(req.body.clinic);
          await demo.generatePatients(systemContext(clinic.id, 'cli'), req.body.patients);
          return { ok: true, added: req.body.patients };
        },
      );
    };
    return { services: { demo }, internalRoutes };
  },
});
