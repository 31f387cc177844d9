import { z } from 'zod';
import { accessContext, type App } from '../../platform/http/server';
import { isoDate } from '../patients/patients.input';
import type { MessagingService } from '../messaging/messaging.service';
import { wording } from '../messaging/wording';
import type { BookingService } from './booking.service';

const slugParam = z.object({ slug: z.string().regex(/^[a-z0-9][a-z0-9-]{1,40}$/, 'not a clinic') });
const idParam = z.object({ id: z.uuid({ message: 'not an id' }) });
const tags = ['booking'];
const pub = { public: true };

const esc = (s: string) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
const page = (title: string, body: string) =>
  `<!doctype html><html><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${esc(title)}</title></head><body style="font-family:sans-serif;max-width:36em;margin:2em auto">${body}</body></html>`;

/** The public booking page's API (no login), reception's requests inbox, and the reminder opt-out link. */
export function bookingRoutes(booking: BookingService, messaging: MessagingService) {
  return async (app: App) => {
    // The opt-out page posts an empty HTML form.
    app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, _body, done) => done(null, {}));
    app.get('/api/public/clinics/:slug/booking', { config: pub, schema: { tags, params: slugParam, summary: 'Services and professionals for online booking' } }, async (req) =>
      booking.publicInfo(req.params.slug));
    app.get('/api/public/clinics/:slug/slots', {
      config: pub,
      schema: { tags, params: slugParam, querystring: z.object({ serviceId: z.uuid({ message: 'choose a service' }), from: isoDate.optional(), to: isoDate.optional(), professionalId: z.uuid().optional() }) },
    }, async (req) => booking.publicSlots(req.params.slug, req.query));
    app.post('/api/public/clinics/:slug/booking-requests', {
      config: pub, schema: { tags, params: slugParam, body: z.record(z.string(), z.unknown()), summary: 'Leave a written booking request' },
    }, async (req, reply) => {
      reply.status(201);
      return booking.createRequest(req.params.slug, req.body, req.ip);
    });

    app.get('/api/booking-requests', { schema: { tags, querystring: z.object({ all: z.enum(['true', 'false']).optional() }), summary: 'Requests due and overdue' } }, async (req) =>
      booking.inbox(accessContext(req), { all: req.query.all === 'true' }));
    app.post('/api/booking-requests/:id/confirm', { schema: { tags, params: idParam, body: z.record(z.string(), z.unknown()) } }, async (req) =>
      booking.confirm(accessContext(req), req.params.id, req.body));
    app.post('/api/booking-requests/:id/decline', { schema: { tags, params: idParam, body: z.strictObject({ note: z.string().trim().min(3).max(500) }) } }, async (req) => {
      await booking.decline(accessContext(req), req.params.id, req.body.note);
      return { ok: true };
    });

    // A link in an SMS must work with one tap, but a GET must not change anything (link previews): it asks first.
    const token = z.object({ token: z.string().min(10).max(200) });
    app.get('/api/public/opt-out/:token', { config: pub, schema: { hide: true, params: token } }, async (req, reply) => {
      const { lang } = await messaging.optOutInfo(req.params.token);
      const w = wording[lang].optOutPage;
      return reply.type('text/html').send(page(w.title, `<h1>${esc(w.title)}</h1><p>${esc(w.question)}</p><form method="post"><button type="submit">${esc(w.button)}</button></form>`));
    });
    app.post('/api/public/opt-out/:token', { config: pub, schema: { hide: true, params: token } }, async (req, reply) => {
      const { lang } = await messaging.optOut(req.params.token);
      const w = wording[lang].optOutPage;
      return reply.type('text/html').send(page(w.title, `<h1>${esc(w.title)}</h1><p>${esc(w.done)}</p>`));
    });
  };
}
