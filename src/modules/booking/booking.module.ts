import { defineModule } from '../../platform/module';
import { bookingRoutes } from './booking.routes';
import { type BookingDeps, createBookingService } from './booking.service';

/** Online booking: the clinic's public page shows free times and takes requests that reception confirms. */
export const bookingModule = defineModule({
  name: 'booking',
  create(deps: BookingDeps) {
    const booking = createBookingService(deps);
    return { services: { booking }, routes: bookingRoutes(booking) };
  },
});
