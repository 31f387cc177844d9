import type { WebFeature } from '../../shell/feature';
import { ClinicProfilePage } from './ClinicProfilePage';
import { clinicStrings } from './clinic.i18n';
import { OperatorPage } from './OperatorPage';
import { operatorStrings } from './operator.i18n';

export const feature: WebFeature = {
  id: 'clinic',
  nav: [{ labelKey: 'clinic:nav', path: '/clinic', roles: ['admin', 'dpo'], order: 84 }],
  routes: [
    { path: '/clinic', render: () => <ClinicProfilePage /> },
    // The deployment's operator, before any clinic session exists: public, guarded by OPERATOR_TOKEN.
    { path: '/operator/clinics/new', public: true, render: () => <OperatorPage /> },
  ],
  i18n: {
    et: { ...clinicStrings.et, operator: operatorStrings.et },
    lv: { ...clinicStrings.lv, operator: operatorStrings.lv },
    en: { ...clinicStrings.en, operator: operatorStrings.en },
    ru: { ...clinicStrings.ru, operator: operatorStrings.ru },
  },
};
