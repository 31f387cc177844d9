import { z } from 'zod';
import { type App, accessContext } from '../../platform/http/server';
import { isoDate } from '../../platform/input';
import type { MessagingService } from '../messaging/messaging.service';
import type { QueueReadService } from './queue.read';
import type { QueueService } from './queue.service';
import type { ResourcesService } from './resources.service';
import type { SlotsService } from './slots.service';

const idParam = z.object({ id: z.uuid({ message: 'not an id' }) });
const tags = ['queue'];
const body = z.record(z.string(), z.unknown());

export interface QueueRouteDeps {
  resources: ResourcesService;
  slots: SlotsService;
  queue: QueueService;
  read: QueueReadService;
  messaging: MessagingService;
}

/** The treatment queue for staff: resources, free times, entries and their messages. */
export function queueRoutes(d: QueueRouteDeps) {
  return async (app: App) => {
    app.get(
      '/api/queue/catalogue',
      { schema: { tags, summary: 'Professionals, locations, rooms, services and working hours' } },
      async (req) => d.resources.catalogue(accessContext(req)),
    );
    for (const [path, fn] of [
      ['professionals', d.resources.addProfessional],
      ['locations', d.resources.addLocation],
      ['rooms', d.resources.addRoom],
      ['services', d.resources.addService],
      ['schedules', d.resources.addSchedule],
      ['exceptions', d.resources.addException],
    ] as const) {
      app.post(`/api/queue/${path}`, { schema: { tags, body } }, async (req, reply) => {
        reply.status(201);
        return fn(accessContext(req), req.body);
      });
    }
    app.patch('/api/queue/professionals/:id', { schema: { tags, params: idParam, body } }, async (req) =>
      d.resources.updateProfessional(accessContext(req), req.params.id, req.body),
    );
    app.patch('/api/queue/services/:id', { schema: { tags, params: idParam, body } }, async (req) =>
      d.resources.updateService(accessContext(req), req.params.id, req.body),
    );
    app.delete('/api/queue/schedules/:id', { schema: { tags, params: idParam } }, async (req) => {
      await d.resources.removeSchedule(accessContext(req), req.params.id);
      return { ok: true };
    });
    app.get(
      '/api/queue/exceptions',
      { schema: { tags, querystring: z.object({ from: isoDate, to: isoDate }) } },
      async (req) => ({ items: await d.resources.exceptions(accessContext(req), req.query.from, req.query.to) }),
    );
    app.get('/api/queue/settings', { schema: { tags } }, async (req) => d.resources.settings(accessContext(req)));
    app.patch('/api/queue/settings', { schema: { tags, body } }, async (req) =>
      d.resources.updateSettings(accessContext(req), req.body),
    );

    app.get(
      '/api/queue/slots',
      {
        schema: {
          tags,
          summary: 'Free times for a service',
          querystring: z.object({
            serviceId: z.uuid(),
            from: isoDate.optional(),
            to: isoDate.optional(),
            professionalId: z.uuid().optional(),
          }),
        },
      },
      async (req) => {
        const ctx = accessContext(req);
        const r = await d.slots.search(ctx.clinicId, { ...req.query, limitPerProfessional: 500 });
        return {
          slots: r.slots.map((s) => ({
            professionalId: s.professionalId,
            start: s.start.toISOString(),
            end: s.end.toISOString(),
            locationId: s.locationId,
          })),
        };
      },
    );

    app.get('/api/queue/entries', { schema: { tags, summary: 'The queue, filtered' } }, async (req) =>
      d.read.list(accessContext(req), req.query),
    );
    app.post(
      '/api/queue/entries',
      { schema: { tags, summary: 'Register a patient into the queue (with or without a time)', body } },
      async (req, reply) => {
        reply.status(201);
        return { entry: await d.queue.register(accessContext(req), req.body) };
      },
    );
    app.get('/api/queue/entries/:id', { schema: { tags, params: idParam } }, async (req) =>
      d.read.get(accessContext(req), req.params.id),
    );
    app.patch(
      '/api/queue/entries/:id',
      { schema: { tags, params: idParam, body, summary: 'Change what was registered, with the reason' } },
      async (req) => ({ entry: await d.queue.update(accessContext(req), req.params.id, req.body) }),
    );
    const actions = {
      book: d.queue.book,
      move: d.queue.move,
      cancel: d.queue.cancel,
      remove: d.queue.remove,
      'no-show': d.queue.noShow,
      arrived: d.queue.arrived,
      done: d.queue.done,
    } as const;
    for (const [name, fn] of Object.entries(actions)) {
      app.post(
        `/api/queue/entries/:id/${name}`,
        { schema: { tags, params: idParam, body: body.optional() } },
        async (req) => ({ entry: await fn(accessContext(req), req.params.id, req.body ?? {}) }),
      );
    }
    app.post(
      '/api/queue/emergency',
      { schema: { tags, summary: 'Record emergency help given outside the queue', body } },
      async (req, reply) => {
        reply.status(201);
        return { entry: await d.queue.emergency(accessContext(req), req.body) };
      },
    );

    app.get(
      '/api/queue/entries/:id/notice.pdf',
      { schema: { tags, params: idParam, summary: 'The written notice, to print' } },
      async (req, reply) => {
        const { pdf, filename } = await d.messaging.noticePdf(accessContext(req), req.params.id);
        return reply.type('application/pdf').header('content-disposition', `inline; filename="${filename}"`).send(pdf);
      },
    );
    app.get(
      '/api/queue/entries/:id/messages',
      { schema: { tags, params: idParam, summary: 'Notices and reminders of a visit with their delivery status' } },
      async (req) => ({ items: await d.messaging.deliveries(accessContext(req), req.params.id) }),
    );
    app.get(
      '/api/queue/message-problems',
      { schema: { tags, summary: 'Messages that failed or are being retried' } },
      async (req) => ({ items: await d.messaging.problems(accessContext(req)) }),
    );
    app.get(
      '/api/queue/reports/waits',
      {
        schema: {
          tags,
          summary: 'Waits per service',
          querystring: z.object({ from: z.iso.datetime({ offset: true }), to: z.iso.datetime({ offset: true }) }),
        },
      },
      async (req) => d.read.waits(accessContext(req), req.query.from, req.query.to),
    );
  };
}
