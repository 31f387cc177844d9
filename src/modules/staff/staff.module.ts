import { z } from 'zod';
import { type App, accessContext } from '../../platform/http/server';
import { defineModule } from '../../platform/module';
import { professionalLinkInput } from './staff.input';
import { professionalLinkOutput } from './staff.output';
import { createStaffService, type StaffDeps } from './staff.service';

/** Staff accounts and the calendar's professionals (the accounts themselves are the platform's auth). */
export const staffModule = defineModule({
  name: 'staff',
  create(deps: StaffDeps) {
    const staffLinks = createStaffService(deps);
    const routes = async (app: App) => {
      app.post(
        '/api/staff/:id/professional',
        {
          schema: {
            tags: ['staff'],
            summary: 'Link the account to a professional of the calendar, or create the professional from it',
            params: z.object({ id: z.uuid() }),
            body: professionalLinkInput,
            response: { 200: professionalLinkOutput },
          },
        },
        async (req) => staffLinks.linkProfessional(accessContext(req), req.params.id, req.body),
      );
    };
    return { services: { staffLinks }, routes };
  },
});
