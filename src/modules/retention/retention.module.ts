import type { AuditService } from '../../platform/audit/audit.service';
import type { Clock } from '../../platform/clock';
import type { FieldCipher } from '../../platform/crypto';
import type { Db } from '../../platform/db';
import { defineModule } from '../../platform/module';
import type { ClinicsService } from '../clinics/clinics.service';
import type { PatientsService } from '../patients/patients.service';
import type { RecordingStore } from '../recordings/recordings.store';
import type { RegisterService } from '../register/register.service';
import { retentionCommands } from './retention.commands';
import { retentionInternalRoutes } from './retention.internal';
import { createRetentionJobs } from './retention.jobs';
import { createPatientRetention } from './retention.patient';
import { retentionRoutes } from './retention.routes';
import { createRetentionService } from './retention.service';

export interface RetentionDeps {
  db: Db;
  clock: Clock;
  audit: AuditService;
  clinics: Pick<ClinicsService, 'byId' | 'all' | 'bySlug'>;
  register: Pick<RegisterService, 'inForce'>;
  cipher: FieldCipher;
  recordingStore: RecordingStore;
  patients: Pick<PatientsService, 'authorize'>;
}

/**
 * The one deletion path: the retention engine driven by the register (retention.service.ts), run
 * nightly per clinic by the worker (when background work starts, every clinic gets today's run
 * queued; each run queues the next night's), by `hoidja retention run`, or from the DPO's screen.
 */
export const retentionModule = defineModule({
  name: 'retention',
  create(deps: RetentionDeps) {
    const service = createRetentionService(deps);
    const jobs = createRetentionJobs({ ...deps, retention: service });
    return {
      services: { retention: { ...service, schedule: jobs.schedule } },
      routes: retentionRoutes(service, createPatientRetention(deps)),
      internalRoutes: retentionInternalRoutes(service, deps.clinics),
      jobs: jobs.handlers,
      start: jobs.schedule,
    };
  },
  commands: retentionCommands,
});
