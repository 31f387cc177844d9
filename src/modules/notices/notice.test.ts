import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { parseRegister } from '../register/register.import';
import { noticeLanguages, type Register } from '../register/register.model';
import { buildNotice } from './notice.build';
import { localize } from './notice.document';
import { renderPdf } from './notice.pdf';
import { renderHtml, renderMarkdown } from './notice.render';

const demo = () => parseRegister(readFileSync('presets/demo.yaml', 'utf8'));

describe('privacy notice', () => {
  it('names every right and how to use it, the answer time and the authority, in all four languages', () => {
    const expected = {
      et: [
        'Õigus tutvuda andmetega',
        'Õigus andmete ülekandmisele',
        'Õigus esitada vastuväide',
        'Õigus nõusolek tagasi võtta',
        'ühe kuu jooksul',
        'kahe kuu võrra',
        'digitaalselt allkirjastatult',
        'Andmekaitse Inspektsioon',
      ],
      lv: [
        'Piekļuves tiesības',
        'Tiesības uz datu pārnesamību',
        'Tiesības iebilst',
        'Tiesības atsaukt piekrišanu',
        'viena mēneša laikā',
        'par diviem mēnešiem',
        'drošu elektronisko parakstu',
        'Igaunijas Datu aizsardzības inspekcija',
      ],
      en: [
        'Right of access',
        'Right to data portability',
        'Right to object',
        'Right to withdraw consent',
        'within one month',
        'two further months',
        'digitally signed',
        'Estonian Data Protection Inspectorate',
      ],
      ru: [
        'Право на доступ',
        'Право на переносимость данных',
        'Право на возражение',
        'Право отозвать согласие',
        'одного месяца',
        'ещё на два месяца',
        'цифровой подписью',
        'Инспекция по защите данных Эстонии',
      ],
    };
    for (const lang of noticeLanguages) {
      const md = renderMarkdown(buildNotice(demo(), lang));
      for (const s of expected[lang]) {
        assert.ok(md.includes(s), `${lang}: "${s}" missing`);
      }
      assert.ok(md.includes('Tatari 39, 10134 Tallinn') && md.includes('info@aki.ee'), lang);
      assert.ok(md.includes('andmekaitse@demo.hoidja.ee'));
    }
  });

  it('sends a Latvian clinic to the Latvian authority', () => {
    const reg: Register = { ...demo(), country: 'LV' };
    for (const lang of noticeLanguages) {
      const md = renderMarkdown(buildNotice(reg, lang));
      assert.ok(
        md.includes('Elijas iela 17') && md.includes('pasts@dvi.gov.lv') && md.includes('Datu valsts inspekcija'),
        lang,
      );
      assert.ok(!md.includes('info@aki.ee'));
    }
  });

  it('marks register text shown in another language', () => {
    const mark = (l: string) => `[${l}]`;
    assert.equal(localize({ et: 'hambaravi', en: 'dentistry' }, 'lv', ['et', 'en'], mark), '[en] dentistry');
    assert.equal(localize({ et: 'hambaravi' }, 'ru', ['et'], mark), '[et] hambaravi');
    assert.equal(localize('hambaravi', 'et', ['et'], mark), 'hambaravi');
    assert.equal(localize('hambaravi', 'en', ['et'], mark), '[et] hambaravi');
    const reg = demo();
    reg.purposes[0]!.name = { et: 'tervishoiuteenuse osutamine' };
    assert.ok(renderMarkdown(buildNotice(reg, 'lv')).includes('**\\[igauņu valodā\\] tervishoiuteenuse osutamine**'));
    assert.ok(
      renderMarkdown(buildNotice(reg, 'ru')).includes(
        '[на эстонском языке] tervishoiuteenuse osutamine'.replace(/[[\]]/g, '\\$&'),
      ),
    );
  });

  it('escapes register text in HTML and Markdown', () => {
    const reg = demo();
    reg.purposes[0]!.name = { en: '<script>alert(1)</script> *care*' };
    const html = renderHtml(buildNotice(reg, 'en'));
    assert.ok(html.includes('&lt;script&gt;') && !html.includes('<script>'));
    assert.ok(html.startsWith('<!doctype html>') && html.includes('<html lang="en">'));
    assert.ok(renderMarkdown(buildNotice(reg, 'en')).includes('\\*care\\*'));
  });

  it('shows the version of a published notice', () => {
    const md = renderMarkdown(buildNotice(demo(), 'et', { version: { number: 3, publishedAt: '2026-11-20' } }));
    assert.ok(md.includes('Versioon 3, avaldatud 20.11.2026.'));
    assert.ok(
      renderMarkdown(buildNotice(demo(), 'en', { version: { number: 3, publishedAt: '2026-11-20' } })).includes(
        'Version 3, published 20 November 2026.',
      ),
    );
    assert.ok(
      renderMarkdown(buildNotice(demo(), 'lv', { version: { number: 3, publishedAt: '2026-11-20' } })).includes(
        '3. versija, publicēta 20.11.2026.\n',
      ),
    );
  });

  it('renders a PDF in every language', async () => {
    for (const lang of noticeLanguages) {
      const pdf = await renderPdf(buildNotice(demo(), lang));
      assert.equal(pdf.subarray(0, 5).toString(), '%PDF-');
      assert.ok(pdf.length > 10_000);
    }
  });
});
