/**
 * The shortest retention the law sets for some data, by country, as dated data. A clinic's
 * register may keep data longer; keeping it shorter is flagged when the register is imported.
 * Estonia: treatment documents 30 years from the service, logs of health-care processing 5 years
 * (per DESIGN.md; check the current regulation before changing); accounting from its own table.
 */
import type { DataCategory } from '../platform/data-categories';
import { accountingRetentionRules } from './accounting-retention';
import type { Effective } from './dental-benefits';

export interface RetentionMinimum extends Effective {
  country: 'EE' | 'LV';
  /** The platform data category the minimum is about. */
  catalogue: DataCategory;
  what: string;
  years: number;
  /** What the period runs from, in the register's words. */
  runsFrom: 'service_date' | 'end_of_financial_year' | 'recording';
}

export const retentionMinimums: readonly RetentionMinimum[] = [
  {
    id: 'ee-outpatient-30y',
    country: 'EE',
    from: '2008-06-01',
    to: null,
    catalogue: 'health',
    what: 'outpatient treatment documents',
    years: 30,
    runsFrom: 'service_date',
    source: 'Tervishoiuteenuste korraldamise seadus; sotsiaalministri määrus nr 56 (2008)',
  },
  {
    id: 'ee-care-logs-5y',
    country: 'EE',
    from: '2008-06-01',
    to: null,
    catalogue: 'access_log',
    what: 'logs of health-care processing',
    years: 5,
    runsFrom: 'recording',
    source: 'DESIGN.md: logs of health-care processing 5 years',
  },
  ...accountingRetentionRules.map((r) => ({
    id: r.id,
    country: r.country,
    from: r.from,
    to: r.to,
    source: r.source,
    catalogue: 'financial' as const,
    what: 'invoices and accounting source documents',
    years: r.years,
    runsFrom: 'end_of_financial_year' as const,
  })),
];

/** The minimums in force in a country on a date. */
export function minimumsOn(country: 'EE' | 'LV', date: string): RetentionMinimum[] {
  return retentionMinimums.filter((m) => m.country === country && m.from <= date && (m.to === null || date <= m.to));
}
