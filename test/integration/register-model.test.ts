import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type Agent, createClinic, createTestApp, patientBody, type TestApp, type TestClinic } from '../harness';

/**
 * The corrected register model through HTTP (PGlite and PostgreSQL): a Latvian clinic's register
 * with several bases per purpose; the consent ledger allows only what the bases allow; a register
 * of the other country or with an unknown key is refused with its place and changes nothing.
 */
const register = `format: hoidja-register/1
slug: lv
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
      - { basis: c, scope: { lv: medicīniskā dokumentācija, en: the medical record } }
    specialCondition: h
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
    contractDate: "2024-03-01"
    transfer: none
`;

let t: TestApp;
let lv: TestClinic;
let ee: TestClinic;
let dpo: Agent;
let rec: Agent;
let patientId: string;

before(async () => {
  t = await createTestApp();
  lv = await createClinic(t, 'riga', 'LV');
  ee = await createClinic(t, 'tallinn', 'EE');
  dpo = await lv.as('dpo');
  rec = await lv.as('receptionist');
  const r = await rec.post('/api/patients', patientBody({ mobile: '+371 2000 0001' }));
  assert.equal(r.status, 201, JSON.stringify(r.body));
  patientId = r.body.patient.id;
});
after(() => t.close());

describe('register model through HTTP', () => {
  test('a Latvian register imports into the Latvian clinic; a bad one changes nothing', async () => {
    const ok = await dpo.post('/api/register/import', { text: register, file: 'riga.yaml' });
    assert.equal(ok.status, 200, JSON.stringify(ok.body));
    assert.equal(ok.body.revision, 1);

    const unknownKey = register.replace(
      '    contractDate: "2024-03-01"',
      '    contractDate: "2024-03-01"\n    dpa: signed',
    );
    const r1 = await dpo.post('/api/register/import', { text: unknownKey, file: 'riga.yaml' });
    assert.equal(r1.status, 400);
    const line = unknownKey.split('\n').findIndex((l) => l.includes('dpa: signed')) + 1;
    assert.match(r1.body.message, new RegExp(`^riga\\.yaml:${line}:5: unknown key "dpa" in recipients\\.0`));

    const noRole = register.replace('    role: processor\n', '');
    const r2 = await dpo.post('/api/register/import', { text: noRole, file: 'riga.yaml' });
    assert.equal(r2.status, 400);
    assert.match(r2.body.message, /riga\.yaml:\d+:\d+: a recipient needs a role/);

    // The other country's register, into the Estonian clinic and into this one.
    const eeDpo = await ee.as('dpo');
    const r3 = await eeDpo.post('/api/register/import', { text: register, file: 'riga.yaml' });
    assert.equal(r3.status, 400);
    assert.match(r3.body.message, /^riga\.yaml:3:10: the register is for LV but the clinic is in EE/);
    assert.equal((await eeDpo.get('/api/register')).body.document, null);
    const asEe = register.replace('country: LV', 'country: EE');
    const r4 = await dpo.post('/api/register/import', { text: asEe, file: 'riga.yaml' });
    assert.equal(r4.status, 400);
    assert.match(r4.body.message, /the register is for EE but the clinic is in LV/);
    // The browser's save takes the same checks.
    const saved = await dpo.request('PUT', '/api/register', {
      document: { ...(await dpo.get('/api/register')).body.document, country: 'EE' },
    });
    assert.equal(saved.status, 400, JSON.stringify(saved.body));

    const cur = await dpo.get('/api/register');
    assert.equal(cur.body.revision, 1, 'the register in force stayed as it was');
    assert.equal(cur.body.document.country, 'LV');
  });

  test('the consent ledger refuses what the purpose’s bases do not allow, with the reason', async () => {
    const record = (purposeKey: string, action: string) =>
      rec.post(`/api/patients/${patientId}/consents`, { purposeKey, action, channel: 'on_site' });
    const refused: [string, string, RegExp][] = [
      ['news', 'objected', /based on consent.*can be withdrawn, not objected to/],
      ['reviews', 'withdrawn', /not based on consent.*may object/],
      ['reviews', 'given', /not based on consent/],
      ['care', 'objected', /neither consent nor legitimate interest/],
      ['care', 'withdrawn', /no consent to withdraw and no right to object/],
      // Legitimate interest, but the law requires it too: no objection.
      ['video', 'objected', /or the law requires it/],
    ];
    for (const [purpose, action, reason] of refused) {
      const r = await record(purpose, action);
      assert.equal(r.status, 400, `${purpose} ${action}: ${JSON.stringify(r.body)}`);
      assert.equal(r.body.field, 'action');
      assert.match(r.body.reason, reason, `${purpose} ${action}`);
    }
    for (const [purpose, action] of [
      ['news', 'given'],
      ['news', 'withdrawn'],
      ['reviews', 'objected'],
      ['reviews', 'objection_withdrawn'],
    ] as const) {
      const r = await record(purpose, action);
      assert.ok(r.status === 200 || r.status === 201, `${purpose} ${action}: ${JSON.stringify(r.body)}`);
    }
    const state = await rec.get(`/api/patients/${patientId}/consents`);
    assert.deepEqual(
      state.body.items.map((i: { purposeKey: string; basis: string }) => [i.purposeKey, i.basis]),
      [
        ['news', 'consent'],
        ['reviews', 'legitimate_interest'],
      ],
    );
  });
});
