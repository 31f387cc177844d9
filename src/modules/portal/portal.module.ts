import { defineModule } from '../../platform/module';
import { portalRoutes } from './portal.routes';
import { createPortalService, type PortalServiceDeps } from './portal.service';

/** The patient portal: e-mailed sign-in links, the person's access history, consents and visits. */
export const portalModule = defineModule({
  name: 'portal',
  create(deps: PortalServiceDeps & { secureCookies: boolean }) {
    const portal = createPortalService(deps);
    return { services: { portal }, routes: portalRoutes({ portal, secureCookies: deps.secureCookies }) };
  },
});
