import { defineModule } from '../../platform/module';
import { createRequestExports, type ExportDeps } from './requests.export';
import { requestsRoutes } from './requests.routes';
import { createRequestsService, type RequestsServiceDeps } from './requests.service';

/** Data-subject requests (GDPR Art. 12–22), each a case on its legal clock with a timeline, and the access copy. */
export const requestsModule = defineModule({
  name: 'requests',
  create(deps: RequestsServiceDeps & ExportDeps) {
    const requests = createRequestsService(deps);
    const requestExports = createRequestExports(deps);
    return { services: { requests, requestExports }, routes: requestsRoutes(requests, requestExports) };
  },
});
