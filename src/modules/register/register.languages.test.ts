import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseRegister, RegisterImportError, type RegisterIssue } from './register.import';

/** A register is published in its languages: every text must be there in each of them. */
const base = `format: hoidja-register/1
slug: t
country: LV
languages: [lv, ru, en]
controllers: [{ key: c, name: SIA Klīnika, registryCode: "40003032949" }]
dataProtectionContact: { email: dpo@klinika.lv }
requestChannels: [{ kind: email, email: dpo@klinika.lv }]
subjects: [{ key: p, name: { lv: pacienti, ru: пациенты, en: patients } }]
sources: [{ key: s, name: { lv: pats pacients, ru: сам пациент, en: the patient } }]
categories: [{ key: contact, name: { lv: kontaktinformācija, ru: контактные данные, en: contact details } }]
purposes:
  - key: news
    name: { lv: jaunumi, ru: новости, en: newsletter }
    activities:
      - { lv: jaunumu sūtīšana, ru: рассылка новостей, en: sending the newsletter }
    categories: [contact]
    legalBasis: a
    consentText: { lv: Vēlos saņemt jaunumus., ru: Хочу получать новости., en: I want the newsletter. }
`;

function issues(text: string): RegisterIssue[] {
  try {
    parseRegister(text, 'r.yaml');
  } catch (e) {
    if (e instanceof RegisterImportError) return e.issues;
    throw e;
  }
  return [];
}
const lineOf = (text: string, needle: string) => text.split('\n').findIndex((l) => l.includes(needle)) + 1;

describe('register texts in every language of the notice', () => {
  it('accepts a register whose texts are in each of its languages', () => {
    assert.deepEqual(issues(base), []);
  });

  it('refuses a text without the Russian the notice needs, naming the key, the language and the line', () => {
    const text = base.replace(', ru: рассылка новостей', '');
    const [i, ...rest] = issues(text);
    assert.equal(rest.length, 0);
    assert.equal(i!.path, 'purposes.0.activities.0');
    assert.match(i!.reason, /purposes\.0\.activities\.0 has no ru text, but the notice is published in lv, ru, en/);
    assert.equal(i!.line, lineOf(text, 'jaunumu sūtīšana'));
    assert.ok(i!.column > 1);
  });

  it('refuses each missing translation, in the order of the file', () => {
    const text = base.replace(', en: newsletter', '').replace(', ru: Хочу получать новости.', '');
    assert.deepEqual(
      issues(text).map((i) => [i.path, i.line]),
      [
        ['purposes.0.name', lineOf(text, 'name: { lv: jaunumi')],
        ['purposes.0.consentText', lineOf(text, 'consentText')],
      ],
    );
  });

  it('a plain string is in the first language only: refused in a register of several languages, fine in one of one', () => {
    const plain = base.replace('{ lv: pacienti, ru: пациенты, en: patients }', 'pacienti');
    const [i] = issues(plain);
    assert.equal(i!.path, 'subjects.0.name');
    assert.match(
      i!.reason,
      /written in lv only, but the notice is published in lv, ru, en: write it as \{ lv: …, ru: …, en: … \} \(missing ru, en\)/,
    );
    const one = plain.replace('languages: [lv, ru, en]', 'languages: [lv]');
    assert.deepEqual(issues(one), []);
  });

  it('a translation into a language the register does not publish is no error', () => {
    assert.deepEqual(issues(base.replace('en: patients }', 'en: patients, et: patsiendid }')), []);
  });
});
