import type { WebFeature } from '../../shell/feature';
import { PatientPage } from './PatientPage';
import { PatientsPage } from './PatientsPage';
import { patientsStrings } from './patients.i18n';
import { RegisterPatientPage } from './RegisterPatientPage';
import { recordStrings } from './record.i18n';

export const feature: WebFeature = {
  id: 'patients',
  nav: [
    {
      labelKey: 'patients:nav',
      path: '/patients',
      roles: ['admin', 'receptionist', 'doctor', 'accountant', 'dpo'],
      order: 10,
    },
  ],
  routes: [
    { path: '/patients', render: () => <PatientsPage /> },
    { path: '/patients/new', render: () => <RegisterPatientPage /> },
    { path: '/patients/:id', render: ({ id }) => <PatientPage id={id!} /> },
  ],
  i18n: {
    et: { ...patientsStrings.et, ...recordStrings.et },
    lv: { ...patientsStrings.lv, ...recordStrings.lv },
    en: { ...patientsStrings.en, ...recordStrings.en },
    ru: { ...patientsStrings.ru, ...recordStrings.ru },
  },
};
