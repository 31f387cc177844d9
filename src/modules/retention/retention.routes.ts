import { type App, accessContext } from '../../platform/http/server';
import {
  erasureInput,
  holdInput,
  holdParams,
  patientParams,
  releaseInput,
  runInput,
  runParams,
} from './retention.input';
import {
  erasureOutput,
  erasurePlanOutput,
  holdListOutput,
  holdOutput,
  patientRetentionOutput,
  planOutput,
  runListOutput,
  runOutput,
} from './retention.output';
import type { PatientRetention } from './retention.patient';
import type { RetentionService } from './retention.service';

const tags = ['retention'];

/** The DPO's retention screens: the plan, runs and their reports, legal holds, erasure. */
export function retentionRoutes(retention: RetentionService, patientRetention: PatientRetention) {
  return async (app: App) => {
    app.get(
      '/api/retention/plan',
      { schema: { tags, summary: 'What a retention run would remove today', response: { 200: planOutput } } },
      async (req) => retention.plan(accessContext(req)),
    );
    app.get(
      '/api/retention/runs',
      { schema: { tags, summary: 'Retention runs, latest first', response: { 200: runListOutput } } },
      async (req) => ({ items: await retention.runs(accessContext(req)) }),
    );
    app.post(
      '/api/retention/runs',
      {
        schema: {
          tags,
          summary: 'Run retention now (or resume the unfinished run)',
          body: runInput,
          response: { 201: runOutput },
        },
      },
      async (req, reply) => {
        const ctx = accessContext(req);
        const r = await retention.run(ctx, {
          trigger: 'web',
          ...(req.body.batchSize ? { batchSize: req.body.batchSize } : {}),
        });
        reply.code(201);
        return retention.runById(ctx, r.id);
      },
    );
    app.get(
      '/api/retention/runs/:id',
      { schema: { tags, params: runParams, response: { 200: runOutput } } },
      async (req) => retention.runById(accessContext(req), req.params.id),
    );
    app.get(
      '/api/retention/holds',
      { schema: { tags, summary: 'Legal holds', response: { 200: holdListOutput } } },
      async (req) => ({ items: await retention.holds(accessContext(req)) }),
    );
    app.post(
      '/api/retention/holds',
      { schema: { tags, summary: 'Place a legal hold', body: holdInput, response: { 201: holdOutput } } },
      async (req, reply) => {
        const h = await retention.placeHold(accessContext(req), req.body);
        reply.code(201);
        return h;
      },
    );
    app.post(
      '/api/retention/holds/:id/release',
      { schema: { tags, params: holdParams, body: releaseInput, response: { 200: holdOutput } } },
      async (req) => retention.releaseHold(accessContext(req), req.params.id),
    );
    app.get(
      '/api/retention/patients/:patientId',
      {
        schema: {
          tags,
          summary: "When a patient's record and invoices go, under which rule, and the holds that keep them",
          params: patientParams,
          response: { 200: patientRetentionOutput },
        },
      },
      async (req) => patientRetention.forPatient(accessContext(req), req.params.patientId),
    );
    app.get(
      '/api/retention/patients/:patientId/erasure',
      {
        schema: {
          tags,
          summary: "What of a patient's data can be erased now",
          params: patientParams,
          response: { 200: erasurePlanOutput },
        },
      },
      async (req) => retention.planErasure(accessContext(req), req.params.patientId),
    );
    app.post(
      '/api/retention/patients/:patientId/erasure',
      { schema: { tags, params: patientParams, body: erasureInput, response: { 200: erasureOutput } } },
      async (req) => retention.erase(accessContext(req), req.params.patientId, req.body),
    );
  };
}
