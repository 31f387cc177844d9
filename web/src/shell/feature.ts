import type { ReactNode } from 'react';

export type Language = 'et' | 'lv' | 'en' | 'ru';
export const languages: Language[] = ['et', 'lv', 'en', 'ru'];
export type StaffRole = 'admin' | 'receptionist' | 'doctor' | 'accountant' | 'dpo';

/**
 * A feature of the browser app: its pages, its menu entries and its strings in four languages.
 * Each lives in web/src/features/<id>/feature.tsx and is found by the shell on its own, so adding
 * a feature touches no shared file. Its strings are the i18next namespace `<id>`.
 */
export interface WebFeature {
  id: string;
  nav?: { labelKey: string; path: string; roles?: StaffRole[]; order?: number }[];
  routes: { path: string; public?: boolean; render: (params: Record<string, string>) => ReactNode }[];
  i18n: Record<Language, Record<string, unknown>>;
}
