import type { AuditService } from '../../platform/audit/audit.service';
import type { Clock } from '../../platform/clock';
import type { Db } from '../../platform/db';
import type { Mailer } from '../../platform/mail';
import { defineModule } from '../../platform/module';
import type { ClinicsService } from '../clinics/clinics.service';
import { createAccessReviewDigest } from './access-review.digest';
import { accessReviewRoutes } from './access-review.routes';
import { createAccessReviewService } from './access-review.service';

/** The DPO's access review over the audit log, and its weekly digest by e-mail. */
export const accessReviewModule = defineModule({
  name: 'accessReview',
  create(deps: {
    db: Db;
    clock: Clock;
    audit: AuditService;
    mailer: Mailer;
    publicUrl: string;
    clinics: Pick<ClinicsService, 'byId' | 'all'>;
  }) {
    const accessReview = createAccessReviewService(deps);
    const digest = createAccessReviewDigest({ ...deps, accessReview });
    return {
      services: { accessReview },
      routes: accessReviewRoutes(accessReview),
      jobs: digest.handlers,
      start: digest.schedule,
    };
  },
});
