import { defineModule } from '../../platform/module';
import { complaintsRoutes } from './complaints.routes';
import { type ComplaintsServiceDeps, createComplaintsService } from './complaints.service';

/** Complaints and suggestions on their review and resolution clocks, answered and archived. */
export const complaintsModule = defineModule({
  name: 'complaints',
  create(deps: ComplaintsServiceDeps) {
    const complaints = createComplaintsService(deps);
    return { services: { complaints }, routes: complaintsRoutes(complaints) };
  },
});
