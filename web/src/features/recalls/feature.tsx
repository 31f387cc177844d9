import type { WebFeature } from '../../shell/feature';
import { CampaignPage, CampaignsPage } from './CampaignsPage';
import { RecallsPage } from './RecallsPage';
import { recallsStrings } from './recalls.i18n';

/** Recall (reception) and newsletters (administrator sends, DPO reads). */
export const feature: WebFeature = {
  id: 'recalls',
  nav: [
    { labelKey: 'recalls:nav.recalls', path: '/recalls', roles: ['admin', 'receptionist'], order: 8 },
    { labelKey: 'recalls:nav.campaigns', path: '/campaigns', roles: ['admin', 'dpo'], order: 70 },
  ],
  routes: [
    { path: '/recalls', render: () => <RecallsPage /> },
    { path: '/campaigns', render: () => <CampaignsPage /> },
    { path: '/campaigns/:id', render: ({ id }) => <CampaignPage id={id!} /> },
  ],
  i18n: recallsStrings,
};
