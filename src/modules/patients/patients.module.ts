import { defineModule } from '../../platform/module';
import { patientsRoutes } from './patients.routes';
import { createPatientsService, type PatientsServiceDeps } from './patients.service';

/** The patients: registration, search, history, representatives and bill payers, need-to-know. */
export const patientsModule = defineModule({
  name: 'patients',
  create(deps: PatientsServiceDeps) {
    const patients = createPatientsService(deps);
    return { services: { patients }, routes: patientsRoutes(patients) };
  },
});
