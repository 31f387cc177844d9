import { itemsOf } from '../../platform/http/contract';
import { type App, accessContext } from '../../platform/http/server';
import {
  answerComplaintInput,
  archiveInput,
  assignInput,
  complaintIdParam,
  complaintInput,
  complaintListQuery,
  extendComplaintInput,
  progressInput,
  statsQuery,
} from './complaints.input';
import { complaintOutput, complaintStatsOutput } from './complaints.output';
import type { ComplaintsService } from './complaints.service';

const tags = ['complaints'];

/** Complaints and suggestions: intake, the open list and the archive, each step, yearly statistics. */
export function complaintsRoutes(complaints: ComplaintsService) {
  return async (app: App) => {
    app.post(
      '/api/complaints',
      {
        schema: {
          tags,
          summary: 'Register a written complaint or suggestion',
          body: complaintInput,
          response: { 201: complaintOutput },
        },
      },
      async (req, reply) => {
        reply.status(201);
        return complaints.register(accessContext(req), req.body);
      },
    );
    app.get(
      '/api/complaints',
      {
        schema: {
          tags,
          summary: 'Open complaints, answered ones, or the archive',
          querystring: complaintListQuery,
          response: { 200: itemsOf(complaintOutput) },
        },
      },
      async (req) => ({ items: await complaints.list(accessContext(req), req.query) }),
    );
    app.get(
      '/api/complaints/stats',
      {
        schema: {
          tags,
          summary: 'Yearly statistics',
          querystring: statsQuery,
          response: { 200: complaintStatsOutput },
        },
      },
      async (req) => complaints.stats(accessContext(req), req.query),
    );
    app.get(
      '/api/complaints/:id',
      { schema: { tags, params: complaintIdParam, response: { 200: complaintOutput } } },
      async (req) => complaints.get(accessContext(req), req.params.id),
    );
    const steps = [
      ['assign', assignInput, complaints.assign],
      ['progress', progressInput, complaints.progress],
      ['extend', extendComplaintInput, complaints.extend],
      ['answer', answerComplaintInput, complaints.answer],
    ] as const;
    for (const [step, body, fn] of steps) {
      app.post(
        `/api/complaints/:id/${step}`,
        { schema: { tags, params: complaintIdParam, body, response: { 200: complaintOutput } } },
        async (req) => fn(accessContext(req), req.params.id, req.body),
      );
    }
    app.post(
      '/api/complaints/:id/archive',
      { schema: { tags, params: complaintIdParam, body: archiveInput, response: { 200: complaintOutput } } },
      async (req) => complaints.archive(accessContext(req), req.params.id, req.body),
    );
  };
}
