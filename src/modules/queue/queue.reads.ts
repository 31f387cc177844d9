import type { DbOrTx } from '../../platform/db';
import { createQueueHistoryRepository } from './queue.history.repository';
import { createQueueRepository } from './queue.repository';
import { createResourcesRepository } from './resources.repository';

export type { QueueEntryRow } from './queue.repository';
export type { QueueSettingsRow } from './resources.repository';

/**
 * What the queue's neighbours read of its data: messaging (the notice and reminder of a visit),
 * booking (the public page's services and professionals) and the portal (the patient's own visits). No access check and no audit here: the
 * caller reads on behalf of a job or a public page and records what it does in its own transaction.
 */
export function createQueueReads() {
  const queue = createQueueRepository();
  const resources = createResourcesRepository();
  const history = createQueueHistoryRepository();
  return {
    entry: queue.find,
    upcomingForPatient: queue.upcomingForPatient,
    location: resources.location,
    professional: resources.professional,
    professionals: resources.professionals,
    service: resources.service,
    services: resources.services,
    settings: resources.settings,
    /** Recall: last visits done per patient and service, and who has a visit booked. */
    lastDoneVisits: history.lastDoneVisits,
    patientsWithBooking: history.patientsWithBooking,
  };
}
export type QueueReads = ReturnType<typeof createQueueReads>;

/**
 * The patients booked with a professional from `from` on (a staff account newly linked to the
 * professional joins their care teams). For the staff module, which checks and audits the link.
 */
export async function patientsBookedWith(
  db: DbOrTx,
  clinicId: string,
  professionalId: string,
  from: Date,
): Promise<string[]> {
  const rows = await createQueueRepository().list(db, {
    clinicId,
    professionalId,
    from,
    statuses: ['booked', 'arrived'],
    limit: 500,
  });
  return [...new Set(rows.map((r) => r.patientId))];
}
