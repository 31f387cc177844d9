import { defineModule } from '../../platform/module';
import { createRetentionJobs, type RetentionDeps } from './retention.jobs';

/**
 * Retention enforced by the worker, never by hand: a daily job per clinic. When background work
 * starts, every clinic gets today's run queued (the job then queues tomorrow's).
 */
export const retentionModule = defineModule({
  name: 'retention',
  create(deps: RetentionDeps) {
    const retention = createRetentionJobs(deps);
    return { services: { retention }, jobs: retention.handlers, start: retention.schedule };
  },
});
