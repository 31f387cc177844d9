import { createContext, useContext } from 'react';
import type { StaffRole } from './feature';

export interface SessionUser {
  id: string;
  email: string;
  fullName: string;
  roles: StaffRole[];
  clinicId: string;
  clinicSlug: string;
}

export const SessionContext = createContext<{ user: SessionUser | null; setUser: (u: SessionUser | null) => void }>({
  user: null,
  setUser: () => undefined,
});
export const useSession = () => useContext(SessionContext);
export const hasAnyRole = (u: SessionUser | null, roles?: StaffRole[]) =>
  !roles || (!!u && u.roles.some((r) => roles.includes(r)));
