import type { WebFeature } from '../../shell/feature';
import { ClinicProfilePage } from './ClinicProfilePage';
import { clinicStrings } from './clinic.i18n';

export const feature: WebFeature = {
  id: 'clinic',
  nav: [{ labelKey: 'clinic:nav', path: '/clinic', roles: ['admin', 'dpo'], order: 84 }],
  routes: [{ path: '/clinic', render: () => <ClinicProfilePage /> }],
  i18n: clinicStrings,
};
