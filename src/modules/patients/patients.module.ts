import type { AuditService } from '../../platform/audit/audit.service';
import type { Clock } from '../../platform/clock';
import type { FieldCipher } from '../../platform/crypto';
import type { Db } from '../../platform/db';
import { defineModule } from '../../platform/module';
import { patientsRoutes } from './patients.routes';
import { createPatientsService } from './patients.service';

/** The patients: registration, search, history, representatives and bill payers, need-to-know. */
export const patientsModule = defineModule({
  name: 'patients',
  create(deps: { db: Db; clock: Clock; cipher: FieldCipher; audit: AuditService }) {
    const patients = createPatientsService(deps);
    return { services: { patients }, routes: patientsRoutes(patients) };
  },
});
