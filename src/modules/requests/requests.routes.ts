import { itemsOf } from '../../platform/http/contract';
import { type App, accessContext } from '../../platform/http/server';
import {
  answerRequestInput,
  extendRequestInput,
  refuseRequestInput,
  registerRequestInput,
  requestIdParam,
  requestListQuery,
  requestNoteInput,
} from './requests.input';
import { radarOutput, requestOutput } from './requests.output';
import type { RequestsService } from './requests.service';

const tags = ['requests'];

/** Staff work on data-subject requests: intake, the inbox, the radar and each step of a request. */
export function requestsRoutes(requests: RequestsService) {
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

    const steps = [
      ['extend', extendRequestInput, 'Extend by up to two months, with reasons told before the due date'],
      ['answer', answerRequestInput, 'Record the answer sent to the person'],
      ['refuse', refuseRequestInput, 'Refuse with the legal reason'],
      ['wait', requestNoteInput, 'Waiting on the person (identity, clarification)'],
      ['resume', requestNoteInput, 'The person answered: open again'],
      ['note', requestNoteInput, 'A note on the timeline'],
      ['withdraw', requestNoteInput, 'The person withdrew the request'],
    ] as const;
    const handlers = {
      extend: requests.extend,
      answer: requests.answer,
      refuse: requests.refuse,
      wait: requests.waitOnPerson,
      resume: requests.resume,
      note: requests.note,
      withdraw: requests.withdraw,
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
