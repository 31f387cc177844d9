/**
 * Refusals reach people in their language (issue 14): every reason code the server can answer
 * with has words in et / lv / en / ru, each language's words are its own (not English copied),
 * and the same placeholders; the zod issues of any schema map onto those codes; and the API
 * really answers with them for bad input.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import fc from 'fast-check';
import { z } from 'zod';
import { checkPasswordStrength } from '../src/platform/auth/password';
import { reasonCodes, reasonOfIssue, reasonOfWords } from '../src/platform/reasons';
import { compactIban, ibanProblem } from '../src/rules/iban';
import { checkIdCode } from '../src/rules/id-codes';
import { reasonWords } from '../web/src/shell/reason-words';
import { type Agent, createClinic, createTestApp, eeCode, patientBody, type TestApp } from './harness';

const placeholders = (s: string) => [...s.matchAll(/{{(\w+)}}/g)].map((m) => m[1]).sort();

describe('reason words', () => {
  for (const [lang, words] of Object.entries(reasonWords)) {
    test(`${lang}: every reason code is said, and nothing else`, () => {
      assert.deepEqual(
        reasonCodes.filter((c) => !words[c]?.trim()),
        [],
        'codes without words',
      );
      assert.deepEqual(
        Object.keys(words).filter((k) => !(reasonCodes as readonly string[]).includes(k)),
        [],
        'words for no code',
      );
      for (const c of reasonCodes) {
        assert.deepEqual(placeholders(words[c]!), placeholders(reasonWords.en[c]!), `${lang} ${c}: placeholders`);
        if (lang !== 'en') assert.notEqual(words[c], reasonWords.en[c], `${lang} ${c}: still English`);
      }
    });
  }

  test('every zod issue of generated input maps onto a known code', () => {
    const schema = z.strictObject({
      name: z.string().trim().min(2).max(20),
      email: z.email().optional(),
      id: z.uuid().optional(),
      day: z.iso.date().optional(),
      count: z.number().int().min(1).max(9).optional(),
      kind: z.enum(['a', 'b']).optional(),
      tags: z.array(z.string()).min(1).max(3).optional(),
      code: z.string().regex(/^\d+$/).optional(),
    });
    fc.assert(
      fc.property(
        fc.dictionary(
          fc.constantFrom('name', 'email', 'id', 'day', 'count', 'kind', 'tags', 'code', 'x'),
          fc.anything(),
        ),
        (input) => {
          const r = schema.safeParse(input);
          if (r.success) return;
          for (const issue of r.error.issues) {
            const { reasonCode } = reasonOfIssue(issue as never);
            assert.ok((reasonCodes as readonly string[]).includes(reasonCode), reasonCode);
          }
        },
      ),
    );
  });

  test('the rules’ own refusals carry their code', () => {
    const wrongDigit = `${eeCode('3760503029').slice(0, 10)}${(Number(eeCode('3760503029')[10]) + 1) % 10}`;
    const check = checkIdCode(wrongDigit, 'EE', '2026-12-01');
    assert.equal(check.valid, false);
    assert.equal(reasonOfWords(check.valid ? '' : check.reason)?.reasonCode, 'id_code_check_digit');
    const short = checkIdCode('3760503', 'EE', '2026-12-01');
    assert.equal(reasonOfWords(short.valid ? '' : short.reason)?.reasonCode, 'id_code_length');
    assert.equal(reasonOfWords(ibanProblem('EE382200221020145686')!)?.reasonCode, 'invalid_iban');
    assert.equal(compactIban('ee38 22'), 'EE3822');
    // A weak password is refused with words the staff page can say in any language.
    assert.deepEqual(reasonOfWords(checkPasswordStrength('short')!), {
      reasonCode: 'too_short',
      params: { minimum: 12 },
    });
    for (const weak of ['abcabcabcabcabc', 'abcdefghijklmnop', 'password12345678', 'mari.maasikas2026'])
      assert.equal(
        reasonOfWords(checkPasswordStrength(weak, ['Mari Maasikas', 'mari.maasikas@example.ee']) ?? '')?.reasonCode,
        'password_weak',
        weak,
      );
  });
});

describe('the API answers a refusal with its code', () => {
  let t: TestApp;
  let rec: Agent;
  before(async () => {
    t = await createTestApp();
    rec = await (await createClinic(t, 'reasons')).as('receptionist');
  });
  after(() => t.close());

  const cases: [string, Record<string, unknown>, string, string, Record<string, unknown>?][] = [
    [
      'a wrong check digit',
      { identity: { kind: 'national', country: 'EE', code: '37605030298' } },
      'identity.code',
      'id_code_check_digit',
    ],
    ['a bad e-mail', { email: 'not-mail' }, 'email', 'invalid_email'],
    ['no first name', { firstName: undefined }, 'firstName', 'required'],
    ['an unknown field', { nickname: 'M' }, '', 'unknown_field', { keys: 'nickname' }],
    ['a language we do not speak', { preferredLanguage: 'de' }, 'preferredLanguage', 'not_allowed'],
  ];
  for (const [what, change, field, reasonCode, params] of cases) {
    test(what, async () => {
      const r = await rec.post('/api/patients', patientBody(change));
      assert.equal(r.status, 400, JSON.stringify(r.body));
      if (field) assert.equal(r.body.field, field, JSON.stringify(r.body));
      assert.equal(r.body.reasonCode, reasonCode, JSON.stringify(r.body));
      if (params) assert.deepEqual(r.body.params, params);
      assert.ok(r.body.reason, 'the English words stay for API users');
    });
  }
});
