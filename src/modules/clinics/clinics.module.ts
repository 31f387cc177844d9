import { defineModule } from '../../platform/module';
import { clinicsCommands } from './clinics.commands';
import { clinicsInternalRoutes, clinicsRoutes } from './clinics.routes';
import { type ClinicsDeps, createClinicsService } from './clinics.service';

/** The clinics (controllers): created by the deployment's operator (CLI or operator API), their contacts kept by an administrator. */
export const clinicsModule = defineModule({
  name: 'clinics',
  create(deps: ClinicsDeps) {
    const clinics = createClinicsService(deps);
    return { services: { clinics }, routes: clinicsRoutes(clinics), internalRoutes: clinicsInternalRoutes(clinics) };
  },
  commands: clinicsCommands,
});
