import type { WebFeature } from '../../shell/feature';
import { SetupPage } from './SetupPage';
import { setupStrings } from './setup.i18n';

export const feature: WebFeature = {
  id: 'setup',
  nav: [{ labelKey: 'setup:nav', path: '/setup', roles: ['admin'], order: 85 }],
  routes: [{ path: '/setup', render: () => <SetupPage /> }],
  i18n: setupStrings,
};
