import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { parseRegister } from '../register/register.import';
import {
  basisLetters,
  conditionsOf,
  type LegalBasis,
  type NoticeLanguage,
  noticeLanguages,
  type Register,
} from '../register/register.model';
import { buildNotice, wordings } from './notice.build';
import { renderMarkdown } from './notice.render';

/**
 * What each seed document states, written down by hand from the document (not from the preset):
 * the preset must contain it, and its notice must say it in every language.
 */
type Words = Record<NoticeLanguage, string>;
interface SeedFacts {
  preset: string;
  purposes: { key: string; bases: LegalBasis[]; special?: string }[];
  recipients: string[];
  retention: { category: string; period: Words }[];
  /** Literal facts of the seed (names, addresses) that must appear in every language. */
  literals: string[];
  /** The name the seed calls the clinic by, beside its legal name. */
  tradeName?: string;
}

const years = (n: number, lvForm = 'gadus', ruForm = 'лет'): Words => ({
  et: `${n} aastat`,
  lv: `${n} ${lvForm}`,
  en: `${n} years`,
  ru: `${n} ${ruForm}`,
});

const seeds: SeedFacts[] = [
  {
    preset: 'kliinik32',
    purposes: [
      { key: 'care', bases: ['b', 'c'], special: 'h' },
      { key: 'booking', bases: ['b'] },
      { key: 'contract_notices', bases: ['b'] },
      { key: 'financing', bases: ['b'] },
      { key: 'offers', bases: ['f'] },
      { key: 'quality', bases: ['f'] },
      { key: 'development', bases: ['f'] },
      { key: 'claims', bases: ['c', 'f'] },
      { key: 'teaching', bases: ['f'] },
      { key: 'trainings', bases: ['a'] },
      { key: 'recruitment', bases: ['b'] },
      { key: 'cookies', bases: ['a'] },
      { key: 'cctv', bases: ['f'] },
    ],
    recipients: [
      'lab',
      'credit',
      'insurers',
      'authorities',
      'it',
      'software',
      'accounting',
      'lawyers',
      'collectors',
      'ehealth',
      'partners',
      'event_services',
      'dental_association',
    ],
    retention: [{ category: 'video', period: { et: '30 päeva', lv: '30 dienas', en: '30 days', ru: '30 дней' } }],
    literals: ['Kliinik 32 OÜ', 'Kliinik 32 Labor OÜ', 'Kliinik 32 3D OÜ', 'andmekaitse@kliinik32.ee'],
  },
  {
    preset: 'sensus',
    purposes: [
      { key: 'serving', bases: ['b'] },
      { key: 'billing', bases: ['b'] },
      { key: 'data_admin', bases: ['b'] },
      { key: 'care', bases: ['b', 'c'], special: 'h' },
      { key: 'identification', bases: ['f'] },
      { key: 'booking', bases: ['f'] },
      { key: 'contract_conclusion', bases: ['f'] },
      { key: 'contract_notices', bases: ['f'] },
      { key: 'satisfaction', bases: ['f'] },
      { key: 'authorities', bases: ['c'] },
    ],
    recipients: [
      'representative',
      'other_controller',
      'tis',
      'website',
      'mail_server',
      'information_system',
      'partners',
      'fund',
      'interior',
      'courts',
      'police',
      'kapo',
      'other_authorities',
    ],
    retention: [
      { category: 'health_history', period: years(30) },
      { category: 'invoice_amount', period: years(7) },
      { category: 'logs', period: years(5) },
      {
        category: 'inquiries',
        period: {
          et: 'kuni eesmärgi saavutamiseni',
          lv: 'līdz nolūka sasniegšanai',
          en: 'until the purpose is achieved',
          ru: 'до достижения цели',
        },
      },
    ],
    tradeName: 'Sensus',
    literals: ['Sensus etc OÜ', 'A. Lauteri 5', 'Lai 15a', 'Keskväljak 8', 'sensus@sensus.ee', 'Katri-Evelin Kalaus'],
  },
  {
    preset: 'parodontalia',
    purposes: [
      { key: 'care', bases: ['b', 'c'], special: 'h' },
      { key: 'instalments', bases: ['c', 'b'] },
      { key: 'surveys', bases: ['a'] },
      { key: 'queue', bases: ['c'] },
      { key: 'reminders', bases: ['a'] },
      { key: 'benefits', bases: ['c'] },
      { key: 'record_copies', bases: ['c'] },
      { key: 'complaints', bases: ['c'] },
      { key: 'debts', bases: ['f'] },
    ],
    recipients: ['instalment_partners', 'collectors', 'authorities', 'ehealth', 'fund', 'providers', 'labs'],
    retention: [{ category: 'health', period: years(110) }],
    tradeName: 'Parodontalia Kliinik',
    literals: ['Parodontalia OÜ', 'Ravi 7', 'info@parodontalia.ee'],
  },
];

const cite: Record<NoticeLanguage, (l: string) => string> = {
  et: (l) => `IKÜM art 6 lg 1 p ${l}`,
  lv: (l) => `VDAR 6. panta 1. punkta ${l}) apakšpunkts`,
  en: (l) => `Art. 6(1)(${l}) GDPR`,
  ru: (l) => `ст. 6(1)(${l}) GDPR`,
};

function textIn(text: Register['purposes'][number]['name'], lang: NoticeLanguage): string {
  assert.ok(typeof text === 'object' && text[lang], `translation into ${lang} missing`);
  return text[lang]!;
}

/** The part of the Markdown about one purpose: from its bold title to the next bold title or heading. */
function purposeSection(md: string, name: string): string {
  const start = md.indexOf(`\n**${name}**\n`);
  assert.ok(start >= 0, `purpose "${name}" not in the notice`);
  const rest = md.slice(start + 1);
  const end = rest.slice(1).search(/\n(\*\*[^*]+\*\*\n|#)/);
  return end < 0 ? rest : rest.slice(0, end + 1);
}

for (const seed of seeds) {
  describe(`preset ${seed.preset} reproduces its seed document`, () => {
    const reg = parseRegister(readFileSync(`presets/${seed.preset}.yaml`, 'utf8'), `presets/${seed.preset}.yaml`);

    it('holds every purpose with the legal basis the seed states', () => {
      for (const f of seed.purposes) {
        const p = reg.purposes.find((x) => x.key === f.key);
        assert.ok(p, `purpose ${f.key} missing`);
        assert.deepEqual(basisLetters(p), f.bases, `legal basis of ${f.key}`);
        if (f.special) assert.ok(conditionsOf(p).includes(f.special as never), `Art. 9(2) condition of ${f.key}`);
      }
    });

    for (const lang of noticeLanguages) {
      it(`states every purpose, basis, recipient and retention period in ${lang}`, () => {
        const md = renderMarkdown(buildNotice(reg, lang));
        for (const f of seed.purposes) {
          const p = reg.purposes.find((x) => x.key === f.key)!;
          const section = purposeSection(md, textIn(p.name, lang));
          for (const b of f.bases)
            assert.ok(section.includes(cite[lang](b)), `${f.key}: ${cite[lang](b)} missing in ${lang}`);
        }
        for (const key of seed.recipients) {
          const r = reg.recipients.find((x) => x.key === key);
          assert.ok(r, `recipient ${key} missing`);
          assert.ok(md.includes(`**${textIn(r.name, lang)}**`), `recipient ${key} not listed in ${lang}`);
        }
        const table = md.slice(md.indexOf('\n|'));
        for (const rule of seed.retention) {
          assert.ok(
            reg.retention.some((r) => r.category === rule.category),
            `retention of ${rule.category} missing`,
          );
          assert.ok(table.includes(rule.period[lang]), `retention "${rule.period[lang]}" missing in ${lang}`);
        }
        for (const literal of seed.literals) assert.ok(md.includes(literal), `"${literal}" missing in ${lang}`);
        if (seed.tradeName)
          assert.ok(
            md.includes(`**${wordings[lang].labels.tradeName}**: ${seed.tradeName}`),
            `trade name missing in ${lang}`,
          );
        // The rights, the answer time and the supervisory authority are in every notice.
        assert.ok(md.includes('info@aki.ee') && md.includes('Tatari 39'), 'supervisory authority');
      });
    }
  });
}
