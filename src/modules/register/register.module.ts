import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { systemContext } from '../../platform/access';
import type { AuditService } from '../../platform/audit/audit.service';
import type { Clock } from '../../platform/clock';
import type { Config } from '../../platform/config';
import type { Db } from '../../platform/db';
import type { App } from '../../platform/http/server';
import { enqueue } from '../../platform/jobs/outbox';
import type { ClinicLookup } from '../clinics/clinics.service';
import { createWithdrawLinks } from '../consents/consents.links';
import { consentsRoutes } from '../consents/consents.routes';
import { createConsentsService } from '../consents/consents.service';
import type { PatientsService } from '../patients/patients.service';
import { registerInternalRoutes } from './register.internal';
import { registerRoutes } from './register.routes';
import { createRegisterService } from './register.service';

/** The services app.ts composes, as far as the register and the consents need them. */
export interface RegisterHost {
  db: Db;
  clock: Clock;
  audit: AuditService;
  config: Config;
  patients: Pick<PatientsService, 'authorize'>;
  clinics: ClinicLookup;
}

/** Where the shipped register templates live. */
export const presetsDir = fileURLToPath(new URL('../../../presets/', import.meta.url));

export function createRegisterModule(host: RegisterHost) {
  const { db, clock, audit, config, patients, clinics } = host;
  const register = createRegisterService({
    db,
    clock,
    audit,
    clinics,
    // One job per publication; the messaging worker may turn it into letters to patients.
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
  const links = createWithdrawLinks(config.SESSION_SECRET, config.PUBLIC_URL ?? `http://localhost:${config.PORT}`);
  const consents = createConsentsService({ db, clock, audit, register, links, patients });
  async function routes(app: App) {
    await app.register(registerRoutes(register, presetsDir));
    await app.register(consentsRoutes(consents));
    await app.register(registerInternalRoutes(register, clinics, config));
  }
  return { register, consents, links, routes };
}
export type RegisterModule = ReturnType<typeof createRegisterModule>;

/**
 * Gives the demo clinic its full register and publishes it as version 1, so its privacy page
 * and `hoidja notice --clinic demo` work on a fresh install. Does nothing when it has one.
 */
export async function seedDemoRegister(module: Pick<RegisterModule, 'register'>, clinicId: string): Promise<boolean> {
  const { register } = module;
  const ctx = systemContext(clinicId, 'cli');
  if (await register.current(ctx)) return false;
  await register.importText(ctx, readFileSync(`${presetsDir}demo.yaml`, 'utf8'), 'presets/demo.yaml');
  await register.publish(ctx, { summary: 'first version' });
  return true;
}
