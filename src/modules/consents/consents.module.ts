import type { AuditService } from '../../platform/audit/audit.service';
import type { Clock } from '../../platform/clock';
import type { Db } from '../../platform/db';
import { defineModule } from '../../platform/module';
import type { ClinicLookup } from '../clinics/clinics.service';
import type { PatientReads } from '../patients/patients.reads';
import type { PatientsService } from '../patients/patients.service';
import type { RegisterService } from '../register/register.service';
import { createWithdrawLinks } from './consents.links';
import { createConsentReads } from './consents.reads';
import { consentsRoutes } from './consents.routes';
import { createConsentsService } from './consents.service';
import { createVisitorConsents } from './consents.visitors';
import { visitorConsentsRoutes } from './consents.visitors.routes';

export interface ConsentsModuleDeps {
  db: Db;
  clock: Clock;
  audit: AuditService;
  /** Signs the one-click withdrawal links (SESSION_SECRET) that point at `publicUrl`. */
  linkSecret: string;
  publicUrl: string;
  register: Pick<RegisterService, 'inForce' | 'latestVersionNumber'>;
  patients: Pick<PatientsService, 'authorize'>;
  /** The clinic of a website's cookie banner, by slug. */
  clinics: Pick<ClinicLookup, 'findBySlug'>;
  patientReads: Pick<PatientReads, 'forVisit'>;
}

/** The consent ledger: consents, withdrawals and objections per purpose of the register, and the signed links. */
export const consentsModule = defineModule({
  name: 'consents',
  create(deps: ConsentsModuleDeps) {
    const links = createWithdrawLinks(deps.linkSecret, deps.publicUrl);
    const consents = createConsentsService({ ...deps, links });
    const visitorConsents = createVisitorConsents(deps);
    const staffAndPatients = consentsRoutes(consents);
    const visitors = visitorConsentsRoutes(visitorConsents);
    return {
      services: { consents, links, visitorConsents, consentReads: createConsentReads(deps) },
      routes: async (app: Parameters<typeof staffAndPatients>[0]) => {
        await staffAndPatients(app);
        await visitors(app);
      },
    };
  },
});
