import { defineModule } from '../../platform/module';
import { createPatientReads } from './patients.reads';
import { patientsRoutes } from './patients.routes';
import { createPatientsService, type PatientsServiceDeps } from './patients.service';

/** The patients: registration, search, history, representatives and bill payers, need-to-know. */
export const patientsModule = defineModule({
  name: 'patients',
  create(deps: PatientsServiceDeps) {
    const patients = createPatientsService(deps);
    // patientReads: what neighbours read of a patient on behalf of their own, already checked, work.
    return { services: { patients, patientReads: createPatientReads() }, routes: patientsRoutes(patients) };
  },
});
