import { z } from 'zod';
import type { AuditService } from '../../platform/audit/audit.service';
import type { Db } from '../../platform/db';
import { UnauthenticatedError } from '../../platform/errors';
import { binaryBody, itemsOf } from '../../platform/http/contract';
import type { App } from '../../platform/http/server';
import { disclosureOutput } from '../disclosures/disclosures.output';
import type { DisclosuresService } from '../disclosures/disclosures.service';
import { actingEntry, type PortalActing } from '../portal/portal.acting';
import { portalSessionGuard } from '../portal/portal.routes';
import type { PortalService } from '../portal/portal.service';
import type { PortalActor } from './requests.core';
import { exportFormats, type RequestExports } from './requests.export';
import { portalRequestInput } from './requests.input';
import { requestOutput } from './requests.output';
import type { RequestsService } from './requests.service';

const tags = ['portal'];

export interface PortalRightsDeps {
  db: Db;
  audit: AuditService;
  portal: Pick<PortalService, 'authenticate'>;
  disclosures: Pick<DisclosuresService, 'forPerson'>;
}

/** The portal's rights tab: the person files requests and follows them, downloads their copy, sees disclosures. */
export function portalRightsRoutes(deps: PortalRightsDeps, requests: RequestsService, exports: RequestExports) {
  const { db, audit, disclosures } = deps;
  const signedIn = { config: { public: true }, preHandler: portalSessionGuard(deps.portal) };
  /** The person acted for, and the representation acted through (null: the person themselves). */
  const actorOf = (req: { portalSession: PortalActing | null; id: string }): PortalActor => {
    if (!req.portalSession) throw new UnauthenticatedError('sign in to the patient portal first');
    return {
      clinicId: req.portalSession.clinicId,
      patientId: req.portalSession.patientId,
      representativeId: req.portalSession.representativeId,
      requestId: req.id,
    };
  };

  return async (app: App) => {
    app.get(
      '/api/portal/requests',
      {
        ...signedIn,
        schema: { tags, summary: 'My requests and their progress', response: { 200: itemsOf(requestOutput) } },
      },
      async (req) => ({ items: await requests.listForPerson(actorOf(req)) }),
    );

    app.post(
      '/api/portal/requests',
      {
        ...signedIn,
        schema: {
          tags,
          summary: 'Ask for access, a copy, a correction, erasure, restriction, or object',
          body: portalRequestInput,
          response: { 201: requestOutput },
        },
      },
      async (req, reply) => {
        reply.status(201);
        return requests.fileByPerson(actorOf(req), req.body);
      },
    );

    app.get(
      '/api/portal/export',
      {
        ...signedIn,
        schema: {
          tags,
          summary: 'Download my data: FHIR R4 Bundle, CSV or PDF',
          querystring: z.object({ format: z.enum(exportFormats) }),
          response: {
            200: {
              description: 'FHIR R4 Bundle, CSV or PDF',
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
        const file = await exports.forPerson(actorOf(req), req.query.format);
        reply.header('content-type', file.contentType);
        reply.header('content-disposition', `attachment; filename="${file.filename}"`);
        // FHIR and CSV come as a stream from a temporary file; Fastify sends a stream as it sends bytes.
        return reply.send(file.body as Buffer);
      },
    );

    app.get(
      '/api/portal/disclosures',
      {
        ...signedIn,
        schema: { tags, summary: 'Who my data was given to', response: { 200: itemsOf(disclosureOutput) } },
      },
      async (req) => {
        const actor = actorOf(req);
        const ctx = { clinicId: actor.clinicId, user: null, requestId: req.id, channel: 'public' as const };
        const items = await db.transaction(async (tx) => {
          const rows = await disclosures.forPerson(tx, actor.clinicId, actor.patientId);
          await audit.append(tx, ctx, [
            actingEntry(actor, {
              action: 'portal.disclosures.view',
              entityType: 'disclosure',
              purpose: 'transparency',
            }),
          ]);
          return rows;
        });
        return { items };
      },
    );
  };
}
