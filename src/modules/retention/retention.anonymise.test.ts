import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ageBandBirthDate, MASK, maskIdentifiers } from './retention.anonymise';

const known = {
  names: ['Mari-Liis Tamm', 'Jaan Kask'],
  values: ['48001010005', '+372 5123 4567', 'mari.tamm@example.org'],
};

describe('identifiers hidden in free text are masked, the clinical words stay', () => {
  const planted = [
    ['Patsient Mari-Liis Tamm kaebab valu 36 hambas', ['Mari', 'Liis', 'Tamm']],
    ['Tamme ema Jaan Kaskil on sama probleem', ['Tamme', 'Kask']],
    ['isikukood 48001010005, tel 5123 4567', ['48001010005', '5123 4567']],
    ['helistas numbrilt +372 5123 4567 ja +371 2612 3456', ['5123', '2612']],
    ['saatis e-kirja mari.tamm@example.org ja jaan@kask.ee', ['@']],
    ['Latvian code 161175-19997 in the referral', ['161175-19997']],
    ['EE kood 39001010008 teiselt isikult', ['39001010008']],
    ['saatekirja kirjutas dr Peeter Õunapuu', ['Peeter', 'Õunapuu']],
  ] as const;
  for (const [text, gone] of planted) {
    it(text, () => {
      const out = maskIdentifiers(text, known);
      for (const g of gone) assert.ok(!out.toLowerCase().includes(g.toLowerCase()), `${g} is still in: ${out}`);
      assert.ok(out.includes(MASK));
    });
  }

  it('keeps what is not an identifier: tooth numbers, dates, clinical words', () => {
    const text = 'hammas 36, plomb 2024-03-05, valu 3 päeva';
    assert.equal(maskIdentifiers(text, known), text);
  });

  it('birth dates become five-year bands', () => {
    assert.equal(ageBandBirthDate('1983-06-14'), '1980-01-01');
    assert.equal(ageBandBirthDate('1985-01-01'), '1985-01-01');
  });
});
