import { z } from 'zod';
import { type App, accessContext } from '../../platform/http/server';
import { clinicContactsInput } from './clinics.input';
import { clinicOutput, publicClinicOutput } from './clinics.output';
import type { ClinicsService } from './clinics.service';

const tags = ['clinics'];

export function clinicsRoutes(clinics: ClinicsService) {
  return async (app: App) => {
    app.get(
      '/api/clinic',
      { schema: { tags, summary: "The signed-in user's clinic", response: { 200: clinicOutput } } },
      async (req) => clinics.current(accessContext(req)),
    );

    app.patch(
      '/api/clinic',
      {
        schema: {
          tags,
          summary: "Change the clinic's addresses and contacts",
          body: clinicContactsInput,
          response: { 200: clinicOutput },
        },
      },
      async (req) => clinics.updateContacts(accessContext(req), req.body),
    );

    // What a login page or a public page may show about a clinic: the schema leaves out the rest.
    app.get(
      '/api/public/clinics/:slug',
      {
        config: { public: true },
        schema: { tags, params: z.object({ slug: z.string().max(60) }), response: { 200: publicClinicOutput } },
      },
      async (req) => clinics.bySlug(req.params.slug),
    );
  };
}
