import { defineModule } from '../../platform/module';
import { breachesRoutes } from './breaches.routes';
import { type BreachesDeps, createBreachesService } from './breaches.service';

/** The breach register (GDPR Art. 33/34) of the DPO. */
export const breachesModule = defineModule({
  name: 'breaches',
  create(deps: BreachesDeps) {
    const breaches = createBreachesService(deps);
    return { services: { breaches }, routes: breachesRoutes(breaches) };
  },
});
