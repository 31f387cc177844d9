import { readFileSync } from 'node:fs';
import { systemContext } from '../../platform/access';
import type { AuditService } from '../../platform/audit/audit.service';
import type { Clock } from '../../platform/clock';
import type { Db } from '../../platform/db';
import { enqueue } from '../../platform/jobs/outbox';
import type { Mailer } from '../../platform/mail';
import { defineModule } from '../../platform/module';
import type { ClinicLookup, ClinicsService } from '../clinics/clinics.service';
import type { PatientsService } from '../patients/patients.service';
import { registerCommands } from './register.commands';
import { registerInternalRoutes } from './register.internal';
import { createChangeNoticeHandlers } from './register.letters';
import { presetsDir } from './register.presets';
import { registerRoutes } from './register.routes';
import { createRegisterService, type RegisterService } from './register.service';

export interface RegisterModuleDeps {
  db: Db;
  clock: Clock;
  audit: AuditService;
  mailer: Mailer;
  publicUrl: string;
  clinics: ClinicLookup & Pick<ClinicsService, 'groupOf'>;
  patients: Pick<PatientsService, 'find'> & { system: Pick<PatientsService['system'], 'reachableByEmail'> };
}

/**
 * The processing register (GDPR Art. 30) and the privacy notice published from it; a published
 * change is announced to patients by letters the outbox worker sends.
 */
export const registerModule = defineModule({
  name: 'register',
  create(deps: RegisterModuleDeps) {
    const { db, clock } = deps;
    const register = createRegisterService({
      db,
      clock,
      audit: deps.audit,
      clinics: deps.clinics,
      // One job per publication; it fans out into one letter per patient (register.letters.ts).
      announceChange: async (tx, clinicId, version) => {
        await enqueue(
          tx,
          {
            clinicId,
            kind: 'privacy_notice.changed',
            runAt: clock.now(),
            dedupeKey: `privacy_notice:${version}`,
            payload: { version },
          },
          clock.now(),
        );
      },
    });
    return {
      services: { register },
      routes: registerRoutes(register, presetsDir),
      internalRoutes: registerInternalRoutes(register, deps.clinics),
      jobs: createChangeNoticeHandlers(deps),
      seedDemo: async ({ clinicId }) => {
        await seedDemoRegister(register, clinicId);
      },
    };
  },
  commands: registerCommands,
});

/**
 * Gives the demo clinic its full register and publishes it as version 1, so its privacy page
 * and `hoidja notice --clinic demo` work on a fresh install. Does nothing when it has one.
 */
async function seedDemoRegister(register: RegisterService, clinicId: string): Promise<void> {
  const ctx = systemContext(clinicId, 'cli');
  if (await register.current(ctx)) return;
  await register.importText(ctx, readFileSync(`${presetsDir}demo.yaml`, 'utf8'), 'presets/demo.yaml');
  await register.publish(ctx, { summary: 'first version' });
}
