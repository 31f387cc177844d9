import { defineModule } from '../../platform/module';
import { requestsRoutes } from './requests.routes';
import { createRequestsService, type RequestsServiceDeps } from './requests.service';

/** Data-subject requests (GDPR Art. 12–22), each a case on its legal clock with a timeline. */
export const requestsModule = defineModule({
  name: 'requests',
  create(deps: RequestsServiceDeps) {
    const requests = createRequestsService(deps);
    return { services: { requests }, routes: requestsRoutes(requests) };
  },
});
