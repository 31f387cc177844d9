import { z } from 'zod';
import { itemsOf, ok } from '../../platform/http/contract';
import { type App, accessContext } from '../../platform/http/server';
import { billPayerInput, patientInput, patientUpdateInput, representativeInput } from './patients.input';
import {
  accessEventOutput,
  billPayerOutput,
  patientRecordOutput,
  registeredOutput,
  representativeOutput,
  searchOutput,
  updatedOutput,
  versionOutput,
} from './patients.output';
import type { PatientsService } from './patients.service';

const idParam = z.object({ id: z.uuid({ message: 'not a patient id' }) });
const tags = ['patients'];

/** Patients over HTTP. An ID code never travels in a URL: search is a POST. */
export function patientsRoutes(patients: PatientsService) {
  return async (app: App) => {
    app.post(
      '/api/patients',
      { schema: { tags, summary: 'Register a patient', body: patientInput, response: { 201: registeredOutput } } },
      async (req, reply) => {
        reply.status(201);
        return patients.register(accessContext(req), req.body);
      },
    );

    app.post(
      '/api/patients/search',
      {
        schema: {
          tags,
          summary: 'Find patients by name fragment, ID code, phone or e-mail',
          body: z.strictObject({
            query: z.string().min(2, 'type at least 2 characters').max(200),
            limit: z.number().int().min(1).max(100).optional(),
            includeArchived: z.boolean().optional(),
          }),
          response: { 200: searchOutput },
        },
      },
      async (req) => patients.search(accessContext(req), req.body),
    );

    app.get(
      '/api/patients/:id',
      { schema: { tags, params: idParam, response: { 200: patientRecordOutput } } },
      async (req) => patients.get(accessContext(req), req.params.id),
    );

    app.patch(
      '/api/patients/:id',
      { schema: { tags, params: idParam, body: patientUpdateInput, response: { 200: updatedOutput } } },
      async (req) => patients.update(accessContext(req), req.params.id, req.body),
    );

    app.post(
      '/api/patients/:id/archive',
      {
        schema: {
          tags,
          params: idParam,
          body: z.strictObject({ reason: z.string().trim().min(3).max(500) }),
          response: { 200: ok },
        },
      },
      async (req) => {
        await patients.archive(accessContext(req), req.params.id, req.body.reason);
        return { ok: true };
      },
    );

    app.get(
      '/api/patients/:id/history',
      { schema: { tags, params: idParam, response: { 200: itemsOf(versionOutput) } } },
      async (req) => ({
        items: await patients.history(accessContext(req), req.params.id),
      }),
    );

    app.get(
      '/api/patients/:id/access-history',
      {
        schema: {
          tags,
          summary: "Who looked at this patient's data",
          params: idParam,
          response: { 200: itemsOf(accessEventOutput) },
        },
      },
      async (req) => ({ items: await patients.accessHistory(accessContext(req), req.params.id) }),
    );

    app.post(
      '/api/patients/:id/representatives',
      { schema: { tags, params: idParam, body: representativeInput, response: { 201: representativeOutput } } },
      async (req, reply) => {
        reply.status(201);
        return patients.addRepresentative(accessContext(req), req.params.id, req.body);
      },
    );

    app.post(
      '/api/patients/:id/representatives/:repId/end',
      { schema: { tags, params: idParam.extend({ repId: z.uuid() }), response: { 200: ok } } },
      async (req) => {
        await patients.endRepresentative(accessContext(req), req.params.id, req.params.repId);
        return { ok: true };
      },
    );

    app.post(
      '/api/patients/:id/bill-payers',
      { schema: { tags, params: idParam, body: billPayerInput, response: { 201: billPayerOutput } } },
      async (req, reply) => {
        reply.status(201);
        return patients.addBillPayer(accessContext(req), req.params.id, req.body);
      },
    );

    app.post(
      '/api/patients/:id/bill-payers/:payerId/end',
      { schema: { tags, params: idParam.extend({ payerId: z.uuid() }), response: { 200: ok } } },
      async (req) => {
        await patients.endBillPayer(accessContext(req), req.params.id, req.params.payerId);
        return { ok: true };
      },
    );

    app.post(
      '/api/patients/:id/care-team',
      { schema: { tags, params: idParam, body: z.strictObject({ staffUserId: z.uuid() }), response: { 200: ok } } },
      async (req) => {
        await patients.assignCare(accessContext(req), req.params.id, req.body.staffUserId);
        return { ok: true };
      },
    );
  };
}
