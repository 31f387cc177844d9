import type { AuditService } from '../../platform/audit/audit.service';
import type { Clock } from '../../platform/clock';
import type { Db } from '../../platform/db';
import type { Mailer } from '../../platform/mail';
import { defineModule } from '../../platform/module';
import type { SmsSender } from '../../platform/sms';
import type { ClinicLookup } from '../clinics/clinics.service';
import type { ConsentReads } from '../consents/consents.reads';
import type { ConsentsService } from '../consents/consents.service';
import type { PatientReads } from '../patients/patients.reads';
import type { QueueReads } from '../queue/queue.reads';
import { createCampaignsService } from './campaigns.service';
import { recallsRoutes } from './recalls.routes';
import { createRecallsService } from './recalls.service';

export interface RecallsModuleDeps {
  db: Db;
  clock: Clock;
  audit: AuditService;
  mailer: Mailer;
  sms: SmsSender;
  clinics: Pick<ClinicLookup, 'byId'>;
  consentReads: ConsentReads;
  consents: Pick<ConsentsService, 'withdrawUrl'>;
  patientReads: Pick<PatientReads, 'forVisit' | 'names'>;
  queueReads: Pick<QueueReads, 'lastDoneVisits' | 'patientsWithBooking' | 'services' | 'service'>;
}

/**
 * Recall (patients due for a check-up, invited by SMS or e-mail where the register's purpose
 * "reminders" and the ledger allow it) and newsletter campaigns (only on a consent in force when
 * each message goes, each with the one-click withdrawal link).
 */
export const recallsModule = defineModule({
  name: 'recalls',
  create(deps: RecallsModuleDeps) {
    const recalls = createRecallsService(deps);
    const campaigns = createCampaignsService(deps);
    return {
      services: { recalls, campaigns },
      routes: recallsRoutes(recalls, campaigns),
      jobs: { ...recalls.handlers, ...campaigns.handlers },
    };
  },
});
