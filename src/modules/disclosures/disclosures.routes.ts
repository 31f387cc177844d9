import { itemsOf } from '../../platform/http/contract';
import { type App, accessContext } from '../../platform/http/server';
import { disclosureInput, patientIdParam } from './disclosures.input';
import { disclosureOutput } from './disclosures.output';
import type { DisclosuresService } from './disclosures.service';

const tags = ['disclosures'];

/** The disclosures log of a patient: read it, or record a disclosure or an authority's request. */
export function disclosuresRoutes(disclosures: DisclosuresService) {
  return async (app: App) => {
    app.get(
      '/api/patients/:id/disclosures',
      {
        schema: {
          tags,
          summary: "Everyone the patient's data was given to",
          params: patientIdParam,
          response: { 200: itemsOf(disclosureOutput) },
        },
      },
      async (req) => ({ items: await disclosures.list(accessContext(req), req.params.id) }),
    );

    app.post(
      '/api/patients/:id/disclosures',
      {
        schema: {
          tags,
          summary: "Record a disclosure, or register an authority's request with its legal basis",
          params: patientIdParam,
          body: disclosureInput,
          response: { 201: disclosureOutput },
        },
      },
      async (req, reply) => {
        reply.status(201);
        return disclosures.recordByStaff(accessContext(req), req.params.id, req.body);
      },
    );
  };
}
