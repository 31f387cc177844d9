import { z } from 'zod';
import { type App, accessContext } from '../../platform/http/server';
import { exportInput, type ResearchService } from './research.service';

const exportOutput = z.object({
  project: z.string(),
  basis: z.string(),
  patients: z.number().int(),
  rows: z.array(
    z.object({
      pseudonym: z.string(),
      ageBand: z.string(),
      sex: z.string().nullable(),
      town: z.string().nullable(),
      month: z.string().nullable(),
      services: z.array(z.string()),
      complaints: z.array(z.string()),
    }),
  ),
});

export function researchRoutes(s: ResearchService) {
  return async (app: App) => {
    app.post(
      '/api/research/exports',
      {
        schema: {
          tags: ['research'],
          summary: 'A pseudonymised export for one project',
          body: exportInput,
          response: { 200: exportOutput },
        },
      },
      async (req) => s.exportProject(accessContext(req), req.body),
    );
  };
}
