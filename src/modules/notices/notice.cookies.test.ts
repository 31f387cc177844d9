import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { parseRegister, RegisterImportError, type RegisterIssue } from '../register/register.import';
import { noticeLanguages } from '../register/register.model';
import { buildNotice } from './notice.build';
import { renderMarkdown } from './notice.render';

/** Cookies and similar technologies: the register's rules and what the notice says of them. */
const latvian = `format: hoidja-register/1
slug: lv
country: LV
languages: [lv, en, ru, et]
controllers:
  - key: c
    name: SIA Estētikas klīnika
    tradeName: Estētika
    registryCode: "40103456789"
dataProtectionContact: { email: dpo@estetika.lv }
requestChannels: [{ kind: email, email: dpo@estetika.lv }]
subjects: [{ key: visitors, name: { lv: apmeklētāji, en: visitors, ru: посетители, et: külastajad } }]
sources: [{ key: self, name: { lv: pats apmeklētājs, en: the visitor, ru: сам посетитель, et: külastaja ise } }]
categories:
  - { key: web, name: { lv: tīmekļa dati, en: web data, ru: веб-данные, et: veebiandmed }, catalogue: [online_identifier] }
purposes:
  - key: site
    name: { lv: tīmekļvietnes darbība, en: running the website, ru: работа сайта, et: veebilehe töö }
    categories: [web]
    legalBasis: f
    legitimateInterest: { lv: droša tīmekļvietne, en: a secure website, ru: безопасный сайт, et: turvaline veebileht }
  - key: ads
    name: { lv: reklāma, en: advertising, ru: реклама, et: reklaam }
    categories: [web]
    legalBasis: a
    consentText: { lv: Piekrītu reklāmas sīkdatnēm., en: I agree to advertising cookies., ru: Я согласен на рекламные файлы cookie., et: Nõustun reklaamiküpsistega. }
cookies:
  - key: session
    name: sess
    category: necessary
    purpose: site
    description: { lv: uztur pieteikšanās sesiju, en: keeps the session, ru: поддерживает сеанс, et: hoiab seanssi }
    duration: session
  - key: pixel
    name: fbp
    category: marketing
    technology: pixel
    purpose: ads
    provider: Meta Platforms Ireland Ltd
    description: { lv: mēra reklāmu, en: measures advertising, ru: измеряет рекламу, et: mõõdab reklaami }
    duration: { months: 3 }
`;

function issues(text: string): RegisterIssue[] {
  try {
    parseRegister(text, 'cookies.yaml');
  } catch (e) {
    if (e instanceof RegisterImportError) return e.issues;
    throw e;
  }
  assert.fail('the register was accepted');
}
const lineOf = (text: string, needle: string) => text.split('\n').findIndex((l) => l.includes(needle)) + 1;
const lastLineOf = (text: string, needle: string) => text.split('\n').findLastIndex((l) => l.includes(needle)) + 1;

describe('cookies in the register', () => {
  it('a marketing cookie without a purpose resting on consent is refused at its line', () => {
    const noPurpose = latvian.replace('    purpose: ads\n', '');
    const [a] = issues(noPurpose);
    assert.match(a!.reason, /cookie "pixel" is a marketing cookie: it needs the visitor's consent/);
    assert.equal(a!.line, lineOf(noPurpose, '- key: pixel'));
    const onInterest = latvian.replace('    purpose: ads\n', '    purpose: site\n');
    const [b] = issues(onInterest);
    assert.match(b!.reason, /legalBasis a/);
    // The pixel's purpose, not the session cookie's (which rightly rests on legitimate interest).
    assert.equal(b!.line, lastLineOf(onInterest, 'purpose: site'));
    const [c] = issues(latvian.replace('    purpose: ads\n', '    purpose: adverts\n'));
    assert.match(c!.reason, /purpose "adverts" is used but not defined/);
  });

  it('an unknown category, a duration without a unit or a repeated key is refused', () => {
    assert.match(issues(latvian.replace('category: marketing', 'category: analytics'))[0]!.reason, /category/);
    assert.ok(issues(latvian.replace('duration: { months: 3 }', 'duration: 3')).length > 0);
    assert.match(issues(latvian.replace('- key: pixel', '- key: session'))[0]!.reason, /defined twice/);
  });

  it("the notice states each cookie with who sets it and how long it stays, citing the clinic's own country's act", () => {
    const reg = parseRegister(latvian, 'cookies.yaml');
    const md = Object.fromEntries(noticeLanguages.map((l) => [l, renderMarkdown(buildNotice(reg, l))]));
    assert.match(md.lv!, /### Sīkdatnes un līdzīgas tehnoloģijas/);
    assert.match(md.lv!, /Informācijas sabiedrības pakalpojumu likums/);
    assert.match(md.lv!, /\*\*Mārketinga sīkdatnes\*\*/);
    assert.match(
      md.lv!,
      /fbp \(izsekošanas pikselis\)\*\*: mēra reklāmu\. Iestata: Meta Platforms Ireland Ltd; glabājas 3 mēnešus\./,
    );
    // First-party cookies are set by the clinic, under the name patients know.
    assert.match(
      md.lv!,
      /sess\*\*: uztur pieteikšanās sesiju\. Iestata: Estētika; glabājas līdz pārlūkprogrammas aizvēršanai\./,
    );
    assert.match(md.et!, /Läti infoühiskonna teenuste seadus/);
    assert.match(md.en!, /the Latvian Information Society Services Law/);
    assert.match(md.ru!, /Закон Латвии об услугах информационного общества/);
    for (const l of noticeLanguages)
      assert.doesNotMatch(
        md[l]!,
        /elektroonilise side|Electronic Communications|Elektronisko sakaru|электронной связи/i,
        l,
      );
    assert.match(md.en!, /only with your consent/);
  });

  it('no cookie section without cookies, and no consent sentence when every cookie is strictly necessary', () => {
    const none = parseRegister(latvian.replace(/\ncookies:[\s\S]*$/, '\n'), 'none.yaml');
    assert.doesNotMatch(renderMarkdown(buildNotice(none, 'en')), /Cookies and similar/);
    const necessary = parseRegister(latvian.replace(/\n {2}- key: pixel[\s\S]*$/, '\n'), 'necessary.yaml');
    const en = renderMarkdown(buildNotice(necessary, 'en'));
    assert.match(en, /We use strictly necessary cookies without consent/);
    assert.doesNotMatch(en, /only with your consent|cookie settings/);
  });

  it('the demo preset lists its cookies and an Estonian notice cites the Estonian act only', () => {
    const reg = parseRegister(readFileSync('presets/demo.yaml', 'utf8'), 'demo.yaml');
    assert.ok(reg.cookies.some((c) => c.category === 'statistics'));
    const et = renderMarkdown(buildNotice(reg, 'et'));
    assert.match(et, /elektroonilise side seadus/);
    assert.doesNotMatch(et, /infoühiskonna/);
  });
});
