import type { AuditService } from '../../platform/audit/audit.service';
import type { Clock } from '../../platform/clock';
import type { Config } from '../../platform/config';
import type { FieldCipher } from '../../platform/crypto';
import type { Db } from '../../platform/db';
import type { App } from '../../platform/http/server';
import { createOutboxWorker } from '../../platform/jobs/worker';
import { createLogger, type Logger } from '../../platform/logger';
import { createMailer, type Mailer } from '../../platform/mail';
import { createSmsSender, type SmsSender } from '../../platform/sms';
import { bookingRoutes } from '../booking/booking.routes';
import { createBookingService } from '../booking/booking.service';
import { createMessagingService } from '../messaging/messaging.service';
import { createReminderBasis, type ReminderBasis } from '../messaging/reminder-basis';
import { registerModuleFor } from '../register/register.module';
import type { PatientsService } from '../patients/patients.service';
import { createQueueReadService } from './queue.read';
import { queueRoutes } from './queue.routes';
import { createQueueService } from './queue.service';
import { createResourcesService } from './resources.service';
import { createSlotsService } from './slots.service';

export interface QueueModuleDeps {
  db: Db;
  clock: Clock;
  cipher: FieldCipher;
  audit: AuditService;
  config: Config;
  patients: PatientsService;
  logger?: Logger;
  /** The legal basis of reminders: the register's purpose "reminders" and the consent ledger. */
  reminderBasis: ReminderBasis;
  /** Tests and the benchmark may hand in their own adapters; otherwise they come from the config. */
  mailer?: Mailer;
  sms?: SmsSender;
}

/**
 * The treatment queue, bookings, notices and reminders wired together: one call from app.ts.
 * The outbox worker starts when the server starts listening (`hoidja serve`), never under
 * `app.inject` in tests, which drive it themselves; `hoidja worker` runs it alone.
 */
export function createQueueModule(deps: QueueModuleDeps) {
  const { db, clock, cipher, audit, config } = deps;
  const mailer = deps.mailer ?? createMailer(config, deps.logger);
  const sms = deps.sms ?? createSmsSender(config, deps.logger);
  const slots = createSlotsService({ db, clock });
  const messaging = createMessagingService({ db, clock, audit, mailer, sms, basis: deps.reminderBasis });
  const resources = createResourcesService({ db, clock, audit });
  const queue = createQueueService({ db, clock, cipher, audit, slots, notifier: messaging.notifier, reminderChosen: deps.reminderBasis.chosen });
  const read = createQueueReadService({ db, clock, cipher, audit });
  const booking = createBookingService({ db, clock, cipher, audit, slots, queue, patients: deps.patients });
  const worker = createOutboxWorker({ db, clock, handlers: messaging.handlers, logger: deps.logger });

  async function routes(app: App) {
    await app.register(queueRoutes({ resources, slots, queue, read, messaging }));
    await app.register(bookingRoutes(booking));
    if (config.WORKER === 'on') {
      app.addHook('onListen', async () => worker.start());
      app.addHook('onClose', async () => {
        await worker.stop();
        mailer.close();
      });
    }
  }

  return { mailer, sms, slots, messaging, resources, queue, read, booking, worker, routes };
}
export type QueueModule = ReturnType<typeof createQueueModule>;

/** The services app.ts composes, as far as the queue needs them. */
export interface HostServices {
  db: Db;
  clock: Clock;
  cipher: FieldCipher;
  audit: AuditService;
  config: Config;
  patients: PatientsService;
}

const modules = new WeakMap<HostServices, QueueModule>();

/** One queue module per composed application: routes, the CLI worker and tests share it. */
export function queueModuleFor(services: HostServices, logger?: Logger): QueueModule {
  let m = modules.get(services);
  if (!m) {
    const reg = registerModuleFor(services);
    m = createQueueModule({
      ...services, logger: logger ?? createLogger(services.config.LOG_LEVEL),
      reminderBasis: createReminderBasis({ register: reg.register, consents: reg.consents }),
    });
    modules.set(services, m);
  }
  return m;
}

/** For app.ts: `await app.register(queueRoutesFor(services))`. */
export const queueRoutesFor = (services: HostServices) => queueModuleFor(services).routes;
