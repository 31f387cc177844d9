import { defineModule } from '../../platform/module';
import { type AnswerSenderDeps, createAnswerSender } from './requests.answers';
import { createRecordCopies, type RecordCopyDeps } from './requests.copies';
import type { RequestsServiceDeps } from './requests.core';
import { createRequestErasure, type RequestErasureDeps } from './requests.erasure';
import { createRequestExports, type ExportDeps } from './requests.export';
import { type PortalRightsDeps, portalRightsRoutes } from './requests.portal';
import { requestsRoutes } from './requests.routes';
import { createRequestsService } from './requests.service';

/**
 * Data-subject requests (GDPR Art. 12–22), each a case on its legal clock with a timeline; the
 * access copy; and the portal's rights tab (requests, the copy, disclosures).
 */
export const requestsModule = defineModule({
  name: 'requests',
  create(
    deps: RequestsServiceDeps & ExportDeps & PortalRightsDeps & RequestErasureDeps & AnswerSenderDeps & RecordCopyDeps,
  ) {
    const requests = createRequestsService(deps);
    const requestExports = createRequestExports(deps);
    const erasure = createRequestErasure(deps, requests);
    const copies = createRecordCopies(deps, requests, requestExports);
    const staff = requestsRoutes(requests, requestExports, erasure, copies);
    const portal = portalRightsRoutes(deps, requests, requestExports);
    return {
      services: { requests, requestExports },
      jobs: { ...createAnswerSender(deps).handlers, ...copies.handlers },
      routes: async (app) => {
        await staff(app);
        await portal(app);
      },
    };
  },
});
