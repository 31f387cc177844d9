import { z } from 'zod';
import { ok } from '../../platform/http/contract';
import { type App, accessContext } from '../../platform/http/server';
import { isoDate } from '../../platform/input';
import { confirmInput, declineInput, publicRequestInput } from './booking.input';
import {
  bookingRequestReceived,
  confirmedOutput,
  inboxOutput,
  publicBookingInfoOutput,
  publicSlotsOutput,
} from './booking.output';
import type { BookingService } from './booking.service';

const slugParam = z.object({ slug: z.string().regex(/^[a-z0-9][a-z0-9-]{1,40}$/, 'not a clinic') });
const idParam = z.object({ id: z.uuid({ message: 'not an id' }) });
const tags = ['booking'];
const pub = { public: true };

/** The public booking page's API (no login) and reception's requests inbox. */
export function bookingRoutes(booking: BookingService) {
  return async (app: App) => {
    app.get(
      '/api/public/clinics/:slug/booking',
      {
        config: pub,
        schema: {
          tags,
          params: slugParam,
          summary: 'Services and professionals for online booking',
          response: { 200: publicBookingInfoOutput },
        },
      },
      async (req) => booking.publicInfo(req.params.slug),
    );
    app.get(
      '/api/public/clinics/:slug/slots',
      {
        config: pub,
        schema: {
          tags,
          params: slugParam,
          querystring: z.object({
            serviceId: z.uuid({ message: 'choose a service' }),
            from: isoDate.optional(),
            to: isoDate.optional(),
            professionalId: z.uuid().optional(),
          }),
          response: { 200: publicSlotsOutput },
        },
      },
      async (req) => booking.publicSlots(req.params.slug, req.query),
    );
    app.post(
      '/api/public/clinics/:slug/booking-requests',
      {
        config: pub,
        schema: {
          tags,
          params: slugParam,
          body: publicRequestInput,
          summary: 'Leave a written booking request',
          response: { 201: bookingRequestReceived },
        },
      },
      async (req, reply) => {
        reply.status(201);
        return booking.createRequest(req.params.slug, req.body, req.ip);
      },
    );

    app.get(
      '/api/booking-requests',
      {
        schema: {
          tags,
          querystring: z.object({ all: z.enum(['true', 'false']).optional() }),
          summary: 'Requests due and overdue',
          response: { 200: inboxOutput },
        },
      },
      async (req) => booking.inbox(accessContext(req), { all: req.query.all === 'true' }),
    );
    app.post(
      '/api/booking-requests/:id/confirm',
      { schema: { tags, params: idParam, body: confirmInput, response: { 200: confirmedOutput } } },
      async (req) => booking.confirm(accessContext(req), req.params.id, req.body),
    );
    app.post(
      '/api/booking-requests/:id/decline',
      {
        schema: {
          tags,
          params: idParam,
          body: declineInput,
          summary: 'Decline a request: the message is sent to the person',
          response: { 200: ok },
        },
      },
      async (req) => {
        await booking.decline(accessContext(req), req.params.id, req.body);
        return { ok: true };
      },
    );
  };
}
