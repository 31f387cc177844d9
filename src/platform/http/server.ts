import { randomUUID } from 'node:crypto';
import cookie from '@fastify/cookie';
import helmet, { type FastifyHelmetOptions } from '@fastify/helmet';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import {
  hasZodFastifySchemaValidationErrors,
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import type { Logger } from 'pino';
import type { AccessContext } from '../access';
import type { AuthService, SessionUser } from '../auth/auth.service';
import { foreignKeyViolation, isUniqueViolation } from '../db';
import { AppError, ForbiddenError, PasswordChangeRequiredError, safeError, UnauthenticatedError } from '../errors';
import { reasonOfIssue } from '../reasons';
import { decodeAccessReason, refuseMalformedInput } from './edge';

export const SESSION_COOKIE = 'hoidja_session';

declare module 'fastify' {
  interface FastifyRequest {
    sessionUser: SessionUser | null;
    csrfToken: string | null;
  }
  interface FastifyContextConfig {
    /** Reachable without a session (login, health, public clinic pages). */
    public?: boolean;
    /** Open to a session that must first change its password (the change itself, who am I, log out). */
    beforePasswordChange?: boolean;
  }
}

// The server's raw types stay Fastify's defaults' wide forms so plugins of any server kind register.
// biome-ignore lint/suspicious/noExplicitAny: Fastify's generic slots for the raw server, request and reply.
export type App = FastifyInstance<any, any, any, Logger, ZodTypeProvider>;

export interface ServerOptions {
  logger: Logger;
  auth: AuthService;
  secureCookies: boolean;
  cookieSecret: string;
  /** Reverse proxies whose X-Forwarded-For names the client (TRUSTED_PROXIES); none: the socket's address. */
  trustedProxies: string[];
  /** Production: HSTS and upgrade-insecure-requests (the site is served over HTTPS only). */
  production: boolean;
}

/** The headers helmet sets with these options: what a route with helmet answers beyond a bare one. */
async function helmetHeaders(options: FastifyHelmetOptions): Promise<Record<string, string>> {
  const answer = async (withHelmet: boolean) => {
    const probe = Fastify({ logger: false });
    if (withHelmet) await probe.register(helmet, options);
    probe.get('/', async () => 'ok');
    const r = await probe.inject({ method: 'GET', url: '/' });
    await probe.close();
    return r.headers;
  };
  const bare = await answer(false);
  const headers = Object.entries(await answer(true)).filter(([name]) => !(name in bare));
  return Object.fromEntries(headers.map(([name, value]) => [name, String(value)]));
}

/** Paths whose answers may carry personal data: a browser or a proxy must never store them. */
const NO_STORE = /^\/(api|portal|consents)(\/|\?|$)/;

/** The one error handler: AppErrors by their status, validation as 400 with the field, the rest hidden. */
function handleError(err: unknown, req: FastifyRequest, reply: FastifyReply) {
  const requestId = req.id;
  if (hasZodFastifySchemaValidationErrors(err)) {
    const first = err.validation[0]!;
    const where = (err as { validationContext?: string }).validationContext ?? 'body';
    const field =
      first.instancePath.replace(/^\//, '').replace(/\//g, '.') ||
      (first.params as { missingProperty?: string })?.missingProperty ||
      where;
    const coded = (v: (typeof err.validation)[number]) =>
      reasonOfIssue({ ...(v.params as object), code: v.keyword, message: v.message ?? '' });
    return reply.status(400).send({
      error: 'validation_error',
      message: `${field}: ${first.message}`,
      field,
      reason: first.message,
      ...coded(first),
      requestId,
      issues: err.validation.map((v) => ({
        field: v.instancePath.replace(/^\//, '').replace(/\//g, '.'),
        reason: v.message,
        ...coded(v),
      })),
    });
  }
  if (err instanceof AppError) {
    if (err.status >= 500) req.log.error({ err: safeError(err) }, 'application error');
    const retryAfter = err.details?.retryAfter;
    if (err.status === 429 && typeof retryAfter === 'number') reply.header('retry-after', String(retryAfter));
    return reply.status(err.status).send({ error: err.code, message: err.message, requestId, ...(err.details ?? {}) });
  }
  if (isUniqueViolation(err)) {
    return reply
      .status(409)
      .send({ error: 'conflict', message: 'a record with the same unique value already exists', requestId });
  }
  const reference = foreignKeyViolation(err);
  if (reference) {
    // A reference the service did not check: another clinic's row or none. The client's fault, not ours.
    const field = reference.column?.replace(/_(\w)/g, (_, c: string) => c.toUpperCase()) ?? 'body';
    const reason = 'names a record that does not exist in this clinic';
    return reply.status(400).send({
      error: 'validation_error',
      message: `${field}: ${reason}`,
      field,
      reason,
      reasonCode: 'unknown_reference',
      requestId,
    });
  }
  const status = (err as { statusCode?: number })?.statusCode;
  if (status && status >= 400 && status < 500) {
    // Fastify's own client errors (bad JSON, too large, unsupported media type).
    return reply.status(status).send({ error: 'bad_request', message: (err as Error).message, requestId });
  }
  req.log.error({ err: safeError(err) }, 'unhandled error');
  return reply
    .status(500)
    .send({ error: 'internal_error', message: 'something went wrong; the request was not carried out', requestId });
}

export async function createServer(opts: ServerOptions): Promise<App> {
  const app = Fastify({
    loggerInstance: opts.logger,
    genReqId: () => randomUUID(),
    requestIdHeader: false,
    bodyLimit: 2 * 1024 * 1024,
    // Only a configured proxy may say who the client is (issue 12, finding 4): a header from anyone
    // else would let a caller choose the address the login limits count.
    trustProxy: opts.trustedProxies.length > 0 ? opts.trustedProxies : false,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(handleError);
  // Every route's strings and headers are checked in one place before validation (issue 12, finding 6).
  app.addHook('preValidation', refuseMalformedInput);
  app.setNotFoundHandler((req, reply) =>
    reply
      .status(404)
      .send({ error: 'not_found', message: `no route ${req.method} ${req.url.split('?')[0]}`, requestId: req.id }),
  );

  await app.register(cookie, { secret: opts.cookieSecret });
  // Security headers on every answer (issue 12, finding 5). The React app and /docs (Swagger UI)
  // load their scripts and styles from this origin; Swagger UI sets inline styles and data: images.
  // They are the same for every answer: computed once at start, set with one call per request
  // (@fastify/helmet rebuilds its middleware, the CSP text included, for every request).
  const securityHeaders = await helmetHeaders({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        'default-src': ["'self'"],
        'base-uri': ["'self'"],
        'connect-src': ["'self'"],
        'font-src': ["'self'", 'data:'],
        'form-action': ["'self'"],
        'frame-ancestors': ["'none'"],
        'img-src': ["'self'", 'data:'],
        'object-src': ["'none'"],
        'script-src': ["'self'"],
        'script-src-attr': ["'none'"],
        'style-src': ["'self'", "'unsafe-inline'"],
        ...(opts.production ? { 'upgrade-insecure-requests': [] } : {}),
      },
    },
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
    strictTransportSecurity: opts.production ? { maxAge: 31_536_000, includeSubDomains: true } : false,
  });
  app.addHook('onRequest', (_req, reply, done) => {
    reply.headers(securityHeaders);
    done();
  });
  app.addHook('onSend', async (req, reply, payload) => {
    if (NO_STORE.test(req.url)) reply.header('cache-control', 'no-store');
    return payload;
  });
  await app.register(swagger, {
    openapi: {
      info: {
        title: 'Hoidja API',
        version: '0.1.0',
        description: 'Patient data, treatment queue and data protection for small clinics.',
      },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE } } },
      security: [{ session: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });
  app.get('/openapi.json', { schema: { hide: true }, config: { public: true } }, async () => app.swagger());

  // Public routes (login, health, public clinic pages, the patient portal with its own cookie) do
  // not take the staff session: say so in the OpenAPI document.
  app.addHook('onRoute', (route) => {
    if (route.config?.public && route.schema) route.schema = { ...route.schema, security: [] };
  });

  app.decorateRequest('sessionUser', null);
  app.decorateRequest('csrfToken', null);
  app.addHook('onRequest', async (req, reply) => {
    reply.header('x-request-id', req.id);
    const raw = req.cookies[SESSION_COOKIE];
    if (raw) {
      const unsigned = req.unsignCookie(raw);
      if (unsigned.valid && unsigned.value) {
        const found = await opts.auth.authenticate(unsigned.value);
        if (found) {
          req.sessionUser = found.user;
          req.csrfToken = found.csrfToken;
        }
      }
    }
    const isApi = req.url.startsWith('/api/');
    // No route: the not-found handler answers 404 (with or without the web app's catch-all built).
    if (!isApi || !req.routeOptions.url || req.routeOptions.config?.public) return;
    if (!req.sessionUser) throw new UnauthenticatedError('log in first');
    if (req.sessionUser.mustChangePassword && !req.routeOptions.config?.beforePasswordChange)
      throw new PasswordChangeRequiredError('choose a new password first (POST /api/auth/password)');
    // Cookie-authenticated writes must carry the session's CSRF token in a header.
    if (!['GET', 'HEAD', 'OPTIONS'].includes(req.method) && req.headers['x-csrf-token'] !== req.csrfToken) {
      throw new ForbiddenError('missing or wrong CSRF token (send the x-csrf-token header)');
    }
  });
  return app;
}

/** The access context of an authenticated request; a stated reason travels in x-access-reason. */
export function accessContext(req: FastifyRequest): AccessContext {
  const u = req.sessionUser;
  if (!u) throw new UnauthenticatedError('log in first');
  const reasonHeader = req.headers['x-access-reason'];
  const reason =
    typeof reasonHeader === 'string' && reasonHeader.trim()
      ? decodeAccessReason(reasonHeader).trim().slice(0, 500)
      : null;
  return {
    clinicId: u.clinicId,
    user: { id: u.id, fullName: u.fullName, roles: u.roles },
    requestId: req.id,
    reason,
    channel: 'api',
  };
}
