import type { WebFeature } from '../../shell/feature';
import { AccessReviewPage } from './AccessReviewPage';
import { BreachesPage } from './BreachesPage';
import { BreachPage } from './BreachPage';
import { RecordingsPage } from './RecordingsPage';
import { ResearchPage } from './ResearchPage';
import { RetentionPage } from './RetentionPage';
import { retentionStrings } from './retention.i18n';

/** The DPO's oversight: retention and holds, breaches, camera recordings, access review. */
export const feature: WebFeature = {
  id: 'retention',
  nav: [{ labelKey: 'retention:nav', path: '/retention', roles: ['dpo', 'admin'], order: 85 }],
  routes: [
    { path: '/retention', render: () => <RetentionPage /> },
    { path: '/breaches', render: () => <BreachesPage /> },
    { path: '/breaches/:id', render: ({ id }) => <BreachPage id={id!} /> },
    { path: '/recordings', render: () => <RecordingsPage /> },
    { path: '/access-review', render: () => <AccessReviewPage /> },
    { path: '/research', render: () => <ResearchPage /> },
  ],
  i18n: retentionStrings,
};
