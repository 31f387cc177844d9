/**
 * How long invoices and other accounting source documents are kept, by country, as dated data.
 * Estonia: Raamatupidamise seadus § 12 — seven years from the end of the financial year.
 * Latvia: Grāmatvedības likums — source documents five years (ledgers ten).
 */
import { type Effective, ruleOn } from './dental-benefits';

export interface AccountingRetentionRule extends Effective {
  country: 'EE' | 'LV';
  years: number;
}

export const accountingRetentionRules: readonly AccountingRetentionRule[] = [
  {
    id: 'ee-accounting-7y',
    country: 'EE',
    from: '2003-01-01',
    to: null,
    years: 7,
    source: 'Raamatupidamise seadus § 12',
  },
  // Before the 2022 law: not verified here, so the longer ledger period is kept to be safe.
  {
    id: 'lv-accounting-conservative',
    country: 'LV',
    from: '1992-01-01',
    to: '2021-12-31',
    years: 10,
    source: 'unverified: conservative default (ledger period)',
  },
  {
    id: 'lv-accounting-5y',
    country: 'LV',
    from: '2022-01-01',
    to: null,
    years: 5,
    source: 'Grāmatvedības likums, 10. pants (attaisnojuma dokumenti)',
  },
];

/** Last day an accounting document dated `date` must be kept: end of its year plus the period. */
export function accountingRetainUntil(country: 'EE' | 'LV', date: string): string {
  const rule = ruleOn(
    accountingRetentionRules.filter((r) => r.country === country),
    date,
    `${country} accounting retention`,
  );
  return `${Number(date.slice(0, 4)) + rule.years}-12-31`;
}
