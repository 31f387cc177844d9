import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import { internalRoutes } from './cli/internal.routes';
import { billingRoutes } from './modules/billing/billing.routes';
import { createBillingService } from './modules/billing/billing.service';
import { clinicsRoutes } from './modules/clinics/clinics.routes';
import { createClinicsService } from './modules/clinics/clinics.service';
import { createReminderBasis } from './modules/messaging/reminder-basis';
import { patientsRoutes } from './modules/patients/patients.routes';
import { createPatientsService } from './modules/patients/patients.service';
import { portalRoutes } from './modules/portal/portal.routes';
import { createPortalService } from './modules/portal/portal.service';
import { createQueueModule } from './modules/queue/queue.module';
import { createChangeNoticeHandlers } from './modules/register/register.letters';
import { createRegisterModule } from './modules/register/register.module';
import { createRetentionJobs } from './modules/retention/retention.jobs';
import { createAuditService } from './platform/audit/audit.service';
import { authRoutes } from './platform/auth/auth.routes';
import { createAuthService } from './platform/auth/auth.service';
import type { Clock } from './platform/clock';
import type { Config } from './platform/config';
import type { FieldCipher } from './platform/crypto';
import type { Database } from './platform/db';
import { healthOutput } from './platform/http/contract';
import { type App, createServer } from './platform/http/server';
import type { Logger } from './platform/logger';
import { createMailer, type Mailer } from './platform/mail';
import { migrationStatus } from './platform/migrate';
import type { SmsSender } from './platform/sms';

export interface AppDeps {
  config: Config;
  database: Database;
  clock: Clock;
  logger: Logger;
  cipher: FieldCipher;
  /** Token that lets the CLI on this machine ask the running server (embedded database in use). */
  localToken?: string;
  /** Tests and benchmarks may hand in their own mail and SMS adapters; otherwise they come from the config. */
  mailer?: Mailer;
  sms?: SmsSender;
}

/** The services of every module, wired once with their explicit dependencies. */
export function createServices(deps: AppDeps) {
  const { config, database, clock, cipher } = deps;
  const db = database.db;
  const audit = createAuditService({ clock, enabled: config.HOIDJA_AUDIT === 'on' });
  const auth = createAuthService({
    db,
    clock,
    audit,
    idleMinutes: config.SESSION_IDLE_MINUTES,
    maxHours: config.SESSION_MAX_HOURS,
    maxFailures: config.LOGIN_MAX_FAILURES,
    maxFailuresPerIp: config.LOGIN_MAX_FAILURES_PER_IP,
    windowMinutes: config.LOGIN_WINDOW_MINUTES,
  });
  const clinics = createClinicsService({ db, clock, audit });
  const patients = createPatientsService({ db, clock, cipher, audit });
  // The processing register and the consent ledger; reminders take their legal basis from them.
  const register = createRegisterModule({ db, clock, audit, config, patients });
  // One mailer for visit notices, reminders, invoices and privacy-notice letters.
  const mailer = deps.mailer ?? createMailer(config, deps.logger);
  // Retention enforced by the worker once a day per clinic (accounting documents past their date).
  const retention = createRetentionJobs({ db, clock, audit });
  const queue = createQueueModule({
    db,
    clock,
    cipher,
    audit,
    config,
    patients,
    logger: deps.logger,
    mailer,
    sms: deps.sms,
    reminderBasis: createReminderBasis({ register: register.register, consents: register.consents }),
    moreJobHandlers: {
      ...createChangeNoticeHandlers({
        db,
        clock,
        audit,
        mailer,
        publicUrl: config.PUBLIC_URL ?? `http://localhost:${config.PORT}`,
      }),
      ...retention.handlers,
    },
  });
  const billing = createBillingService({ db, clock, cipher, audit, mailer });
  // The patient portal: e-mailed sign-in links, the person's access history, consents and visits.
  const portal = createPortalService({
    db,
    clock,
    audit,
    mailer,
    logger: deps.logger,
    consents: register.consents,
    publicUrl: config.PUBLIC_URL ?? `http://localhost:${config.PORT}`,
  });
  return {
    db,
    audit,
    auth,
    clinics,
    patients,
    register,
    queue,
    billing,
    retention,
    portal,
    cipher,
    clock,
    config,
    database,
  };
}
export type Services = ReturnType<typeof createServices>;

const webDist = fileURLToPath(new URL('../web/dist', import.meta.url));

/** Composes the HTTP application; nothing else happens here. */
export async function buildApp(deps: AppDeps): Promise<{ app: App; services: Services }> {
  const services = createServices(deps);
  const { config } = deps;
  const app = await createServer({
    logger: deps.logger,
    auth: services.auth,
    secureCookies: config.NODE_ENV === 'production',
    cookieSecret: config.SESSION_SECRET,
  });

  app.get(
    '/health',
    {
      config: { public: true },
      schema: {
        tags: ['platform'],
        summary: 'Liveness, database kind and migration version',
        response: { 200: healthOutput },
      },
    },
    async () => {
      const migrations = await migrationStatus(deps.database);
      return { status: 'ok', database: deps.database.kind, migrations };
    },
  );

  await app.register(
    authRoutes({
      auth: services.auth,
      secureCookies: config.NODE_ENV === 'production',
      idleMinutes: config.SESSION_IDLE_MINUTES,
      maxHours: config.SESSION_MAX_HOURS,
    }),
  );
  await app.register(clinicsRoutes(services.clinics));
  await app.register(patientsRoutes(services.patients));
  await app.register(services.queue.routes);
  if (config.WORKER === 'on') app.addHook('onListen', async () => services.retention.schedule());
  await app.register(billingRoutes(services.billing));
  await app.register(services.register.routes);
  await app.register(portalRoutes({ portal: services.portal, secureCookies: config.NODE_ENV === 'production' }));
  if (deps.localToken) await app.register(internalRoutes(services, deps.localToken));

  if (existsSync(webDist)) {
    await app.register(fastifyStatic, { root: webDist, wildcard: false });
    // The browser app routes on the client: unknown non-API paths get its index page.
    app.get('/*', { config: { public: true }, schema: { hide: true } }, async (req, reply) => {
      if (req.url.startsWith('/api/'))
        return reply.status(404).send({ error: 'not_found', message: 'no such API route', requestId: req.id });
      return reply.sendFile('index.html');
    });
  }
  return { app, services };
}
