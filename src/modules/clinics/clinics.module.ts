import type { AuditService } from '../../platform/audit/audit.service';
import type { Clock } from '../../platform/clock';
import type { Db } from '../../platform/db';
import { defineModule } from '../../platform/module';
import { clinicsRoutes } from './clinics.routes';
import { createClinicsService } from './clinics.service';

/** The clinics (controllers): created by the installer or the CLI, their contacts kept by an administrator. */
export const clinicsModule = defineModule({
  name: 'clinics',
  create(deps: { db: Db; clock: Clock; audit: AuditService }) {
    const clinics = createClinicsService(deps);
    return { services: { clinics }, routes: clinicsRoutes(clinics) };
  },
});
