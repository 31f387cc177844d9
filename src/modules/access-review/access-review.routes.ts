import { z } from 'zod';
import { instant } from '../../platform/http/contract';
import { type App, accessContext } from '../../platform/http/server';
import { type AccessReviewService, markInput, reviewQuery } from './access-review.service';

const tags = ['access-review'];
const findingsOutput = z.object({
  from: z.string(),
  to: z.string(),
  items: z.array(
    z.object({
      key: z.string(),
      kind: z.string(),
      staffUserId: z.string(),
      staffName: z.string(),
      day: z.string(),
      count: z.number().int(),
      explanation: z.string(),
      reviewed: z.object({ outcome: z.string(), note: z.string(), at: instant }).nullable(),
    }),
  ),
});

export function accessReviewRoutes(s: AccessReviewService) {
  return async (app: App) => {
    app.get(
      '/api/access-review',
      {
        schema: {
          tags,
          summary: 'Unusual access from the audit log',
          querystring: reviewQuery,
          response: { 200: findingsOutput },
        },
      },
      async (req) => s.findings(accessContext(req), req.query),
    );
    app.post(
      '/api/access-review/marks',
      { schema: { tags, body: markInput, response: { 200: z.object({ key: z.string(), outcome: z.string() }) } } },
      async (req) => s.markReviewed(accessContext(req), req.body),
    );
  };
}
