import type { App } from '../../platform/http/server';
import { visitorChoicesOutput } from './consents.output';
import type { VisitorConsents } from './consents.visitors';
import { clinicSlugParams, visitorChoicesInput, visitorParams } from './consents.visitors.input';

const tags = ['consents'];
const pub = { public: true };

/** The clinic website's cookie banner: a visitor's choices by a pseudonymous id (no login). */
export function visitorConsentsRoutes(visitors: VisitorConsents) {
  return async (app: App) => {
    app.get(
      '/api/public/clinics/:slug/cookie-consent/:visitorId',
      {
        config: pub,
        schema: {
          tags,
          summary: "A website visitor's cookie choices in force",
          params: visitorParams,
          response: { 200: visitorChoicesOutput },
        },
      },
      async (req) => visitors.choices(req.params.slug, req.params.visitorId),
    );

    app.post(
      '/api/public/clinics/:slug/cookie-consent',
      {
        config: pub,
        schema: {
          tags,
          summary: "Record a website visitor's cookie choices (consent given or withdrawn per category)",
          params: clinicSlugParams,
          body: visitorChoicesInput,
          response: { 200: visitorChoicesOutput },
        },
      },
      async (req) => visitors.record(req.params.slug, req.body),
    );
  };
}
