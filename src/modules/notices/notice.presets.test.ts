import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { parseRegister } from '../register/register.import';
import { noticeLanguages, type Register } from '../register/register.model';
import { buildNotice } from './notice.build';
import type { NoticeDocument } from './notice.document';

/**
 * Every preset's notice in all four languages, and a Latvian clinic's: no empty placeholder, no
 * unfinished sentence, no citation of the other country's law or authority.
 */
const otherCountry: Record<'EE' | 'LV', RegExp> = {
  // What an Estonian clinic's notice must never cite: Latvian law, authority, postal codes.
  EE: /Datu valsts inspekcija|dvi\.gov\.lv|(?<!Igaunijas )(Ārstniecības likum|Pacientu tiesību likum|Fizisko personu datu apstrādes likum|Grāmatvedības likum|Informācijas sabiedrības pakalpojumu likum)|infoühiskonna teenuste seadus|Information Society Services Law|информационного общества|\bLV-\d{4}\b|регистрационный номер|registration number|reģistrācijas numurs/,
  // … and a Latvian clinic's: Estonian law and authority.
  LV: /Andmekaitse Inspektsioon|aki\.ee|Tatari 39|Tervishoiuteenuste korraldamise seadus|Isikuandmete kaitse seadus|Raamatupidamise seadus|[Ee]lektroonilise side seadus|Elektronisko sakaru likum|Electronic Communications Act|электронной связи|Tervisekassa|регистрационный код|ответственн\S* обработчик|[Уу]полномоченн\S* обработчик|registry code|registrikood/,
};

/** A Latvian aesthetic-medicine clinic, as a DPO would write it (not a seed: the seeds are Estonian). */
const latvian = `format: hoidja-register/1
slug: lv
country: LV
languages: [lv, en, ru]
controllers:
  - key: c
    name: SIA Estētikas klīnika
    registryCode: "40103456789"
    addresses: [{ street: Elizabetes iela 1, city: Rīga, postalCode: LV-1010, country: LV }]
dataProtectionContact: {}
requestChannels:
  - kind: on_site
    signature: handwritten
    address: { street: Elizabetes iela 1, city: Rīga, postalCode: LV-1010, country: LV }
requestHandling:
  identity: [in_person_id_document, qualified_e_signature]
  answerBy: [encrypted_email, post]
  answerDays: 21
subjects: [{ key: clients, name: { lv: klienti, en: clients, ru: клиенты } }]
sources: [{ key: self, name: { lv: pats klients, en: the client, ru: сам клиент } }]
categories:
  - { key: health, name: { lv: veselības dati, en: health data, ru: данные о здоровье }, special: true, catalogue: [health] }
  - { key: contact, name: { lv: kontaktinformācija, en: contact details, ru: контактные данные }, catalogue: [contact] }
purposes:
  - key: care
    name: { lv: ārstēšana, en: treatment, ru: лечение }
    categories: [health, contact]
    legalBasis:
      - { basis: b, scope: { lv: pakalpojums, en: the service, ru: услуга } }
      - { basis: c, legalSource: { lv: Ārstniecības likums, en: Medical Treatment Law, ru: Закон о лечении } }
    specialCondition: h
  - key: photos
    name: { lv: fotogrāfijas pirms un pēc, en: before-and-after photos, ru: фото до и после }
    categories: [health]
    legalBasis: a
    specialCondition: a
    consentText: { lv: Piekrītu fotografēšanai., en: I agree to be photographed., ru: Я согласен на фотосъёмку. }
recipients:
  - key: it
    name: { lv: IT pakalpojumu sniedzējs, en: IT provider, ru: ИТ-поставщик }
    role: processor
    kind: it_provider
    transfer: none
`;

function texts(doc: NoticeDocument): { where: string; text: string; paragraph: boolean }[] {
  return doc.blocks.flatMap((b, i) => {
    const where = `block ${i} (${b.type})`;
    if (b.type === 'heading') return [{ where, text: b.text, paragraph: false }];
    // The subtitle under the title is a heading's line, not a sentence.
    const subtitle =
      i > 0 && doc.blocks[i - 1]!.type === 'heading' && (doc.blocks[i - 1] as { level: number }).level === 1;
    // A paragraph may end on a colon only when a list or table follows it.
    const introduces = ['list', 'table'].includes(doc.blocks[i + 1]?.type ?? '');
    if (b.type === 'paragraph')
      return [{ where, text: introduces ? b.text.replace(/:$/, '.') : b.text, paragraph: !b.strong && !subtitle }];
    if (b.type === 'list')
      return b.items.flatMap((it) => [
        ...(it.term !== undefined ? [{ where: `${where} term`, text: it.term, paragraph: false }] : []),
        ...(it.text !== undefined
          ? [{ where: `${where} text of ${it.term ?? ''}`, text: it.text, paragraph: false }]
          : []),
      ]);
    return b.rows.flat().map((text) => ({ where: `${where} cell`, text, paragraph: false }));
  });
}

function check(reg: Register, name: string) {
  for (const lang of noticeLanguages) {
    it(`${name}: the ${lang} notice has no empty placeholder, unfinished sentence or other country's law`, () => {
      const doc = buildNotice(reg, lang, { version: { number: 1, publishedAt: '2026-11-30' } });
      for (const { where, text, paragraph } of texts(doc)) {
        const at = `${name} ${lang} ${where}: ${JSON.stringify(text)}`;
        assert.doesNotMatch(text, /undefined|null|NaN|\[object/, at);
        assert.doesNotMatch(text, /:\s*[.;,]|\(\s*\)|,\s*[,.]|\s[.,;:](\s|$)|\s{2,}/, `empty placeholder in ${at}`);
        if (paragraph) assert.match(text, /[.:!?)]$/, `unfinished sentence in ${at}`);
        assert.doesNotMatch(text, /[:,–-]\s*$/, `sentence ends on a dangling word in ${at}`);
        assert.doesNotMatch(text, otherCountry[reg.country], `other country's law in ${at}`);
      }
      const all = texts(doc)
        .map((x) => x.text)
        .join('\n');
      // No promise the clinic did not make.
      if (!reg.requestChannels.some((c) => c.kind === 'portal'))
        assert.doesNotMatch(all, /patsiendiportaal|pacientu portāl|patient portal|портале пациента/, `${name} ${lang}`);
    });
  }
}

describe('every preset renders in four languages without gaps', () => {
  for (const file of readdirSync('presets').filter((f) => f.endsWith('.yaml'))) {
    const reg = parseRegister(readFileSync(`presets/${file}`, 'utf8'), file);
    check(reg, file);
  }
  check(parseRegister(latvian, 'latvian.yaml'), 'a Latvian clinic');

  it('a Latvian clinic: Latvian cases, Latvian terms in Russian, addresses in Latvian order, no portal or link it does not use', () => {
    const reg = parseRegister(latvian, 'latvian.yaml');
    const flat = (lang: 'lv' | 'ru' | 'en') =>
      texts(buildNotice(reg, lang))
        .map((x) => x.text)
        .join('\n');
    const lv = flat('lv');
    assert.match(lv, /Apstrāde, pamatojoties uz jūsu piekrišanu \(VDAR/);
    assert.match(lv, /Apstrāde, pamatojoties uz līguma noslēgšanu un izpildi/);
    assert.match(lv, /Elizabetes iela 1, Rīga, LV-1010/);
    assert.match(lv, /Datu valsts inspekcija/);
    assert.match(lv, /Elijas iela 17, Rīga, LV-1050/);
    assert.match(lv, /atsaukt piekrišanu tikpat vienkārši, kā tā dota: paziņojot mums\./);
    assert.match(lv, /ne vēlāk kā 21 dienas laikā/);
    assert.match(
      lv,
      /klātienē, uzrādot pasi vai personas apliecību vai ar pieprasījumu, kas parakstīts ar kvalificētu/,
    );
    assert.match(lv, /Atbildi nosūtām ar šifrētu e-pastu vai pa pastu\./);
    assert.match(flat('ru'), /не позднее 21 дня с его получения/);
    assert.doesNotMatch(flat('en'), /patient portal/);
    const ru = flat('ru');
    assert.match(ru, /SIA Estētikas klīnika, регистрационный номер 40103456789/);
    // Latvian law's terms in Russian: контролёр (pārzinis), обработчик (apstrādātājs), not Estonia's.
    assert.match(ru, /Мы являемся контролёром \(pārzinis\)/);
    assert.match(ru, /## 1\. Контролёр|1\. Контролёр/);
    assert.match(ru, /Elijas iela 17, Rīga, LV-1050/);
    const en = flat('en');
    assert.match(en, /SIA Estētikas klīnika, registration number 40103456789/);
    assert.doesNotMatch(en, /link in/);
    // No purpose may be objected to: the right to object is not offered.
    assert.doesNotMatch(en, /Right to object/);
    // There is no e-mail at all: the complaint sentence does not end on an empty address.
    assert.match(en, /please contact us first\./);
  });
});
