import type { ApiResponse } from '../../shell/api';

/** What the setup page shows, as the queue's API answers it. */
export type Catalogue = ApiResponse<'GET /api/queue/catalogue'>;
export type Absence = ApiResponse<'GET /api/queue/exceptions'>['items'][number];

/** What every card of the setup page is given: the catalogue, how to reload it, and who is who. */
export interface CardProps {
  cat: Catalogue;
  reload: () => Promise<void>;
  proName: (id: string | null) => string;
}
