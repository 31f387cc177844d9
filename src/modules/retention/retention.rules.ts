import { minimumsOn } from '../../rules/retention-minimums';
import { addDays } from '../../rules/zoned-time';
import type { Register } from '../register/register.model';
import { type RetentionTarget, retentionTargets, type TargetKey } from './retention.targets';

/** One line of a plan: a target, its rules, what would go now. */
export interface PlanLine {
  target: TargetKey;
  label: string;
  rules: AppliedRule[];
  end: 'delete' | 'anonymise' | 'archive' | null;
  /** Rows that would go now. */
  count: number;
  oldest: string | null;
  /** Expired rows that a hold keeps. */
  held: number;
  note?: string;
}

export interface RetentionPlan {
  runDate: string;
  lines: PlanLine[];
}

export interface ReportLine {
  target: TargetKey;
  rule: string;
  end: 'delete' | 'anonymise' | 'archive' | null;
  deleted: number;
  anonymised: number;
  archived: number;
  /** Recording files that could not be deleted this run (kept listed and tried again). */
  failed?: number;
  done: boolean;
  note?: string;
}

/**
 * From the register in force to cut-off dates: for each target, the register's rules that govern
 * it (a rule of a register category whose catalogue holds the target's data, counted from an
 * anchor the target knows), raised to the legal minimum where the register is shorter (the
 * import refuses that too; this is the floor the engine itself keeps).
 *
 * A rule "until …" (purpose achieved, consent withdrawn, contract ended, claim time-barred) ends
 * for a target at its event (an answered request, an ended session, a sent message) and is kept
 * UNTIL_GRACE_DAYS after it, for questions about what just happened.
 */
export const UNTIL_GRACE_DAYS = 30;
/** Camera recordings without a register rule: deleted after 30 days. */
const DEFAULT_RECORDING_DAYS = 30;

export type EndAction = 'delete' | 'anonymise' | 'archive';

export interface AppliedRule {
  /** The register category and the rule's own name, for the plan and the report. */
  rule: string;
  from: string;
  period: string;
  end: EndAction;
  /** Data dated before this (ISO date) has expired under this rule. */
  cutoff: string;
  /** Set when the legal minimum raised the register's period. */
  floor?: string;
  /** The rule's own name in the register's languages, for the screens (the plan's `rule` is one wording). */
  names?: Partial<Record<'et' | 'lv' | 'en' | 'ru', string>>;
}

export interface ResolvedTarget {
  target: RetentionTarget;
  /** Empty: the register has no rule for it, and nothing is removed. */
  rules: AppliedRule[];
  /** Why nothing is removed, when so. */
  note?: string;
}

function minusYears(date: string, years: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y - years, m - 1, d)).toISOString().slice(0, 10);
}
function minusMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1 - months, d)).toISOString().slice(0, 10);
}

const text = (v: unknown): string =>
  typeof v === 'string' ? v : v && typeof v === 'object' ? String(Object.values(v)[0] ?? '') : '';

function defaultRecordingRule(today: string): AppliedRule {
  return {
    rule: `recordings: default ${DEFAULT_RECORDING_DAYS} days`,
    from: 'recording',
    period: `${DEFAULT_RECORDING_DAYS} days`,
    end: 'delete',
    cutoff: addDays(today, -DEFAULT_RECORDING_DAYS),
  };
}

export function resolveTargets(reg: Register | null, country: 'EE' | 'LV', today: string): ResolvedTarget[] {
  const minimums = minimumsOn(country, today);
  return retentionTargets.map((target) => {
    const floorMin = minimums.filter((m) => target.catalogue.includes(m.catalogue));
    if (!reg) {
      if (target.key === 'recordings') return { target, rules: [defaultRecordingRule(today)] };
      // Without a register only the legal rules the platform always ran are kept running.
      if (target.key === 'access_log' || target.key === 'accounting') {
        return {
          target,
          rules: floorMin.map((m) => ({
            rule: `${m.what} (${m.source})`,
            from: m.runsFrom,
            period: `${m.years} years`,
            end: 'delete' as const,
            cutoff:
              target.key === 'accounting' ? `${Number(today.slice(0, 4)) - m.years}-01-01` : minusYears(today, m.years),
          })),
        };
      }
      return { target, rules: [], note: 'the clinic has no processing register' };
    }
    const cats = new Set(
      reg.categories.filter((c) => c.catalogue.some((k) => target.catalogue.includes(k))).map((c) => c.key),
    );
    const rules: AppliedRule[] = [];
    for (const r of reg.retention) {
      if (!cats.has(r.category)) continue;
      const p = r.period;
      const from = r.from ?? ('until' in p ? 'event' : 'collection');
      const name = `${r.category}${r.name ? `: ${text(r.name)}` : ''}`;
      // The rule's own name, else its category's, in the register's languages (for the screens).
      const shown = r.name ?? reg.categories.find((c) => c.key === r.category)?.name;
      const names = shown && typeof shown === 'object' ? { names: shown } : {};
      if ('until' in p) {
        if (!target.anchors.includes('event')) continue;
        rules.push({
          rule: name,
          from: p.until,
          period: `until ${p.until.replace(/_/g, ' ')} + ${UNTIL_GRACE_DAYS} days`,
          end: r.end,
          cutoff: addDays(today, -UNTIL_GRACE_DAYS),
          ...names,
        });
        continue;
      }
      const anchor = target.anchors.includes(from as never) ? from : target.anchors.includes('event') ? 'event' : null;
      if (!anchor) continue;
      let years = 'years' in p ? p.years : 0;
      let floor: string | undefined;
      const min = floorMin.find(
        (m) => m.runsFrom === anchor || (anchor === 'document_date' && m.runsFrom === 'end_of_financial_year'),
      );
      if (min && 'years' in p && p.years < min.years) {
        years = min.years;
        floor = `raised to ${min.years} years by ${min.source}`;
      }
      let cutoff: string;
      let period: string;
      if ('years' in p) {
        period = `${years} years`;
        cutoff =
          anchor === 'end_of_financial_year' ? `${Number(today.slice(0, 4)) - years}-01-01` : minusYears(today, years);
      } else if ('months' in p) {
        period = `${p.months} months`;
        cutoff = minusMonths(today, p.months);
      } else {
        period = `${p.days} days`;
        cutoff = addDays(today, -p.days);
      }
      rules.push({ rule: name, from: anchor, period, end: r.end, cutoff, ...(floor ? { floor } : {}), ...names });
    }
    if (target.key === 'recordings' && rules.length === 0) {
      // The clinic's period for recordings, 30 days unless its register says otherwise.
      rules.push(defaultRecordingRule(today));
    }
    if (target.key === 'access_log' && rules.length === 0) {
      for (const m of floorMin)
        rules.push({
          rule: `${m.what} (${m.source})`,
          from: m.runsFrom,
          period: `${m.years} years`,
          end: 'delete',
          cutoff: minusYears(today, m.years),
        });
    }
    return rules.length ? { target, rules } : { target, rules, note: 'no retention rule in the register' };
  });
}
