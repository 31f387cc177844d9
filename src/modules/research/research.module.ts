import type { AuditService } from '../../platform/audit/audit.service';
import type { FieldCipher } from '../../platform/crypto';
import type { Db } from '../../platform/db';
import { defineModule } from '../../platform/module';
import type { RegisterService } from '../register/register.service';
import { researchRoutes } from './research.routes';
import { createResearchService } from './research.service';

/** Pseudonymised research and teaching exports. */
export const researchModule = defineModule({
  name: 'research',
  create(deps: { db: Db; audit: AuditService; cipher: FieldCipher; register: Pick<RegisterService, 'inForce'> }) {
    const research = createResearchService(deps);
    return { services: { research }, routes: researchRoutes(research) };
  },
});
