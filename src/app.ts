import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import { internalRoutes } from './cli/internal.routes';
import { accessReviewModule } from './modules/access-review/access-review.module';
import { billingModule } from './modules/billing/billing.module';
import { bookingModule } from './modules/booking/booking.module';
import { breachesModule } from './modules/breaches/breaches.module';
import { clinicsModule } from './modules/clinics/clinics.module';
import { complaintsModule } from './modules/complaints/complaints.module';
import { consentsModule } from './modules/consents/consents.module';
import { demoModule } from './modules/demo/demo.module';
import { disclosuresModule } from './modules/disclosures/disclosures.module';
import { messagingModule } from './modules/messaging/messaging.module';
import { patientsModule } from './modules/patients/patients.module';
import { portalModule } from './modules/portal/portal.module';
import { queueModule } from './modules/queue/queue.module';
import { createQueueReads } from './modules/queue/queue.reads';
import { recallsModule } from './modules/recalls/recalls.module';
import { recordingsModule } from './modules/recordings/recordings.module';
import { directoryStore } from './modules/recordings/recordings.store';
import { registerModule } from './modules/register/register.module';
import { requestsModule } from './modules/requests/requests.module';
import { researchModule } from './modules/research/research.module';
import { retentionModule } from './modules/retention/retention.module';
import { staffModule } from './modules/staff/staff.module';
import {
  createCheckpointSigner,
  createCheckpointTimer,
  createCheckpointVerifier,
} from './platform/audit/audit.checkpoints';
import { createAuditService } from './platform/audit/audit.service';
import { authRoutes } from './platform/auth/auth.routes';
import { createAuthService } from './platform/auth/auth.service';
import type { Clock } from './platform/clock';
import type { Config } from './platform/config';
import type { FieldCipher } from './platform/crypto';
import type { Database } from './platform/db';
import { healthOutput } from './platform/http/contract';
import { type App, createServer } from './platform/http/server';
import type { JobHandlers } from './platform/jobs/worker';
import { createOutboxWorker } from './platform/jobs/worker';
import type { Logger } from './platform/logger';
import { createMailer, type Mailer } from './platform/mail';
import { migrationStatus } from './platform/migrate';
import type { ModuleParts } from './platform/module';
import { createSmsSender, type SmsSender } from './platform/sms';

/**
 * The composition root, and the only one: nothing under src/modules or src/platform imports this
 * file (dependency-cruiser enforces it). Entry points (src/cli/main.ts, tests, benchmarks) do.
 */
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

/** Every module, in dependency order (src/cli/main.ts registers their commands from this list). */
export const moduleDefinitions = [
  clinicsModule,
  patientsModule,
  registerModule,
  consentsModule,
  messagingModule,
  queueModule,
  staffModule,
  bookingModule,
  recallsModule,
  disclosuresModule,
  billingModule,
  portalModule,
  requestsModule,
  complaintsModule,
  recordingsModule,
  breachesModule,
  accessReviewModule,
  researchModule,
  retentionModule,
  demoModule,
] as const;

/** Builds the platform adapters once and every module once, in dependency order. */
export function createServices(deps: AppDeps) {
  const { config, database, clock, cipher, logger } = deps;
  const db = database.db;
  const publicUrl = config.PUBLIC_URL ?? `http://localhost:${config.PORT}`;
  const secureCookies = config.NODE_ENV === 'production';

  // Platform adapters: one of each for every module.
  const audit = createAuditService({
    clock,
    enabled: config.HOIDJA_AUDIT === 'on',
    signer: createCheckpointSigner(config.AUDIT_SIGNING_KEY),
    verifier: config.AUDIT_VERIFY_KEY ? createCheckpointVerifier(config.AUDIT_VERIFY_KEY) : undefined,
    checkpointDir: config.AUDIT_CHECKPOINT_DIR,
  });
  // The clinics module first: every other part reads the clinic row from its one cache.
  // A new clinic gets its first administrator from auth, which is built next (auth reads clinics):
  // the call is made only later, when a clinic is added.
  const clinics = clinicsModule.create({
    db,
    clock,
    audit,
    users: { createUser: (...args) => auth.createUser(...args) },
    operatorToken: config.OPERATOR_TOKEN,
  });
  const clinicLookup = clinics.services.clinics;
  const mailer = deps.mailer ?? createMailer(config, logger);
  const auth = createAuthService({
    db,
    clock,
    audit,
    clinics: clinicLookup,
    idleMinutes: config.SESSION_IDLE_MINUTES,
    maxHours: config.SESSION_MAX_HOURS,
    maxFailures: config.LOGIN_MAX_FAILURES,
    maxFailuresPerIp: config.LOGIN_MAX_FAILURES_PER_IP,
    windowMinutes: config.LOGIN_WINDOW_MINUTES,
    mailer,
    publicUrl,
    logger,
  });
  const sms = deps.sms ?? createSmsSender(config, logger);

  // Every module gets only what it uses; a module's services reach the next ones by name.
  const patients = patientsModule.create({ db, clock, cipher, audit, clinics: clinicLookup });
  const register = registerModule.create({
    db,
    clock,
    audit,
    mailer,
    publicUrl,
    clinics: clinicLookup,
    patients: patients.services.patients,
  });
  const consents = consentsModule.create({
    db,
    clock,
    audit,
    linkSecret: config.SESSION_SECRET,
    publicUrl,
    register: register.services.register,
    patients: patients.services.patients,
    clinics: clinicLookup,
    patientReads: patients.services.patientReads,
  });
  // The queue's data as its neighbours read it (messaging is built before the queue: it is the queue's notifier).
  const queueReads = createQueueReads();
  const messaging = messagingModule.create({
    db,
    clock,
    audit,
    mailer,
    sms,
    register: register.services.register,
    consents: consents.services.consents,
    clinics: clinicLookup,
    queueReads,
    patientReads: patients.services.patientReads,
  });
  const queue = queueModule.create({
    db,
    clock,
    cipher,
    audit,
    clinics: clinicLookup,
    patients: patients.services.patientReads,
    ...messaging.services,
  });
  const staff = staffModule.create({
    db,
    clock,
    audit,
    auth,
    resources: queue.services.resources,
    queueReads,
    patientReads: patients.services.patientReads,
  });
  const booking = bookingModule.create({
    db,
    clock,
    cipher,
    audit,
    mailer,
    sms,
    slots: queue.services.slots,
    queue: queue.services.queue,
    patients: patients.services.patients,
    clinics: clinicLookup,
    queueReads,
  });
  const recalls = recallsModule.create({
    db,
    clock,
    audit,
    mailer,
    sms,
    clinics: clinicLookup,
    consentReads: consents.services.consentReads,
    consents: consents.services.consents,
    patientReads: patients.services.patientReads,
    queueReads,
  });
  const disclosures = disclosuresModule.create({ db, clock, audit, patients: patients.services.patients });
  const billing = billingModule.create({
    db,
    clock,
    cipher,
    audit,
    mailer,
    patients: patients.services.patients,
    patientReads: patients.services.patientReads,
    clinics: clinicLookup,
    disclosures: disclosures.services.disclosures,
    queueReads,
  });
  const portal = portalModule.create({
    db,
    clock,
    audit,
    mailer,
    sms,
    logger,
    consents: consents.services.consents,
    clinics: clinicLookup,
    patientReads: patients.services.patientReads,
    queueReads,
    publicUrl,
    secureCookies,
  });
  // Recording files are written by the clinic's recorder under DATA_DIR/recordings; Hoidja only deletes them.
  const recordingStore = directoryStore(join(config.DATA_DIR, 'recordings'));
  const retention = retentionModule.create({
    db,
    clock,
    audit,
    clinics: clinics.services.clinics,
    register: register.services.register,
    cipher,
    recordingStore,
    patients: patients.services.patients,
  });
  const requests = requestsModule.create({
    db,
    clock,
    audit,
    cipher,
    clinics: clinicLookup,
    patients: patients.services.patients,
    patientReads: patients.services.patientReads,
    register: register.services.register,
    portal: portal.services.portal,
    disclosures: disclosures.services.disclosures,
    retention: retention.services.retention,
    consents: consents.services.consents,
    mailer,
    sms,
    publicUrl,
  });
  const complaints = complaintsModule.create({
    db,
    clock,
    audit,
    clinics: clinicLookup,
    patients: patients.services.patients,
  });
  const recordings = recordingsModule.create({ db, clock, audit, store: recordingStore });
  const breaches = breachesModule.create({
    db,
    clock,
    audit,
    mailer,
    clinics: clinics.services.clinics,
    patients: patients.services.patients,
  });
  const accessReview = accessReviewModule.create({
    db,
    clock,
    audit,
    mailer,
    publicUrl,
    clinics: clinics.services.clinics,
  });
  const research = researchModule.create({ db, audit, cipher, register: register.services.register });
  const features = {
    clinics,
    patients,
    register,
    consents,
    messaging,
    queue,
    staff,
    booking,
    recalls,
    disclosures,
    billing,
    portal,
    requests,
    complaints,
    recordings,
    breaches,
    accessReview,
    research,
    retention,
  };
  // Last: the demo clinic runs every other module's demo seed, in the order above.
  const demo = demoModule.create({
    db,
    clock,
    cipher,
    audit,
    auth,
    clinics: clinicLookup,
    patients: patients.services.patients,
    seeds: Object.values(features).flatMap((m: ModuleParts<unknown>) => (m.seedDemo ? [m.seedDemo] : [])),
  });
  const modules = { ...features, demo };
  const parts: ModuleParts<unknown>[] = Object.values(modules);
  // Services are handed on by name: two modules offering the same name would hide one of them.
  const names = parts.flatMap((m) => Object.keys(m.services as object));
  const twice = names.find((n, i) => names.indexOf(n) !== i);
  if (twice) throw new Error(`two modules offer a service named ${twice}`);

  // One outbox worker for every module's jobs.
  const worker = createOutboxWorker({ db, clock, logger, handlers: jobHandlers(parts) });
  // Signed checkpoints of the audit chain, written outside the database every few minutes.
  const checkpoints = createCheckpointTimer({
    minutes: config.AUDIT_CHECKPOINT_MINUTES,
    run: () => audit.checkpoint(db, { onlyChanged: true }),
    logger,
  });
  /** Background work: every module's start hook, then the worker; the reverse on stop. */
  const background = {
    async start(opts: { poll: boolean } = { poll: true }) {
      for (const m of parts) await m.start?.();
      if (opts.poll) {
        worker.start();
        checkpoints.start();
      }
    },
    async stop() {
      await checkpoints.stop();
      await worker.stop();
      for (const m of [...parts].reverse()) await m.stop?.();
      mailer.close();
    },
  };

  return {
    config,
    database,
    db,
    clock,
    cipher,
    audit,
    auth,
    mailer,
    sms,
    worker,
    background,
    /** Each module's parts (routes, hooks …) by its name, for buildApp and the CLI. */
    modules,
    ...clinics.services,
    ...patients.services,
    ...register.services,
    ...consents.services,
    ...messaging.services,
    ...queue.services,
    ...staff.services,
    ...booking.services,
    ...disclosures.services,
    ...billing.services,
    ...portal.services,
    ...requests.services,
    ...complaints.services,
    ...recordings.services,
    ...breaches.services,
    ...accessReview.services,
    ...research.services,
    ...retention.services,
    ...demo.services,
  };
}
export type Services = ReturnType<typeof createServices>;

/** Every module's job handlers in one map; a kind claimed by two modules is a wiring mistake. */
function jobHandlers(parts: ModuleParts<unknown>[]): JobHandlers {
  const all: JobHandlers = {};
  for (const m of parts) {
    for (const [kind, handler] of Object.entries(m.jobs ?? {}) as [
      keyof JobHandlers,
      JobHandlers[keyof JobHandlers],
    ][]) {
      if (all[kind]) throw new Error(`two modules handle the job kind ${kind}`);
      all[kind] = handler;
    }
  }
  return all;
}

const webDist = fileURLToPath(new URL('../web/dist', import.meta.url));

/** Composes the HTTP application: every module's routes, and its start/stop hooks, in one place. */
export async function buildApp(deps: AppDeps): Promise<{ app: App; services: Services }> {
  const services = createServices(deps);
  const { config } = deps;
  const app = await createServer({
    logger: deps.logger,
    auth: services.auth,
    secureCookies: config.NODE_ENV === 'production',
    cookieSecret: config.SESSION_SECRET,
    production: config.NODE_ENV === 'production',
    trustedProxies: config.TRUSTED_PROXIES,
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
  const parts: ModuleParts<unknown>[] = Object.values(services.modules);
  for (const m of parts) if (m.routes) await app.register(m.routes);
  // The worker and the modules' background work start when the server listens (`hoidja serve`),
  // never under `app.inject` in tests, which drive the worker themselves; `hoidja worker` runs them alone.
  // A listening server keeps sessions in memory while it hears the database's notices of their end.
  app.addHook('onListen', async () => services.auth.watchSessions(deps.database.listen, deps.logger));
  app.addHook('onClose', async () => services.auth.unwatchSessions());
  if (config.WORKER === 'on') {
    app.addHook('onListen', async () => services.background.start());
    app.addHook('onClose', async () => services.background.stop());
  }
  if (deps.localToken) {
    const moduleRoutes = parts.flatMap((m) => (m.internalRoutes ? [m.internalRoutes] : []));
    await app.register(internalRoutes({ ...services, moduleRoutes }, deps.localToken));
  }

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
