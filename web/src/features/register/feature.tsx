import type { WebFeature } from '../../shell/feature';
import { RegisterPage } from './RegisterPage';
import { registerStrings } from './register.i18n';

export const feature: WebFeature = {
  id: 'register',
  nav: [{ labelKey: 'register:nav', path: '/register', roles: ['dpo', 'admin'], order: 80 }],
  routes: [{ path: '/register', render: () => <RegisterPage /> }],
  i18n: registerStrings,
};
