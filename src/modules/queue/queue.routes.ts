import { z } from 'zod';
import { binaryBody, itemsOf, ok } from '../../platform/http/contract';
import { type App, accessContext } from '../../platform/http/server';
import { isoDate, isoDateTime } from '../../platform/input';
import type { MessagingService } from '../messaging/messaging.service';
import {
  bookInput,
  cancelInput,
  emergencyInput,
  listQuery,
  markInput,
  moveInput,
  registerInput,
  removeInput,
  updateInput,
} from './queue.input';
import {
  bookFrameOutput,
  catalogueOutput,
  createdId,
  deliveryOutput,
  entryChangeOutput,
  entryOutput,
  exceptionCreatedOutput,
  exceptionOutput,
  settingsOutput,
  slotsOutput,
  waitsOutput,
  writtenEntryOutput,
} from './queue.output';
import type { QueueReadService } from './queue.read';
import type { QueueService } from './queue.service';
import {
  exceptionInput,
  locationInput,
  professionalInput,
  professionalUpdateInput,
  roomInput,
  scheduleInput,
  serviceInput,
  serviceUpdateInput,
  settingsInput,
} from './resources.input';
import type { ResourcesService } from './resources.service';
import type { SlotsService } from './slots.service';

const idParam = z.object({ id: z.uuid({ message: 'not an id' }) });
const tags = ['queue'];

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
      {
        schema: {
          tags,
          summary: 'Professionals, locations, rooms, services and working hours',
          response: { 200: catalogueOutput },
        },
      },
      async (req) => d.resources.catalogue(accessContext(req)),
    );
    const additions = [
      ['professionals', professionalInput, d.resources.addProfessional],
      ['locations', locationInput, d.resources.addLocation],
      ['rooms', roomInput, d.resources.addRoom],
      ['services', serviceInput, d.resources.addService],
      ['schedules', scheduleInput, d.resources.addSchedule],
    ] as const;
    for (const [path, body, fn] of additions) {
      app.post(`/api/queue/${path}`, { schema: { tags, body, response: { 201: createdId } } }, async (req, reply) => {
        reply.status(201);
        return fn(accessContext(req), req.body);
      });
    }
    app.post(
      '/api/queue/exceptions',
      {
        schema: {
          tags,
          summary: 'Leave, a closure or extra hours; over booked visits only with confirm (409 visits_affected)',
          body: exceptionInput,
          response: { 201: exceptionCreatedOutput },
        },
      },
      async (req, reply) => {
        reply.status(201);
        return d.resources.addException(accessContext(req), req.body);
      },
    );
    app.post(
      '/api/queue/exceptions/check',
      {
        schema: {
          tags,
          summary: 'The booked visits an absence would fall on (nothing is recorded)',
          body: exceptionInput,
          response: { 200: exceptionCreatedOutput.pick({ affected: true }) },
        },
      },
      async (req) => d.resources.checkException(accessContext(req), req.body),
    );
    app.get(
      '/api/queue/book',
      {
        schema: {
          tags,
          summary: 'The appointment book: holidays, working hours and absences per professional and day',
          querystring: z.object({ from: isoDate, to: isoDate }),
          response: { 200: bookFrameOutput },
        },
      },
      async (req) => {
        const ctx = accessContext(req);
        d.read.requireQueueView(ctx);
        return d.slots.frame(ctx.clinicId, req.query.from, req.query.to);
      },
    );
    app.post(
      '/api/queue/entries/:id/notice/resend',
      {
        schema: {
          tags,
          params: idParam,
          summary: 'Send the written notice again (a new message, audited with the reason if given)',
          body: z.strictObject({ reason: z.string().trim().max(200).optional() }),
          response: { 200: ok },
        },
      },
      async (req) => {
        await d.messaging.resendNotice(accessContext(req), req.params.id, req.body.reason);
        return { ok: true };
      },
    );
    app.patch(
      '/api/queue/professionals/:id',
      { schema: { tags, params: idParam, body: professionalUpdateInput, response: { 200: createdId } } },
      async (req) => d.resources.updateProfessional(accessContext(req), req.params.id, req.body),
    );
    app.patch(
      '/api/queue/services/:id',
      { schema: { tags, params: idParam, body: serviceUpdateInput, response: { 200: createdId } } },
      async (req) => d.resources.updateService(accessContext(req), req.params.id, req.body),
    );
    app.delete(
      '/api/queue/schedules/:id',
      { schema: { tags, params: idParam, response: { 200: ok } } },
      async (req) => {
        await d.resources.removeSchedule(accessContext(req), req.params.id);
        return { ok: true };
      },
    );
    app.get(
      '/api/queue/exceptions',
      {
        schema: {
          tags,
          querystring: z.object({ from: isoDate, to: isoDate }),
          response: { 200: itemsOf(exceptionOutput) },
        },
      },
      async (req) => ({ items: await d.resources.exceptions(accessContext(req), req.query.from, req.query.to) }),
    );
    app.get('/api/queue/settings', { schema: { tags, response: { 200: settingsOutput } } }, async (req) =>
      d.resources.settings(accessContext(req)),
    );
    app.patch(
      '/api/queue/settings',
      { schema: { tags, body: settingsInput, response: { 200: settingsOutput } } },
      async (req) => d.resources.updateSettings(accessContext(req), req.body),
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
          response: { 200: slotsOutput },
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

    app.get(
      '/api/queue/entries',
      {
        schema: {
          tags,
          summary: 'The queue, filtered',
          querystring: listQuery,
          response: { 200: itemsOf(entryOutput) },
        },
      },
      async (req) => d.read.list(accessContext(req), req.query),
    );
    app.post(
      '/api/queue/entries',
      {
        schema: {
          tags,
          summary: 'Register a patient into the queue (with or without a time)',
          body: registerInput,
          response: { 201: writtenEntryOutput },
        },
      },
      async (req, reply) => {
        reply.status(201);
        return { entry: await d.queue.register(accessContext(req), req.body) };
      },
    );
    app.get(
      '/api/queue/entries/:id',
      {
        schema: {
          tags,
          params: idParam,
          response: { 200: z.object({ entry: entryOutput, changes: z.array(entryChangeOutput) }) },
        },
      },
      async (req) => d.read.get(accessContext(req), req.params.id),
    );
    app.patch(
      '/api/queue/entries/:id',
      {
        schema: {
          tags,
          params: idParam,
          body: updateInput,
          summary: 'Change what was registered, with the reason',
          response: { 200: writtenEntryOutput },
        },
      },
      async (req) => ({ entry: await d.queue.update(accessContext(req), req.params.id, req.body) }),
    );
    // The marks (no-show, arrived, done) take an optional note, so their body may be left out.
    const actions = [
      ['book', bookInput, d.queue.book],
      ['move', moveInput, d.queue.move],
      ['cancel', cancelInput, d.queue.cancel],
      ['remove', removeInput, d.queue.remove],
      ['no-show', markInput.optional(), d.queue.noShow],
      ['arrived', markInput.optional(), d.queue.arrived],
      ['done', markInput.optional(), d.queue.done],
    ] as const;
    for (const [name, body, fn] of actions) {
      app.post(
        `/api/queue/entries/:id/${name}`,
        { schema: { tags, params: idParam, body, response: { 200: writtenEntryOutput } } },
        async (req) => ({ entry: await fn(accessContext(req), req.params.id, req.body ?? {}) }),
      );
    }
    app.post(
      '/api/queue/emergency',
      {
        schema: {
          tags,
          summary: 'Record emergency help given outside the queue',
          body: emergencyInput,
          response: { 201: writtenEntryOutput },
        },
      },
      async (req, reply) => {
        reply.status(201);
        return { entry: await d.queue.emergency(accessContext(req), req.body) };
      },
    );

    app.get(
      '/api/queue/entries/:id/notice.pdf',
      {
        schema: {
          tags,
          params: idParam,
          summary: 'The written notice, to print',
          response: { 200: binaryBody('application/pdf', 'The notice as PDF') },
        },
      },
      async (req, reply) => {
        const ctx = accessContext(req);
        const { pdf, filename } = await d.messaging.noticePdf(ctx, req.params.id);
        await d.queue.noticePrinted(ctx, req.params.id);
        return reply.type('application/pdf').header('content-disposition', `inline; filename="${filename}"`).send(pdf);
      },
    );
    app.get(
      '/api/queue/entries/:id/messages',
      {
        schema: {
          tags,
          params: idParam,
          summary: 'Notices and reminders of a visit with their delivery status',
          response: { 200: itemsOf(deliveryOutput) },
        },
      },
      async (req) => {
        const ctx = accessContext(req);
        const items = await d.messaging.deliveries(ctx, req.params.id); // the role check first
        await d.queue.requireEntry(ctx, req.params.id);
        return { items };
      },
    );
    app.get(
      '/api/queue/message-problems',
      {
        schema: {
          tags,
          summary: 'Messages that failed or are being retried',
          response: { 200: itemsOf(deliveryOutput) },
        },
      },
      async (req) => ({ items: await d.messaging.problems(accessContext(req)) }),
    );
    app.get(
      '/api/queue/reports/waits',
      {
        schema: {
          tags,
          summary: 'Waits per service',
          querystring: z.object({ from: isoDateTime(), to: isoDateTime() }),
          response: { 200: waitsOutput },
        },
      },
      async (req) => d.read.waits(accessContext(req), req.query.from, req.query.to),
    );
  };
}
