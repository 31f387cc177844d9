import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { stringify } from 'yaml';
import { parseRegister, RegisterImportError, type RegisterIssue } from './register.import';

/** A small valid register; each test breaks one thing in it. */
const minimal = `format: hoidja-register/1
slug: test
country: EE
languages: [en]
controllers:
  - key: c
    name: Test Clinic OÜ
    registryCode: "10000000"
dataProtectionContact:
  email: dpo@test.ee
requestChannels:
  - kind: email
    email: dpo@test.ee
subjects:
  - key: patients
    name: patients
sources:
  - key: self
    name: the patient
categories:
  - key: health
    name: health data
    special: true
  - key: contact
    name: contact details
purposes:
  - key: care
    name: care
    categories: [health, contact]
    legalBasis: [b]
    specialCondition: h
  - key: news
    name: newsletter
    categories: [contact]
    legalBasis: a
    consentText: I want the newsletter.
retention:
  - category: health
    period: { years: 30 }
    from: service_date
    end: delete
`;

function issuesOf(text: string, file = 'bad.yaml'): RegisterIssue[] {
  try {
    parseRegister(text, file);
  } catch (e) {
    assert.ok(e instanceof RegisterImportError, `expected RegisterImportError, got ${e}`);
    return e.issues;
  }
  assert.fail('the register was accepted');
}

const lineOf = (text: string, needle: string) => text.split('\n').findIndex((l) => l.includes(needle)) + 1;

describe('register import', () => {
  it('accepts the minimal register and every preset', () => {
    assert.equal(parseRegister(minimal).purposes.length, 2);
    for (const p of ['demo', 'kliinik32', 'sensus', 'parodontalia']) {
      const reg = parseRegister(readFileSync(`presets/${p}.yaml`, 'utf8'), p);
      assert.equal(reg.slug, p);
    }
  });

  it('refuses an unknown legal basis with its line', () => {
    const bad = minimal.replace('legalBasis: [b]', 'legalBasis: [b, g]');
    const [issue] = issuesOf(bad);
    assert.equal(issue!.file, 'bad.yaml');
    assert.equal(issue!.line, lineOf(bad, 'legalBasis: [b, g]'));
    assert.match(issue!.reason, /unknown legal basis "g"/);
  });

  it('refuses a consent-based purpose without a consent text', () => {
    const bad = minimal.replace('    consentText: I want the newsletter.\n', '');
    const [issue] = issuesOf(bad);
    assert.equal(issue!.line, lineOf(bad, '- key: news'));
    assert.match(issue!.reason, /consent but has no consentText/);
  });

  it('refuses a retention rule without a period, and one without an end action', () => {
    const noPeriod = minimal.replace('    period: { years: 30 }\n', '');
    const [a] = issuesOf(noPeriod);
    assert.equal(a!.line, lineOf(noPeriod, '- category: health'));
    assert.match(a!.reason, /needs a period/);
    const noEnd = minimal.replace('    end: delete\n', '');
    const [b] = issuesOf(noEnd);
    assert.equal(b!.line, lineOf(noEnd, '- category: health'));
    assert.match(b!.reason, /end action/);
    const badPeriod = minimal.replace('period: { years: 30 }', 'period: { decades: 3 }');
    assert.match(issuesOf(badPeriod)[0]!.reason, /retention period is one of/);
  });

  it('refuses a category used but not defined, in a purpose and in a retention rule', () => {
    const bad = minimal
      .replace('categories: [contact]', 'categories: [contact, marketing]')
      .replace('- category: health', '- category: xrays');
    const issues = issuesOf(bad);
    assert.deepEqual(
      issues.map((i) => [i.line, i.reason]),
      [
        [lineOf(bad, 'categories: [contact, marketing]'), 'category "marketing" is used but not defined'],
        [lineOf(bad, '- category: xrays'), 'category "xrays" is used but not defined'],
      ],
    );
  });

  it('refuses health data without an Art. 9(2) condition and legitimate interest without the interest', () => {
    const bad = minimal.replace('    specialCondition: h\n', '').replace('legalBasis: a', 'legalBasis: f');
    const reasons = issuesOf(bad).map((i) => i.reason);
    assert.ok(reasons.some((r) => /Art\. 9\(2\) condition/.test(r)));
    assert.ok(reasons.some((r) => /legitimate interest but does not state/.test(r)));
  });

  it('reports YAML syntax errors and comma slips with their line', () => {
    const broken = minimal.replace('name: care', 'name: [care');
    assert.match(issuesOf(broken)[0]!.reason, /not valid YAML/);
    const slip = minimal.replace('name: newsletter', 'name: { en: news, offers }');
    const [issue] = issuesOf(slip);
    assert.equal(issue!.line, lineOf(slip, 'news, offers'));
    assert.match(issue!.reason, /comma inside/);
  });

  it('reads JSON with line numbers too', () => {
    const reg = parseRegister(minimal);
    const json = JSON.stringify({ ...reg, purposes: [{ ...reg.purposes[0], legalBasis: ['z'] }] }, null, 2);
    const [issue] = issuesOf(json, 'bad.json');
    assert.equal(issue!.file, 'bad.json');
    assert.equal(issue!.line, json.split('\n').findIndex((l) => l.includes('"z"')) + 1);
  });

  it('round-trips through YAML export', () => {
    const reg = parseRegister(readFileSync('presets/demo.yaml', 'utf8'));
    assert.deepEqual(parseRegister(stringify(reg)), reg);
  });

  it('puts all issues in the error message as file:line:column: reason', () => {
    const bad = minimal.replace('legalBasis: [b]', 'legalBasis: [x]');
    try {
      parseRegister(bad, 'r.yaml');
    } catch (e) {
      assert.match((e as Error).message, /^r\.yaml:\d+:\d+: unknown legal basis/);
    }
  });
});
