import type { Mailer } from '../../platform/mail';
import { defineModule } from '../../platform/module';
import type { PatientsService } from '../patients/patients.service';
import { createBreachLetterHandlers } from './breaches.letters';
import { breachesRoutes } from './breaches.routes';
import { type BreachesDeps, createBreachesService } from './breaches.service';

/** The breach register (GDPR Art. 33/34) of the DPO, and the letters to the people affected. */
export const breachesModule = defineModule({
  name: 'breaches',
  create(deps: BreachesDeps & { mailer: Mailer; patients: Pick<PatientsService, 'find'> }) {
    const breaches = createBreachesService(deps);
    return { services: { breaches }, routes: breachesRoutes(breaches), jobs: createBreachLetterHandlers(deps) };
  },
});
