import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { ForbiddenError, UnauthenticatedError } from '../../platform/errors';
import { itemsOf, ok } from '../../platform/http/contract';
import type { App } from '../../platform/http/server';
import { consentAction } from '../consents/consents.output';
import {
  linkRequestedOutput,
  portalAccessOutput,
  portalActingOutput,
  portalConsentOutput,
  portalConsentRecorded,
  portalMeOutput,
  portalSessionOutput,
  portalVisitOutput,
} from './portal.output';
import type { PortalService, PortalSession } from './portal.service';

export const PORTAL_COOKIE = 'hoidja_portal';

declare module 'fastify' {
  interface FastifyRequest {
    portalSession: PortalSession | null;
  }
}

const lang = z.enum(['et', 'lv', 'en', 'ru']);
const ACCEPTED = {
  ok: true,
  message:
    'If this e-mail address belongs to a patient of the clinic, a sign-in link is on its way. It is valid for 15 minutes.',
};
const ACCEPTED_SMS = {
  ok: true,
  message:
    'If this mobile number belongs to a patient of the clinic or their representative, a sign-in link is on its way by text message. It is valid for 15 minutes.',
};

/** A sign-in link goes to an e-mail address or to a mobile number, never both. */
const linkRequest = z
  .strictObject({
    clinic: z.string().trim().min(1).max(60),
    email: z.email().max(200).optional(),
    mobile: z
      .string()
      .trim()
      .regex(/^\+?[0-9 ()-]{6,24}$/, { message: 'not a phone number' })
      .optional(),
    lang: lang.optional(),
  })
  .superRefine((b, ctx) => {
    if ((b.email === undefined) === (b.mobile === undefined))
      ctx.addIssue({
        code: 'custom',
        path: ['email'],
        message: 'give an e-mail address or a mobile number (one of them)',
      });
  });

function rawCookie(req: FastifyRequest): string | null {
  const raw = req.cookies[PORTAL_COOKIE];
  if (!raw) return null;
  const unsigned = req.unsignCookie(raw);
  return unsigned.valid && unsigned.value ? unsigned.value : null;
}

/**
 * The preHandler of every signed-in portal route: resolves the `hoidja_portal` cookie to one
 * (clinic, patient) on `req.portalSession` and asks for the CSRF token on writes. Other modules'
 * portal routes (requests, complaints …) use the same guard.
 */
export function portalSessionGuard(portal: Pick<PortalService, 'authenticate'>) {
  return async function requirePortalSession(req: FastifyRequest, _reply: FastifyReply) {
    const cookie = rawCookie(req);
    const session = cookie ? await portal.authenticate(cookie) : null;
    if (!session) throw new UnauthenticatedError('sign in to the patient portal first');
    if (!['GET', 'HEAD', 'OPTIONS'].includes(req.method) && req.headers['x-csrf-token'] !== session.csrfToken) {
      throw new ForbiddenError('missing or wrong CSRF token (send the x-csrf-token header)');
    }
    req.portalSession = session;
  };
}

/**
 * The patient portal's API. Every route is public to the staff hook; the portal's own preHandler
 * resolves the `hoidja_portal` cookie to one (clinic, patient) and asks for the CSRF token on writes.
 */
export function portalRoutes(deps: { portal: PortalService; secureCookies: boolean }) {
  const { portal } = deps;
  const cookieOptions = {
    path: '/',
    httpOnly: true,
    sameSite: 'strict' as const,
    secure: deps.secureCookies,
    signed: true,
  };

  const requirePortalSession = portalSessionGuard(portal);

  return async (app: App) => {
    app.decorateRequest('portalSession', null);
    // Sign-in links are looked up and sent after the answer; closing the app waits for them.
    const pending = new Set<Promise<void>>();
    app.addHook('onClose', async () => {
      await Promise.allSettled([...pending]);
    });
    const signedIn = { config: { public: true }, preHandler: requirePortalSession };

    app.post(
      '/api/portal/login-link',
      {
        config: { public: true },
        schema: {
          tags: ['portal'],
          summary:
            'Send a one-time sign-in link by e-mail or SMS to a patient or a representative; the answer never says whether the address is known',
          body: linkRequest,
          response: { 202: linkRequestedOutput },
        },
      },
      async (req, reply) => {
        const { clinic, email, mobile, lang } = req.body;
        const address = email !== undefined ? { email } : { mobile: mobile! };
        const work: Promise<void> = portal
          .requestLink({ clinicSlug: clinic, ...address, lang, requestId: req.id })
          .then((r) => r.delivery)
          .catch((err: unknown) => req.log.warn({ err: (err as Error).name }, 'portal sign-in link not handled'))
          .finally(() => pending.delete(work));
        pending.add(work);
        reply.status(202);
        return email !== undefined ? ACCEPTED : ACCEPTED_SMS;
      },
    );

    app.post(
      '/api/portal/session',
      {
        config: { public: true },
        schema: {
          tags: ['portal'],
          summary: 'Exchange a sign-in link token for a portal session',
          body: z.strictObject({ token: z.string().min(20).max(200) }),
          response: { 200: portalSessionOutput },
        },
      },
      async (req, reply) => {
        const r = await portal.enter(req.body.token, req.id);
        reply.setCookie(PORTAL_COOKIE, r.cookie, { ...cookieOptions, maxAge: portal.maxHours * 3600 });
        return { csrfToken: r.csrfToken, idleMinutes: portal.idleMinutes };
      },
    );

    app.post(
      '/api/portal/logout',
      { ...signedIn, schema: { tags: ['portal'], response: { 200: ok } } },
      async (req, reply) => {
        await portal.logout(rawCookie(req)!);
        reply.clearCookie(PORTAL_COOKIE, { path: '/' });
        return { ok: true };
      },
    );

    app.get(
      '/api/portal/me',
      {
        ...signedIn,
        schema: {
          tags: ['portal'],
          summary: 'My details and the clinic’s data protection contact',
          response: { 200: portalMeOutput },
        },
      },
      async (req) => ({
        ...(await portal.me(req.portalSession!, req.id)),
        csrfToken: req.portalSession!.csrfToken,
        idleMinutes: portal.idleMinutes,
      }),
    );

    app.post(
      '/api/portal/acting-for',
      {
        ...signedIn,
        schema: {
          tags: ['portal'],
          summary: 'Act from now on for a person I represent (a representation id), or for myself (null)',
          body: z.strictObject({ representativeId: z.uuid({ message: 'not a representation id' }).nullable() }),
          response: { 200: portalActingOutput },
        },
      },
      async (req) => {
        const next = await portal.actFor(req.portalSession!, req.id, req.body.representativeId);
        return { representativeId: next.representativeId };
      },
    );

    app.get(
      '/api/portal/access-history',
      {
        ...signedIn,
        schema: {
          tags: ['portal'],
          summary: 'Who looked at my data (my own portal use left out)',
          response: { 200: itemsOf(portalAccessOutput) },
        },
      },
      async (req) => ({
        items: await portal.accessHistory(req.portalSession!, req.id),
      }),
    );

    app.get(
      '/api/portal/consents',
      {
        ...signedIn,
        schema: {
          tags: ['portal'],
          summary: 'My consents and objections',
          response: { 200: itemsOf(portalConsentOutput) },
        },
      },
      async (req) => ({
        items: await portal.consentState(req.portalSession!, req.id),
      }),
    );

    app.post(
      '/api/portal/consents',
      {
        ...signedIn,
        schema: {
          tags: ['portal'],
          summary: 'Give or withdraw a consent, object or withdraw an objection',
          body: z.strictObject({
            purposeKey: z
              .string()
              .regex(/^[a-z][a-z0-9_]*$/)
              .max(80),
            action: consentAction,
          }),
          response: { 201: portalConsentRecorded },
        },
      },
      async (req, reply) => {
        reply.status(201);
        return portal.recordConsent(req.portalSession!, req.id, req.body);
      },
    );

    app.get(
      '/api/portal/visits',
      {
        ...signedIn,
        schema: {
          tags: ['portal'],
          summary: 'My upcoming booked visits',
          response: { 200: itemsOf(portalVisitOutput) },
        },
      },
      async (req) => ({
        items: await portal.visits(req.portalSession!, req.id),
      }),
    );
  };
}
