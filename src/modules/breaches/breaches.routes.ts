import { binaryBody } from '../../platform/http/contract';
import { type App, accessContext } from '../../platform/http/server';
import {
  affectedQuery,
  breachInput,
  idParam,
  informInput,
  informPeopleInput,
  notifyInput,
  pdfQuery,
} from './breaches.input';
import {
  affectedOutput,
  breachDetailOutput,
  breachListOutput,
  breachOutput,
  informPeopleOutput,
} from './breaches.output';
import type { BreachesService } from './breaches.service';

const tags = ['breaches'];

export function breachesRoutes(s: BreachesService) {
  return async (app: App) => {
    app.get('/api/breaches', { schema: { tags, response: { 200: breachListOutput } } }, async (req) => ({
      items: await s.list(accessContext(req)),
    }));
    app.post(
      '/api/breaches',
      { schema: { tags, summary: 'Record a breach', body: breachInput, response: { 201: breachOutput } } },
      async (req, reply) => {
        reply.code(201);
        return s.report(accessContext(req), req.body);
      },
    );
    app.get(
      '/api/breaches/:id',
      { schema: { tags, params: idParam, response: { 200: breachDetailOutput } } },
      async (req) => s.get(accessContext(req), req.params.id),
    );
    app.post(
      '/api/breaches/:id/affected',
      {
        schema: {
          tags,
          summary: 'Add everyone whose data a user opened between two times (from the audit log)',
          params: idParam,
          body: affectedQuery,
          response: { 200: affectedOutput },
        },
      },
      async (req) => s.findAffected(accessContext(req), req.params.id, req.body),
    );
    app.post(
      '/api/breaches/:id/notify',
      { schema: { tags, params: idParam, body: notifyInput, response: { 200: breachOutput } } },
      async (req) => s.notifyAuthority(accessContext(req), req.params.id, req.body),
    );
    app.post(
      '/api/breaches/:id/inform',
      { schema: { tags, params: idParam, body: informInput, response: { 200: breachOutput } } },
      async (req) => s.decideInforming(accessContext(req), req.params.id, req.body),
    );
    app.post(
      '/api/breaches/:id/inform-people',
      {
        schema: {
          tags,
          summary: 'Send each affected person the letter about the breach, in their language (Art. 34)',
          params: idParam,
          body: informPeopleInput,
          response: { 200: informPeopleOutput },
        },
      },
      async (req) => s.informPeople(accessContext(req), req.params.id),
    );
    app.get(
      '/api/breaches/:id/authority.pdf',
      {
        schema: {
          tags,
          summary: 'The notification to the supervisory authority (et, lv, en)',
          params: idParam,
          querystring: pdfQuery,
          response: { 200: binaryBody('application/pdf', 'The notification as PDF') },
        },
      },
      async (req, reply) => {
        const pdf = await s.authorityPdf(accessContext(req), req.params.id, req.query.lang);
        reply.header('content-type', 'application/pdf');
        reply.header('content-disposition', `attachment; filename="breach-${req.query.lang}.pdf"`);
        return pdf;
      },
    );
  };
}
