import type { LocalizedText, NoticeLanguage, Register } from './register.model';

type Path = (string | number)[];

/** Every free text of a register with its path: the texts the notice prints. */
function* localizedTexts(reg: Register): Generator<[Path, LocalizedText | undefined]> {
  yield [['title'], reg.title];
  yield [['jointArrangement'], reg.jointArrangement];
  yield [['security'], reg.security];
  yield [['dataProtectionContact', 'name'], reg.dataProtectionContact.name];
  for (const [i, c] of reg.controllers.entries()) yield [['controllers', i, 'role'], c.role];
  for (const [i, c] of reg.requestChannels.entries()) yield [['requestChannels', i, 'label'], c.label];
  for (const section of ['subjects', 'sources', 'categories'] as const)
    for (const [i, e] of reg[section].entries()) {
      yield [[section, i, 'name'], e.name];
      yield [[section, i, 'description'], e.description];
    }
  for (const [i, p] of reg.purposes.entries()) {
    const at = ['purposes', i];
    for (const key of ['name', 'description', 'legalSource', 'legitimateInterest', 'consentText'] as const)
      yield [[...at, key], p[key]];
    for (const [j, a] of p.activities.entries()) yield [[...at, 'activities', j], a];
    for (const [j, b] of p.legalBasis.entries())
      if (typeof b !== 'string') {
        yield [[...at, 'legalBasis', j, 'scope'], b.scope];
        yield [[...at, 'legalBasis', j, 'legalSource'], b.legalSource];
      }
  }
  for (const [i, r] of reg.recipients.entries()) {
    for (const key of ['name', 'description', 'legalSource'] as const) yield [['recipients', i, key], r[key]];
    if (r.transfer !== 'none') yield [['recipients', i, 'transfer', 'details'], r.transfer.details];
  }
  for (const [i, r] of reg.retention.entries()) {
    yield [['retention', i, 'name'], r.name];
    yield [['retention', i, 'legalSource'], r.legalSource];
  }
  for (const [i, c] of reg.cookies.entries()) yield [['cookies', i, 'description'], c.description];
}

/**
 * The register's languages are the languages its notice is published in: every text must be
 * there in each of them, or the notice would show a patient another language. A plain string is
 * text in the register's first language, so it serves a register of one language only.
 */
export function missingTranslations(reg: Register): { path: Path; reason: string }[] {
  const problems: { path: Path; reason: string }[] = [];
  const published = reg.languages.join(', ');
  for (const [path, text] of localizedTexts(reg)) {
    if (text === undefined) continue;
    const has = (l: NoticeLanguage) => (typeof text === 'string' ? l === reg.languages[0] : !!text[l]);
    const missing = reg.languages.filter((l) => !has(l));
    if (missing.length === 0) continue;
    problems.push({
      path,
      reason:
        typeof text === 'string'
          ? `${path.join('.')} is written in ${reg.languages[0]} only, but the notice is published in ${published}: write it as { ${reg.languages.map((l) => `${l}: …`).join(', ')} } (missing ${missing.join(', ')})`
          : `${path.join('.')} has no ${missing.join(', ')} text, but the notice is published in ${published} (languages): add ${missing.map((l) => `${l}: …`).join(', ')}`,
    });
  }
  return problems;
}
