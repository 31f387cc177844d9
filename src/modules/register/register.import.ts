import { type Document, isMap, isSeq, LineCounter, parseDocument } from 'yaml';
import type { z } from 'zod';
import { ValidationError } from '../../platform/errors';
import { minimumsOn } from '../../rules/retention-minimums';
import { missingTranslations } from './register.languages';
import { basisLetters, conditionsOf, purposeRights, type Register, registerSchema } from './register.model';

export interface RegisterIssue {
  file: string;
  line: number;
  column: number;
  /** Dotted path inside the document, e.g. purposes.2.legalBasis.0 */
  path: string;
  reason: string;
}

/** A register that cannot be imported: every issue names the file, line and reason. */
export class RegisterImportError extends ValidationError {
  constructor(readonly issues: RegisterIssue[]) {
    const first = issues[0]!;
    super(`${first.file}:${first.line}`, first.reason, { issues });
    this.message = issues.map((i) => `${i.file}:${i.line}:${i.column}: ${i.reason}`).join('\n');
  }
}

type Path = (string | number)[];

/**
 * Parses a register from YAML or JSON (JSON is read by the YAML parser too, so both get line
 * numbers), validates its shape and its cross-references. Throws RegisterImportError.
 */
export function parseRegister(
  text: string,
  file = 'register.yaml',
  /**
   * The clinic it is imported into: a register states the law of the clinic's country only, and a
   * clinic in a group of joint controllers names every member of the group.
   */
  clinic?: {
    country: 'EE' | 'LV';
    group?: { name: string; jointControllers: boolean; members: { name: string; registryCode: string }[] } | null;
  },
): Register {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    throw new RegisterImportError(
      doc.errors.map((e) => {
        const pos = e.linePos?.[0] ?? { line: 1, col: 1 };
        return {
          file,
          line: pos.line,
          column: pos.col,
          path: '',
          reason: `not valid YAML/JSON: ${e.message.split('\n')[0]}`,
        };
      }),
    );
  }
  const locate = (path: Path, reason: string, atKey = false): RegisterIssue => {
    const offset = offsetOf(doc, path, atKey);
    const pos = lineCounter.linePos(offset);
    return { file, line: pos.line, column: pos.col, path: path.join('.'), reason };
  };
  const raw: unknown = doc.toJS();
  const parsed = registerSchema.safeParse(raw);
  if (!parsed.success) {
    const at = (path: Path) =>
      path.reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined), raw);
    // An unknown key is reported at the key itself, once per key: never silently dropped.
    const issues = parsed.error.issues.flatMap((i) =>
      i.code === 'unrecognized_keys'
        ? i.keys.map((k) => locate([...(i.path as Path), k], unknownKey(k, i.path as Path), true))
        : [locate(i.path as Path, describeZodIssue(i, at(i.path as Path)))],
    );
    throw new RegisterImportError(sortIssues(issues));
  }
  const problems = checkReferences(parsed.data);
  if (clinic && parsed.data.country !== clinic.country)
    problems.push({
      path: ['country'],
      reason: `the register is for ${parsed.data.country} but the clinic is in ${clinic.country}: a clinic's register cites its own country's law and authority`,
    });
  if (clinic?.group?.jointControllers) {
    const norm = (s: string) => s.trim().toLowerCase().replace(/\s+/g, ' ');
    for (const m of clinic.group.members) {
      const named = parsed.data.controllers.some(
        (c) => (c.registryCode && c.registryCode === m.registryCode) || norm(c.name) === norm(m.name),
      );
      if (!named)
        problems.push({
          path: ['controllers'],
          reason: `the clinic is a joint controller in the group "${clinic.group.name}": controllers must name ${m.name} (registry code ${m.registryCode}) too`,
        });
    }
  }
  if (problems.length > 0) throw new RegisterImportError(sortIssues(problems.map((p) => locate(p.path, p.reason))));
  return parsed.data;
}

function sortIssues(issues: RegisterIssue[]): RegisterIssue[] {
  return issues.sort((a, b) => a.line - b.line || a.column - b.column);
}

/** The offset of the deepest node that exists on the path (a missing key points at its parent). */
function offsetOf(doc: Document, path: Path, atKey = false): number {
  let node: unknown = doc.contents;
  let offset = (doc.contents as { range?: number[] } | null)?.range?.[0] ?? 0;
  for (const step of path) {
    if (isMap(node)) {
      const pair = node.items.find((p) => (p.key as { value?: unknown } | null)?.value === step);
      if (!pair) break;
      const keyRange = (pair.key as { range?: number[] }).range;
      if (atKey && step === path[path.length - 1] && keyRange) return keyRange[0]!;
      node = pair.value;
      offset = (pair.value as { range?: number[] } | null)?.range?.[0] ?? keyRange?.[0] ?? offset;
    } else if (isSeq(node) && typeof step === 'number') {
      const item = node.items[step] as { range?: number[] } | undefined;
      if (!item) break;
      node = item;
      offset = item.range?.[0] ?? offset;
    } else break;
  }
  return offset;
}

function unknownKey(key: string, path: Path): string {
  const where = path.length ? ` in ${path.join('.')}` : '';
  return `unknown key ${JSON.stringify(key)}${where}: check its spelling in docs/register.md (a comma inside { … } starts a new key, so quote texts that contain commas)`;
}

const fieldHints: Record<string, string> = {
  period: 'a retention rule needs a period (years, months, days or until)',
  end: 'a retention rule needs an end action: delete, anonymise or archive',
  legalBasis: 'a purpose needs a legal basis (GDPR Art. 6(1) a–f)',
  categories: 'a purpose needs the data categories it uses',
  role: 'a recipient needs a role: processor, independent_controller, public_authority or joint_controller',
  transfer:
    'state whether this recipient gets data outside the EU/EEA: transfer: none, or { country, safeguard } (it is never assumed)',
};

/** `value` is what the file holds at the issue's path (zod does not keep it). */
function describeZodIssue(issue: z.core.$ZodIssue, value: unknown): string {
  const last = issue.path[issue.path.length - 1];
  const parent = issue.path[issue.path.length - 2];
  if (value === undefined) {
    return fieldHints[String(last)] ?? `${String(last)} is required`;
  }
  if (
    (issue.code === 'invalid_value' || issue.code === 'invalid_union') &&
    (last === 'legalBasis' || parent === 'legalBasis') &&
    typeof value === 'string'
  ) {
    return `unknown legal basis ${JSON.stringify(value)}: use a letter of GDPR Art. 6(1), a–f`;
  }
  if (issue.code === 'invalid_value' && (last === 'specialCondition' || parent === 'specialCondition')) {
    return `unknown special-category condition ${JSON.stringify(value)}: use a letter of GDPR Art. 9(2), a–j`;
  }
  if (issue.code === 'invalid_value' && last === 'role' && parent !== undefined && issue.path[0] === 'recipients') {
    return `unknown recipient role ${JSON.stringify(value)}: use processor, independent_controller, public_authority or joint_controller`;
  }
  if (issue.code === 'unrecognized_keys') {
    return `unknown keys ${issue.keys.map((k) => JSON.stringify(k)).join(', ')}: a comma inside { … } starts a new key, so quote texts that contain commas`;
  }
  if (issue.code === 'invalid_union' && last === 'period') {
    return 'a retention period is one of {years: N}, {months: N}, {days: N} or {until: purpose_achieved|consent_withdrawn|contract_ended|claim_time_barred}';
  }
  return `${issue.path.length ? `${issue.path.join('.')}: ` : ''}${issue.message}`;
}

interface Problem {
  path: Path;
  reason: string;
}

/** Rules zod cannot express alone: every key used is defined once, and each basis has what it needs. */
export function checkReferences(reg: Register): Problem[] {
  const problems: Problem[] = [];
  const keysOf = (list: { key: string }[], where: string) => {
    const seen = new Set<string>();
    list.forEach((e, i) => {
      if (seen.has(e.key))
        problems.push({ path: [where, i, 'key'], reason: `${where}: key "${e.key}" is defined twice` });
      seen.add(e.key);
    });
    return seen;
  };
  const controllers = keysOf(reg.controllers, 'controllers');
  const subjects = keysOf(reg.subjects, 'subjects');
  const sources = keysOf(reg.sources, 'sources');
  const categories = keysOf(reg.categories, 'categories');
  const recipients = keysOf(reg.recipients, 'recipients');
  keysOf(reg.purposes, 'purposes');
  const special = new Set(reg.categories.filter((c) => c.special).map((c) => c.key));

  const refs = (list: string[], defined: Set<string>, path: Path, what: string) =>
    list.forEach((k, j) => {
      if (!defined.has(k)) problems.push({ path: [...path, j], reason: `${what} "${k}" is used but not defined` });
    });

  reg.purposes.forEach((p, i) => {
    const at: Path = ['purposes', i];
    refs(p.categories, categories, [...at, 'categories'], 'category');
    refs(p.subjects, subjects, [...at, 'subjects'], 'data subject');
    refs(p.sources, sources, [...at, 'sources'], 'source');
    refs(p.recipients, recipients, [...at, 'recipients'], 'recipient');
    refs(p.controllers, controllers, [...at, 'controllers'], 'controller');
    const letters = basisLetters(p);
    const onConsent = letters.includes('a') || conditionsOf(p).includes('a');
    if (onConsent && !p.consentText) {
      problems.push({ path: at, reason: `purpose "${p.key}" is based on consent but has no consentText` });
    }
    if (letters.includes('f') && !p.legitimateInterest) {
      problems.push({
        path: at,
        reason: `purpose "${p.key}" is based on legitimate interest but does not state the interest (legitimateInterest)`,
      });
    }
    if (p.categories.some((c) => special.has(c)) && !p.specialCondition) {
      problems.push({
        path: [...at, 'categories'],
        reason: `purpose "${p.key}" uses a special category but has no GDPR Art. 9(2) condition (specialCondition)`,
      });
    }
  });
  keysOf(reg.cookies, 'cookies');
  reg.cookies.forEach((c, i) => {
    const at: Path = ['cookies', i];
    const purpose = c.purpose ? reg.purposes.find((x) => x.key === c.purpose) : undefined;
    if (c.purpose && !purpose)
      problems.push({ path: [...at, 'purpose'], reason: `purpose "${c.purpose}" is used but not defined` });
    // Only strictly necessary cookies go without consent (ePrivacy Directive Art. 5(3)).
    if (c.category !== 'necessary' && !(purpose && purposeRights(purpose).withdraw))
      problems.push({
        path: c.purpose ? [...at, 'purpose'] : at,
        reason: `cookie "${c.key}" is a ${c.category} cookie: it needs the visitor's consent (ePrivacy Directive Art. 5(3)), so name its purpose (purpose: KEY) and let that purpose rest on consent (legalBasis a)`,
      });
  });
  reg.retention.forEach((r, i) => {
    if (!categories.has(r.category)) {
      problems.push({ path: ['retention', i, 'category'], reason: `category "${r.category}" is used but not defined` });
    }
  });
  if (reg.requestHandling?.identity.includes('portal_login') && !reg.requestChannels.some((c) => c.kind === 'portal'))
    problems.push({
      path: ['requestHandling', 'identity'],
      reason:
        'portal_login needs a portal request channel (requestChannels: - kind: portal): the notice promises only what the clinic offers',
    });
  problems.push(...belowLegalMinimum(reg, new Date().toISOString().slice(0, 10)));
  problems.push(...missingTranslations(reg));
  if (reg.controllers.length > 1 && !reg.jointArrangement) {
    problems.push({
      path: ['controllers'],
      reason: 'several controllers: state the essence of their arrangement (jointArrangement, GDPR Art. 26)',
    });
  }
  return problems;
}

/**
 * The legal floor: a retention rule that counts from the same event as a legal minimum of the
 * register's country (src/rules/retention-minimums.ts) for data of its category, but keeps it for
 * a shorter time, is refused with the law named. (A missing rule is a warning: register.retention.ts.)
 */
function belowLegalMinimum(reg: Register, date: string): Problem[] {
  const problems: Problem[] = [];
  const minimums = minimumsOn(reg.country, date);
  reg.retention.forEach((r, i) => {
    const catalogue = reg.categories.find((c) => c.key === r.category)?.catalogue ?? [];
    const p = r.period;
    const years = 'years' in p ? p.years : 'months' in p ? p.months / 12 : 'days' in p ? p.days / 365 : null;
    if (years === null) return;
    for (const m of minimums) {
      if (!catalogue.includes(m.catalogue) || r.from !== m.runsFrom || years >= m.years) continue;
      problems.push({
        path: ['retention', i, 'period'],
        reason: `${m.what}: ${years} years is shorter than the legal minimum of ${m.years} years from ${m.runsFrom.replace(/_/g, ' ')} (${m.source})`,
      });
    }
  });
  return problems;
}
