import { z } from 'zod';
import { binaryBody, itemsOf } from '../../platform/http/contract';
import { type App, accessContext } from '../../platform/http/server';
import { type createRecordCopies, recordCopyInput } from './requests.copies';
import type { RequestErasure } from './requests.erasure';
import { type createRequestExports, exportFormats } from './requests.export';
import {
  answerRequestInput,
  erasureDecisionInput,
  extendRequestInput,
  refuseRequestInput,
  registerRequestInput,
  requestIdParam,
  requestListQuery,
  requestNoteInput,
} from './requests.input';
import { erasurePlanOutput, radarOutput, recordCopySentOutput, requestOutput } from './requests.output';
import type { RequestsService } from './requests.service';

const tags = ['requests'];

/** Staff work on data-subject requests: intake, the inbox, the radar and each step of a request. */
export function requestsRoutes(
  requests: RequestsService,
  exports: ReturnType<typeof createRequestExports>,
  erasure: RequestErasure,
  copies: ReturnType<typeof createRecordCopies>,
) {
  return async (app: App) => {
    app.post(
      '/api/requests',
      {
        schema: {
          tags,
          summary: 'Register a data-subject request received by letter, e-mail or at the desk',
          body: registerRequestInput,
          response: { 201: requestOutput },
        },
      },
      async (req, reply) => {
        reply.status(201);
        return requests.register(accessContext(req), req.body);
      },
    );

    app.get(
      '/api/requests',
      {
        schema: {
          tags,
          summary: 'The requests inbox, soonest due first',
          querystring: requestListQuery,
          response: { 200: itemsOf(requestOutput) },
        },
      },
      async (req) => ({ items: await requests.list(accessContext(req), req.query) }),
    );

    app.get(
      '/api/requests/radar',
      { schema: { tags, summary: "The data protection officer's deadline radar", response: { 200: radarOutput } } },
      async (req) => requests.radar(accessContext(req)),
    );

    app.get(
      '/api/requests/:id',
      {
        schema: {
          tags,
          summary: 'One request with its timeline',
          params: requestIdParam,
          response: { 200: requestOutput },
        },
      },
      async (req) => requests.get(accessContext(req), req.params.id),
    );

    app.get(
      '/api/requests/:id/export',
      {
        schema: {
          tags,
          summary: "The copy of the person's data answering an access or portability request (FHIR, CSV or PDF)",
          params: requestIdParam,
          querystring: z.object({ format: z.enum(exportFormats) }),
          response: {
            200: {
              description: 'FHIR R4 Bundle (application/fhir+json), CSV or PDF',
              content: {
                ...binaryBody('application/fhir+json', 'FHIR').content,
                ...binaryBody('text/csv', 'CSV').content,
                ...binaryBody('application/pdf', 'PDF').content,
              },
            },
          },
        },
      },
      async (req, reply) => {
        const file = await exports.forRequest(accessContext(req), req.params.id, req.query.format);
        reply.header('content-type', file.contentType);
        reply.header('content-disposition', `attachment; filename="${file.filename}"`);
        // FHIR and CSV come as a stream from a temporary file; Fastify sends a stream as it sends bytes.
        return reply.send(file.body as Buffer);
      },
    );

    app.get(
      '/api/requests/:id/erasure-plan',
      {
        schema: {
          tags,
          summary: 'Per data category of the person: erasable now, kept until a date under a rule, or held',
          params: requestIdParam,
          response: { 200: erasurePlanOutput },
        },
      },
      async (req) => erasure.plan(accessContext(req), req.params.id),
    );

    app.post(
      '/api/requests/:id/erasure',
      {
        schema: {
          tags,
          summary: 'Erase what no duty keeps, refuse the rest with its rule and end date, and answer',
          params: requestIdParam,
          body: erasureDecisionInput,
          response: { 200: requestOutput },
        },
      },
      async (req) => erasure.decide(accessContext(req), req.params.id, req.body),
    );

    app.post(
      '/api/requests/:id/copy',
      {
        schema: {
          tags,
          summary:
            'E-mail the copy encrypted: an AES-256 PDF with its one-time password by SMS to the patient, or CMS enveloped data to the recipient’s X.509 certificate',
          params: requestIdParam,
          body: recordCopyInput,
          response: { 202: recordCopySentOutput },
        },
      },
      async (req, reply) => {
        reply.status(202);
        return copies.send(accessContext(req), req.params.id, req.body);
      },
    );

    const steps = [
      ['extend', extendRequestInput, 'Extend by up to two months, with reasons told before the due date'],
      ['answer', answerRequestInput, 'Record the answer sent to the person'],
      ['refuse', refuseRequestInput, 'Refuse with the legal reason'],
      ['wait', requestNoteInput, 'Waiting on the person (identity, clarification)'],
      ['resume', requestNoteInput, 'The person answered: open again'],
      ['note', requestNoteInput, 'A note on the timeline'],
      ['withdraw', requestNoteInput, 'The person withdrew the request'],
      ['lift', requestNoteInput, 'Lift a granted restriction of processing, told to the person first (Art. 18(3))'],
    ] as const;
    const handlers = {
      extend: requests.extend,
      answer: requests.answer,
      refuse: requests.refuse,
      wait: requests.waitOnPerson,
      resume: requests.resume,
      note: requests.note,
      withdraw: requests.withdraw,
      lift: requests.lift,
    };
    for (const [step, body, summary] of steps) {
      app.post(
        `/api/requests/:id/${step}`,
        { schema: { tags, summary, params: requestIdParam, body, response: { 200: requestOutput } } },
        async (req) => handlers[step](accessContext(req), req.params.id, req.body),
      );
    }
  };
}
