import type { WebFeature } from '../../shell/feature';
import { ChangePasswordPage, ResetPasswordPage } from './PasswordPages';
import { StaffPage } from './StaffPage';
import { staffStrings } from './staff.i18n';

export const feature: WebFeature = {
  id: 'staff',
  nav: [{ labelKey: 'staff:nav', path: '/staff', roles: ['admin'], order: 90 }],
  routes: [
    { path: '/staff', render: () => <StaffPage /> },
    { path: '/password', render: () => <ChangePasswordPage /> },
    { path: '/reset-password', public: true, render: () => <ResetPasswordPage /> },
  ],
  i18n: staffStrings,
};
