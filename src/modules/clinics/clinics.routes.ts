import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { ForbiddenError, UnauthenticatedError } from '../../platform/errors';
import { type App, accessContext } from '../../platform/http/server';
import { clinicGroupInput, clinicProfileInput, onboardClinicInput } from './clinics.input';
import { clinicGroupOutput, clinicOutput, onboardedClinicOutput, publicClinicOutput } from './clinics.output';
import type { ClinicsService } from './clinics.service';

const tags = ['clinics'];

export function clinicsRoutes(clinics: ClinicsService) {
  const operatorOnly = async (req: FastifyRequest) => {
    if (!clinics.operatorApiOn()) throw new ForbiddenError('the operator API is off (set OPERATOR_TOKEN)');
    if (!clinics.isOperator(req.headers.authorization))
      throw new UnauthenticatedError('the operator token is missing or wrong');
  };
  return async (app: App) => {
    app.get(
      '/api/clinic',
      { schema: { tags, summary: "The signed-in user's clinic", response: { 200: clinicOutput } } },
      async (req) => clinics.current(accessContext(req)),
    );

    app.patch(
      '/api/clinic',
      {
        schema: {
          tags,
          summary:
            "Change the clinic's profile: names, registry code, addresses, contacts, data protection contact, time zone",
          body: clinicProfileInput,
          response: { 200: clinicOutput },
        },
      },
      async (req) => clinics.updateProfile(accessContext(req), req.body),
    );

    // What a login page or a public page may show about a clinic: the schema leaves out the rest.
    app.get(
      '/api/public/clinics/:slug',
      {
        config: { public: true },
        schema: { tags, params: z.object({ slug: z.string().max(60) }), response: { 200: publicClinicOutput } },
      },
      async (req) => clinics.bySlug(req.params.slug),
    );

    // The deployment's operator adds a clinic: no clinic session exists yet, so the route is
    // outside the session guard and takes the operator's bearer token (OPERATOR_TOKEN) instead,
    // checked before the body is read.
    app.post(
      '/api/operator/clinics',
      {
        config: { public: true },
        onRequest: operatorOnly,
        schema: {
          tags,
          summary: 'Add a clinic and its first administrator (deployment operator, bearer OPERATOR_TOKEN)',
          body: onboardClinicInput,
          response: { 201: onboardedClinicOutput },
        },
      },
      async (req, reply) => reply.status(201).send(await clinics.onboard('api', req.body)),
    );

    app.post(
      '/api/operator/clinic-groups',
      {
        config: { public: true },
        onRequest: operatorOnly,
        schema: {
          tags,
          summary: 'Group clinics, e.g. joint controllers (deployment operator, bearer OPERATOR_TOKEN)',
          body: clinicGroupInput,
          response: { 201: clinicGroupOutput },
        },
      },
      async (req, reply) => reply.status(201).send(await clinics.formGroup('api', req.body)),
    );
  };
}

/** `hoidja clinic add` while `hoidja serve` holds the embedded database (behind the local token). */
export function clinicsInternalRoutes(clinics: ClinicsService) {
  return async (app: App) => {
    app.post(
      '/internal/clinics',
      { config: { public: true }, schema: { hide: true, body: z.unknown() } },
      async (req) => clinics.onboard('cli', req.body as never),
    );
    app.post(
      '/internal/clinic-groups',
      { config: { public: true }, schema: { hide: true, body: z.unknown() } },
      async (req) => clinics.formGroup('cli', req.body as never),
    );
  };
}
