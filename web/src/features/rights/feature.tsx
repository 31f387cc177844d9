import type { WebFeature } from '../../shell/feature';
import { ComplaintPage } from './ComplaintPage';
import { ComplaintsPage, NewComplaintPage } from './ComplaintsPage';
import { RequestPage } from './RequestPage';
import { NewRequestPage, RequestsPage } from './RequestsPage';
import { rightsStrings } from './rights.i18n';
import './rights.css';

/**
 * Data-subject rights at the clinic: requests on their legal clock (the DPO's radar), complaints
 * with their two clocks and archive; the patient page's rights tab and the portal's tabs live here too.
 */
export const feature: WebFeature = {
  id: 'rights',
  nav: [
    { labelKey: 'rights:nav.requests', path: '/rights/requests', roles: ['admin', 'receptionist', 'dpo'], order: 60 },
    {
      labelKey: 'rights:nav.complaints',
      path: '/rights/complaints',
      roles: ['admin', 'receptionist', 'dpo'],
      order: 61,
    },
  ],
  routes: [
    { path: '/rights/requests', render: () => <RequestsPage /> },
    { path: '/rights/requests/new', render: () => <NewRequestPage /> },
    { path: '/rights/requests/:id', render: ({ id }) => <RequestPage id={id!} /> },
    { path: '/rights/complaints', render: () => <ComplaintsPage /> },
    { path: '/rights/complaints/new', render: () => <NewComplaintPage /> },
    { path: '/rights/complaints/:id', render: ({ id }) => <ComplaintPage id={id!} /> },
  ],
  i18n: rightsStrings,
};
