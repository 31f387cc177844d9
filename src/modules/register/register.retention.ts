import { minimumsOn } from '../../rules/retention-minimums';
import type { Register } from './register.model';

/**
 * Warnings, not errors: where the register keeps data the law makes the clinic keep for a
 * minimum time, it should say so with at least that period, counted from the same event.
 */
export function retentionWarnings(reg: Register, date: string): string[] {
  const warnings: string[] = [];
  for (const min of minimumsOn(reg.country, date)) {
    const categories = reg.categories.filter((c) => c.catalogue.includes(min.catalogue)).map((c) => c.key);
    if (categories.length === 0) continue; // the register does not hold such data
    const rules = reg.retention.filter((r) => categories.includes(r.category));
    const enough = rules.some((r) => 'years' in r.period && r.period.years >= min.years && r.from === min.runsFrom);
    if (!enough) {
      warnings.push(
        `${min.what}: the law (${min.source}) requires keeping them at least ${min.years} years from ${min.runsFrom.replace(/_/g, ' ')}; no retention rule of categories ${categories.join(', ')} says so`,
      );
    }
  }
  return warnings;
}
