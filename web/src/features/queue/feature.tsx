import type { WebFeature } from '../../shell/feature';
import { CalendarPage } from './CalendarPage';
import { PublicBooking } from './PublicBooking';
import { QueueList } from './QueueList';
import { queueStrings } from './queue.i18n';
import { RequestsInbox } from './RequestsInbox';
import { requestsStrings } from './requests.i18n';

export const feature: WebFeature = {
  id: 'queue',
  nav: [
    { labelKey: 'queue:nav.calendar', path: '/calendar', roles: ['admin', 'receptionist', 'doctor'], order: 5 },
    { labelKey: 'queue:nav.queue', path: '/queue', roles: ['admin', 'receptionist', 'doctor'], order: 6 },
    { labelKey: 'queue:nav.requests', path: '/requests', roles: ['admin', 'receptionist'], order: 7 },
  ],
  routes: [
    { path: '/calendar', render: () => <CalendarPage /> },
    { path: '/queue', render: () => <QueueList /> },
    { path: '/requests', render: () => <RequestsInbox /> },
    { path: '/book/:slug', public: true, render: ({ slug }) => <PublicBooking slug={slug!} /> },
  ],
  // The booking requests' strings live in their own file, merged into this namespace.
  i18n: {
    et: { ...queueStrings.et, ...requestsStrings.et },
    lv: { ...queueStrings.lv, ...requestsStrings.lv },
    en: { ...queueStrings.en, ...requestsStrings.en },
    ru: { ...queueStrings.ru, ...requestsStrings.ru },
  },
};
