import type { Register } from './register.model';

/** One change between two registers, named the way a DPO reads it: section, entry key, field. */
export interface RegisterChange {
  section: string;
  key: string;
  change: 'added' | 'removed' | 'changed';
  fields?: { field: string; before: unknown; after: unknown }[];
}

const keyed = ['controllers', 'subjects', 'sources', 'categories', 'purposes', 'recipients'] as const;
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

function fieldChanges(a: Record<string, unknown>, b: Record<string, unknown>) {
  return [...new Set([...Object.keys(a), ...Object.keys(b)])]
    .filter((f) => !same(a[f], b[f]))
    .map((field) => ({ field, before: a[field] ?? null, after: b[field] ?? null }));
}

/** What changed from one register to the next: entries by key, retention rules by category and name. */
export function diffRegisters(before: Register, after: Register): RegisterChange[] {
  const out: RegisterChange[] = [];
  for (const section of keyed) {
    const a = new Map((before[section] as { key: string }[]).map((e) => [e.key, e]));
    const b = new Map((after[section] as { key: string }[]).map((e) => [e.key, e]));
    for (const [key, e] of b) {
      const old = a.get(key);
      if (!old) out.push({ section, key, change: 'added' });
      else if (!same(old, e))
        out.push({ section, key, change: 'changed', fields: fieldChanges(old as never, e as never) });
    }
    for (const key of a.keys()) if (!b.has(key)) out.push({ section, key, change: 'removed' });
  }
  const ruleKey = (r: Register['retention'][number]) => `${r.category}${r.name ? `:${JSON.stringify(r.name)}` : ''}`;
  const ra = new Map(before.retention.map((r) => [ruleKey(r), r]));
  const rb = new Map(after.retention.map((r) => [ruleKey(r), r]));
  for (const [key, r] of rb) {
    const old = ra.get(key);
    if (!old) out.push({ section: 'retention', key: r.category, change: 'added' });
    else if (!same(old, r))
      out.push({
        section: 'retention',
        key: r.category,
        change: 'changed',
        fields: fieldChanges(old as never, r as never),
      });
  }
  for (const [key, r] of ra) if (!rb.has(key)) out.push({ section: 'retention', key: r.category, change: 'removed' });
  const top = [
    'country',
    'languages',
    'title',
    'jointArrangement',
    'dataProtectionContact',
    'requestChannels',
    'security',
  ] as const;
  const topFields = top
    .filter((f) => !same(before[f], after[f]))
    .map((field) => ({ field, before: before[field] ?? null, after: after[field] ?? null }));
  if (topFields.length) out.push({ section: 'general', key: '', change: 'changed', fields: topFields });
  return out;
}
