import { createContext, useContext } from 'react';
import type { ApiResponse } from './api';
import type { StaffRole } from './feature';

export type SessionUser = ApiResponse<'GET /api/auth/me'>['user'];

export const SessionContext = createContext<{ user: SessionUser | null; setUser: (u: SessionUser | null) => void }>({
  user: null,
  setUser: () => undefined,
});
export const useSession = () => useContext(SessionContext);
export const hasAnyRole = (u: SessionUser | null, roles?: StaffRole[]) =>
  !roles || (!!u && u.roles.some((r) => roles.includes(r)));
