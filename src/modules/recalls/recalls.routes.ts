import { type App, accessContext } from '../../platform/http/server';
import type { CampaignsService } from './campaigns.service';
import { campaignInput, idParam, intervalInput, inviteInput, serviceParam } from './recalls.input';
import {
  campaignDetailOutput,
  campaignListOutput,
  campaignOutput,
  dueOutput,
  intervalOutput,
  intervalsOutput,
  invitationOutput,
} from './recalls.output';
import type { RecallsService } from './recalls.service';

const tags = ['recalls'];

export function recallsRoutes(recalls: RecallsService, campaigns: CampaignsService) {
  return async (app: App) => {
    app.get(
      '/api/recalls/due',
      {
        schema: {
          tags,
          summary: 'Patients due for a check-up, and whether each may be invited now',
          response: { 200: dueOutput },
        },
      },
      async (req) => ({ items: await recalls.due(accessContext(req)) }),
    );
    app.post(
      '/api/recalls/invitations',
      {
        schema: {
          tags,
          summary: 'Invite a patient to a check-up by SMS or e-mail (checked again when it is sent)',
          body: inviteInput,
          response: { 201: invitationOutput },
        },
      },
      async (req, reply) => {
        reply.code(201);
        return recalls.invite(accessContext(req), req.body);
      },
    );
    app.get('/api/recalls/intervals', { schema: { tags, response: { 200: intervalsOutput } } }, async (req) => ({
      items: await recalls.intervals(accessContext(req)),
    }));
    app.put(
      '/api/recalls/intervals/:serviceId',
      { schema: { tags, params: serviceParam, body: intervalInput, response: { 200: intervalOutput } } },
      async (req) => recalls.setInterval(accessContext(req), req.params.serviceId, req.body),
    );
    app.get('/api/campaigns', { schema: { tags, response: { 200: campaignListOutput } } }, async (req) => ({
      items: await campaigns.list(accessContext(req)),
    }));
    app.post(
      '/api/campaigns',
      {
        schema: {
          tags,
          summary: 'Send a newsletter or offer to everyone whose consent is in the ledger when it goes',
          body: campaignInput,
          response: { 201: campaignOutput },
        },
      },
      async (req, reply) => {
        reply.code(201);
        return campaigns.create(accessContext(req), req.body);
      },
    );
    app.get(
      '/api/campaigns/:id',
      { schema: { tags, params: idParam, response: { 200: campaignDetailOutput } } },
      async (req) => campaigns.get(accessContext(req), req.params.id),
    );
  };
}
