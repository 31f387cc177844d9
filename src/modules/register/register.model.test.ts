import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { buildNotice } from '../notices/notice.build';
import { renderMarkdown } from '../notices/notice.render';
import { parseRegister, RegisterImportError, type RegisterIssue } from './register.import';
import { basesOf, conditionsOf, purposeRights } from './register.model';

/** The corrected register model: several bases with scopes, recipients' facts, strict keys, the clinic's country. */
const base = `format: hoidja-register/1
slug: test
country: LV
languages: [lv, en]
controllers:
  - key: c
    name: SIA Testa klīnika
    registryCode: "40003032949"
dataProtectionContact:
  email: dpo@klinika.lv
requestChannels:
  - kind: email
    email: dpo@klinika.lv
subjects:
  - key: patients
    name: { lv: pacienti, en: patients }
sources:
  - key: self
    name: { lv: pats pacients, en: the patient }
categories:
  - key: health
    name: { lv: veselības dati, en: health data }
    special: true
  - key: contact
    name: { lv: kontaktinformācija, en: contact details }
purposes:
  - key: care
    name: { lv: ārstēšana, en: treatment }
    categories: [health, contact]
    legalBasis:
      - { basis: b, scope: { lv: ārstniecības pakalpojums, en: the treatment } }
      - basis: c
        scope: { lv: medicīniskā dokumentācija, en: the medical record }
        legalSource: { lv: Ārstniecības likums, en: Medical Treatment Law }
    specialCondition: [h, i]
  - key: video
    name: { lv: videonovērošana, en: video surveillance }
    categories: [contact]
    legalBasis: [f, c]
    legitimateInterest: { lv: drošība, en: safety }
  - key: news
    name: { lv: jaunumi, en: newsletter }
    categories: [contact]
    legalBasis: a
    consentText: { lv: Vēlos saņemt jaunumus., en: I want the newsletter. }
  - key: reviews
    name: { lv: atsauksmes, en: reviews }
    categories: [contact]
    legalBasis: f
    legitimateInterest: { lv: pakalpojumu uzlabošana, en: improving the service }
recipients:
  - key: lab
    name: { lv: SIA Zobu laboratorija, en: SIA Dental Lab }
    role: processor
    kind: dental_lab
    registryCode: "40103456789"
    contractDate: "2024-03-01"
    transfer: none
  - key: insurer
    name: { lv: OÜ Kindlustus, en: OÜ Kindlustus }
    role: independent_controller
    kind: insurer
    registryCode: "10234567"
    country: EE
    transfer: none
  - key: mail
    name: { lv: e-pasta pakalpojums, en: e-mail service }
    role: processor
    kind: it_provider
    transfer: { country: US, safeguard: adequacy_decision }
`;

function issuesOf(text: string, clinic?: { country: 'EE' | 'LV' }): RegisterIssue[] {
  try {
    parseRegister(text, 'bad.yaml', clinic);
  } catch (e) {
    assert.ok(e instanceof RegisterImportError, `expected RegisterImportError, got ${e}`);
    return e.issues;
  }
  assert.fail('the register was accepted');
}

/** 1-based line and column of the first occurrence of `needle` (at its start). */
function where(text: string, needle: string, nth = 0): { line: number; column: number } {
  let at = -1;
  for (let i = 0; i <= nth; i++) at = text.indexOf(needle, at + 1);
  assert.ok(at >= 0, `${needle} not in the text`);
  const before = text.slice(0, at).split('\n');
  return { line: before.length, column: before[before.length - 1]!.length + 1 };
}

describe('register model: bases, rights and recipients', () => {
  const reg = parseRegister(base, 'ok.yaml', { country: 'LV' });
  const purpose = (k: string) => reg.purposes.find((p) => p.key === k)!;

  it('holds several legal bases, each with its own scope and law, and several Art. 9(2) conditions', () => {
    const care = basesOf(purpose('care'));
    assert.deepEqual(
      care.map((b) => b.basis),
      ['b', 'c'],
    );
    assert.deepEqual(care[1]!.legalSource, { lv: 'Ārstniecības likums', en: 'Medical Treatment Law' });
    assert.deepEqual(conditionsOf(purpose('care')), ['h', 'i']);
    assert.deepEqual(
      basesOf(purpose('news')).map((b) => b.basis),
      ['a'],
    );
  });

  it('derives the rights from the bases exactly', () => {
    assert.deepEqual(purposeRights(purpose('care')), { withdraw: false, object: false });
    assert.deepEqual(purposeRights(purpose('news')), { withdraw: true, object: false });
    assert.deepEqual(purposeRights(purpose('reviews')), { withdraw: false, object: true });
    // Legitimate interest that is also a legal obligation: no objection.
    assert.deepEqual(purposeRights(purpose('video')), { withdraw: false, object: false });
    assert.deepEqual(purposeRights({ legalBasis: ['e'] }), { withdraw: false, object: true });
    assert.deepEqual(purposeRights({ legalBasis: ['b'], specialCondition: ['a'] }), { withdraw: true, object: false });
  });

  it('states each basis with its scope, offers objection only where it applies, and gives recipients their facts', () => {
    const en = renderMarkdown(buildNotice(reg, 'en'));
    assert.match(
      en,
      /contract[^;\n]*\(Art\. 6\(1\)\(b\) GDPR\): the treatment; [^\n]*\(Art\. 6\(1\)\(c\) GDPR\): the medical record: Medical Treatment Law/,
    );
    const section = (name: string) => {
      const start = en.indexOf(`\n**${name}**\n`);
      assert.ok(start >= 0, name);
      const end = en.indexOf('\n**', start + 2);
      return en.slice(start, end < 0 ? undefined : end);
    };
    assert.doesNotMatch(section('video surveillance'), /object/i);
    assert.match(section('reviews'), /object/i);
    assert.match(en, /\*\*SIA Dental Lab\*\*[^\n]*registry code 40103456789, processing agreement of/);
    assert.match(en, /e-mail service receives data in (the )?United States/);
    assert.match(en, /\*\*OÜ Kindlustus\*\*[^\n]*an independent controller, registry code 10234567, Estonia/);
    const lv = renderMarkdown(buildNotice(reg, 'lv'));
    assert.match(lv, /neatkarīgs pārzinis, reģistra kods 10234567, Igaunija/);
    assert.match(lv, /reģistrācijas numurs 40103456789, datu apstrādes līgums no 01\.03\.2024\./);
    const ru = renderMarkdown(buildNotice(reg, 'ru'));
    assert.match(ru, /регистрационный номер 40103456789/);
    // A Latvian clinic's Russian uses Latvian law's terms for every recipient; an Estonian company keeps its code's name.
    assert.match(ru, /самостоятельный контролёр, регистрационный код 10234567, Эстония/);
    assert.doesNotMatch(ru, /ответственн|уполномоченн/);
  });
});

describe('register model: bad input with file:line:column, never silently dropped', () => {
  it('refuses an unknown key at the key itself, in any part of the register', () => {
    const text = base
      .replace(
        '    legitimateInterest: { lv: drošība',
        '    legitimateIntrest: x\n    legitimateInterest: { lv: drošība',
      )
      .replace('    contractDate: "2024-03-01"', '    contractDate: "2024-03-01"\n    dpa: yes');
    const issues = issuesOf(text);
    const first = where(text, 'legitimateIntrest');
    const second = where(text, 'dpa: yes');
    assert.deepEqual(
      issues.map((i) => [i.line, i.column]),
      [
        [first.line, first.column],
        [second.line, second.column],
      ],
    );
    assert.match(issues[0]!.reason, /unknown key "legitimateIntrest" in purposes\.1/);
    assert.match(issues[1]!.reason, /unknown key "dpa" in recipients\.0/);
    const top = issuesOf(`${base}cookies_policy: yes\n`);
    assert.match(top[0]!.reason, /unknown key "cookies_policy"/);
  });

  it('refuses a recipient without a role, with an unknown role, and without a stated transfer', () => {
    const noRole = base.replace('    role: independent_controller\n', '');
    const [a] = issuesOf(noRole);
    assert.equal(a!.line, where(noRole, '  - key: insurer').line);
    assert.match(
      a!.reason,
      /a recipient needs a role: processor, independent_controller, public_authority or joint_controller/,
    );
    const [b] = issuesOf(base.replace('role: independent_controller', 'role: third_party'));
    assert.match(b!.reason, /unknown recipient role "third_party"/);
    const noTransfer = base.replace('    country: EE\n    transfer: none\n', '    country: EE\n');
    const [c] = issuesOf(noTransfer);
    assert.equal(c!.line, where(noTransfer, '  - key: insurer').line);
    assert.match(c!.reason, /transfer: none, or \{ country, safeguard \} \(it is never assumed\)/);
  });

  it('refuses a basis letter that does not exist and a consent purpose without its text', () => {
    const bad = base.replace('legalBasis: [f, c]', 'legalBasis: [f, consent]');
    const [a] = issuesOf(bad);
    assert.equal(a!.line, where(bad, 'legalBasis: [f, consent]').line);
    assert.match(a!.reason, /unknown legal basis "consent"/);
    const [b] = issuesOf(
      base.replace('    consentText: { lv: Vēlos saņemt jaunumus., en: I want the newsletter. }\n', ''),
    );
    assert.match(b!.reason, /purpose "news" is based on consent but has no consentText/);
    const [c] = issuesOf(base.replace('specialCondition: [h, i]', 'specialCondition: [h, z]'));
    assert.match(c!.reason, /unknown special-category condition "z"/);
  });

  it('refuses a portal sign-in as identity check when the clinic has no portal', () => {
    const text = base.replace(
      'subjects:',
      'requestHandling:\n  identity: [portal_login]\n  answerBy: [email]\nsubjects:',
    );
    const [a] = issuesOf(text);
    assert.equal(a!.line, where(text, '[portal_login]').line);
    assert.match(a!.reason, /portal_login needs a portal request channel/);
    const [b] = issuesOf(
      base.replace('subjects:', 'requestHandling:\n  identity: [fax]\n  answerBy: [email]\nsubjects:'),
    );
    assert.match(b!.reason, /identity/);
  });

  it('refuses a register of the other country, at its country line', () => {
    const [a] = issuesOf(base, { country: 'EE' });
    assert.deepEqual([a!.line, a!.column], [where(base, 'LV').line, where(base, 'LV').column]);
    assert.match(a!.reason, /the register is for LV but the clinic is in EE/);
  });
});

describe('docs/register.md', () => {
  it('its worked example imports into a Latvian clinic as written', () => {
    const md = readFileSync('docs/register.md', 'utf8');
    const example = md.split('```yaml\n')[1]!.split('```')[0]!;
    const reg = parseRegister(example, 'estetika.yaml', { country: 'LV' });
    const lv = renderMarkdown(buildNotice(reg, 'lv'));
    assert.match(lv, /Apstrāde, pamatojoties uz jūsu piekrišanu \(VDAR 6\. panta 1\. punkta a\) apakšpunkts\)/);
    assert.match(lv, /Elijas iela 17, Rīga, LV-1050/);
    const ru = renderMarkdown(buildNotice(reg, 'ru'));
    assert.match(ru, /регистрационный номер 40103456789/);
    const en = renderMarkdown(buildNotice(reg, 'en'));
    assert.doesNotMatch(en, /Right to object/);
    assert.match(en, /at the latest within 21 days of receiving it\./);
    assert.match(en, /We send the answer by encrypted e-mail or by post\./);
    assert.match(
      en,
      /in person, with a passport or ID card or by a request signed with a qualified electronic signature/,
    );
  });
});
