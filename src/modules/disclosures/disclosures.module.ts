import { defineModule } from '../../platform/module';
import { disclosuresRoutes } from './disclosures.routes';
import { createDisclosuresService, type DisclosuresServiceDeps } from './disclosures.service';

/** The disclosures log: every transfer of a person's data to a recipient, recorded by the service that makes it. */
export const disclosuresModule = defineModule({
  name: 'disclosures',
  create(deps: DisclosuresServiceDeps) {
    const disclosures = createDisclosuresService(deps);
    return { services: { disclosures }, routes: disclosuresRoutes(disclosures) };
  },
});
