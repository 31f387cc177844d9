import type { WebFeature } from '../../shell/feature';
import { BillingHome, DebtsPage, PriceListPage } from './BillingPages';
import { billingStrings } from './billing.i18n';
import { InvoicePage } from './InvoicePage';
import { ReportsPage } from './ReportsPage';
import { RecordServicesPage, VisitInvoicePage } from './VisitPages';

export const feature: WebFeature = {
  id: 'billing',
  nav: [
    { labelKey: 'billing:nav', path: '/billing', roles: ['admin', 'receptionist', 'accountant', 'doctor'], order: 40 },
  ],
  routes: [
    { path: '/billing', render: () => <BillingHome /> },
    { path: '/billing/prices', render: () => <PriceListPage /> },
    { path: '/billing/services', render: () => <RecordServicesPage /> },
    { path: '/billing/debts', render: () => <DebtsPage /> },
    { path: '/billing/reports', render: () => <ReportsPage /> },
    { path: '/billing/visits/:visitId', render: ({ visitId }) => <VisitInvoicePage visitId={visitId!} /> },
    { path: '/billing/invoices/:id', render: ({ id }) => <InvoicePage id={id!} /> },
  ],
  i18n: billingStrings,
};
