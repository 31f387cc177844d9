import type { WebFeature } from '../../shell/feature';
import { PortalEnter, PortalHome, PortalRequest } from './PortalPages';
import { portalStrings } from './portal.i18n';

/** The patient portal: outside the staff login, with its own e-mailed sign-in and session. */
export const feature: WebFeature = {
  id: 'portal',
  routes: [
    { path: '/portal', public: true, render: () => <PortalRequest /> },
    { path: '/portal/enter', public: true, render: () => <PortalEnter /> },
    { path: '/portal/home', public: true, render: () => <PortalHome /> },
  ],
  i18n: portalStrings,
};
