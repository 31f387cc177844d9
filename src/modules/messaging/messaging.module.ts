import type { AuditService } from '../../platform/audit/audit.service';
import type { Clock } from '../../platform/clock';
import type { Db } from '../../platform/db';
import type { Mailer } from '../../platform/mail';
import { defineModule } from '../../platform/module';
import type { SmsSender } from '../../platform/sms';
import type { ClinicLookup } from '../clinics/clinics.service';
import type { ConsentsService } from '../consents/consents.service';
import type { PatientReads } from '../patients/patients.reads';
import type { QueueReads } from '../queue/queue.reads';
import type { RegisterService } from '../register/register.service';
import { createMessagingService } from './messaging.service';
import { createReminderBasis } from './reminder-basis';

export interface MessagingModuleDeps {
  db: Db;
  clock: Clock;
  audit: AuditService;
  mailer: Mailer;
  sms: SmsSender;
  register: Pick<RegisterService, 'inForce'>;
  consents: Pick<ConsentsService, 'allows' | 'withdrawUrl' | 'record'>;
  clinics: ClinicLookup;
  queueReads: QueueReads;
  patientReads: PatientReads;
}

/**
 * Visit notices, cancellations and reminders through the outbox. Reminders take their legal basis
 * from the register's purpose "reminders" and the consent ledger. Its routes are the queue's.
 */
export const messagingModule = defineModule({
  name: 'messaging',
  create(deps: MessagingModuleDeps) {
    const reminderBasis = createReminderBasis({ register: deps.register, consents: deps.consents });
    const messaging = createMessagingService({ ...deps, basis: reminderBasis });
    return { services: { messaging, reminderBasis }, jobs: messaging.handlers };
  },
});
