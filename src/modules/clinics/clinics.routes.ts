import { z } from 'zod';
import { type App, accessContext } from '../../platform/http/server';
import type { ClinicsService } from './clinics.service';

export function clinicsRoutes(clinics: ClinicsService) {
  return async (app: App) => {
    app.get('/api/clinic', { schema: { tags: ['clinics'], summary: "The signed-in user's clinic" } }, async (req) =>
      clinics.current(accessContext(req)),
    );

    app.patch('/api/clinic', { schema: { tags: ['clinics'], body: z.record(z.string(), z.unknown()) } }, async (req) =>
      clinics.updateContacts(accessContext(req), req.body),
    );

    // What a login page or a public page may show about a clinic.
    app.get(
      '/api/public/clinics/:slug',
      { config: { public: true }, schema: { tags: ['clinics'], params: z.object({ slug: z.string().max(60) }) } },
      async (req) => {
        const c = await clinics.bySlug(req.params.slug);
        return {
          slug: c.slug,
          name: c.name,
          country: c.country,
          timeZone: c.timeZone,
          defaultLanguage: c.defaultLanguage,
          addresses: c.addresses,
          contacts: c.contacts,
        };
      },
    );
  };
}
