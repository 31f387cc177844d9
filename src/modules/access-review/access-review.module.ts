import type { AuditService } from '../../platform/audit/audit.service';
import type { Clock } from '../../platform/clock';
import type { Db } from '../../platform/db';
import { defineModule } from '../../platform/module';
import type { ClinicsService } from '../clinics/clinics.service';
import { accessReviewRoutes } from './access-review.routes';
import { createAccessReviewService } from './access-review.service';

/** The DPO's access review over the audit log. */
export const accessReviewModule = defineModule({
  name: 'accessReview',
  create(deps: { db: Db; clock: Clock; audit: AuditService; clinics: Pick<ClinicsService, 'byId'> }) {
    const accessReview = createAccessReviewService(deps);
    return { services: { accessReview }, routes: accessReviewRoutes(accessReview) };
  },
});
