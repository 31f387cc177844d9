import type { Mailer } from '../../platform/mail';
import { defineModule } from '../../platform/module';
import type { SmsSender } from '../../platform/sms';
import type { ClinicsService } from '../clinics/clinics.service';
import { createPatientBookingRegistration } from '../patients/patients.booking';
import { createBookingJobs } from './booking.jobs';
import { bookingRoutes } from './booking.routes';
import { type BookingDeps, createBookingService } from './booking.service';

/**
 * Online booking: the clinic's public page shows free times and takes requests that reception
 * confirms or declines; the requests nobody answered lapse at night, and the person is told.
 */
export const bookingModule = defineModule({
  name: 'booking',
  create(
    deps: Omit<BookingDeps, 'clinics' | 'patientsByBirthDate'> & {
      mailer: Mailer;
      sms: SmsSender;
      clinics: Pick<ClinicsService, 'findBySlug' | 'byId' | 'all'>;
    },
  ) {
    const booking = createBookingService({ ...deps, patientsByBirthDate: createPatientBookingRegistration(deps) });
    const jobs = createBookingJobs(deps);
    return {
      services: { booking, bookingRequestExpiry: { expire: jobs.expire } },
      routes: bookingRoutes(booking),
      jobs: jobs.handlers,
      start: jobs.schedule,
    };
  },
});
