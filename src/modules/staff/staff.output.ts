import { z } from 'zod';
import { recordId } from '../../platform/http/contract';

/** The professional the account is now linked to, and how many booked patients joined its care team. */
export const professionalLinkOutput = z.object({
  professionalId: recordId,
  careAssigned: z.number().int(),
});
