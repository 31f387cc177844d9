import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { type Agent, createClinic, createTestApp, type TestApp, type TestClinic } from '../harness';

/** The administrator's clinic profile (PATCH /api/clinic) and its trade name in the notice. */
let t: TestApp;
let ee: TestClinic;
let lv: TestClinic;
let admin: Agent;

const profile = {
  name: 'Hambakliinik Näide OÜ',
  tradeName: 'Näide Hambaravi',
  registryCode: '12345678',
  timeZone: 'Europe/Tallinn',
  addresses: [
    { street: 'Ravi 7', city: 'Tallinn', postalCode: '10134', country: 'EE' },
    { street: 'Rüütli 12', city: 'Tartu', postalCode: '51007', country: 'EE' },
  ],
  contacts: { email: 'info@naide.ee', phone: '612 3456', website: 'www.naide.ee' },
  dataProtectionContact: { name: 'Mari Maasikas', email: 'andmekaitse@naide.ee', phone: '+372 5123 4567' },
};

before(async () => {
  t = await createTestApp();
  ee = await createClinic(t, 'naide');
  lv = await createClinic(t, 'piemers', 'LV');
  admin = await ee.as('admin');
});
after(() => t?.close());

describe('clinic profile', () => {
  test('the administrator keeps every field; phones in international form; audited by field name', async () => {
    const r = await admin.patch('/api/clinic', profile);
    assert.equal(r.status, 200, JSON.stringify(r.body));
    const got = (await admin.get('/api/clinic')).body;
    assert.equal(got.name, 'Hambakliinik Näide OÜ');
    assert.equal(got.tradeName, 'Näide Hambaravi');
    assert.equal(got.registryCode, '12345678');
    assert.equal(got.timeZone, 'Europe/Tallinn');
    assert.deepEqual(got.addresses, profile.addresses);
    assert.deepEqual(got.contacts, { email: 'info@naide.ee', phone: '+372 612 3456', website: 'www.naide.ee' });
    assert.deepEqual(got.dataProtectionContact, { ...profile.dataProtectionContact, phone: '+372 5123 4567' });
    assert.equal(got.country, 'EE', 'the country stays');
    const audit = await t.database.raw.query<{ details: { fields: string[] } }>(
      "select details from audit_events where clinic_id = $1 and action = 'clinic.update' order by seq",
      [ee.id],
    );
    assert.equal(audit.length, 1);
    assert.deepEqual(audit[0]!.details.fields.sort(), Object.keys(profile).sort());
    // The public page shows the trade name with the legal name.
    const pub = await t.app.inject({ method: 'GET', url: '/api/public/clinics/naide' });
    assert.equal(pub.json().tradeName, 'Näide Hambaravi');
    assert.equal(pub.json().dataProtectionContact, undefined, 'the public answer names only what a login page needs');
  });

  test('bad input is refused with the field and the reason, and changes nothing', async () => {
    const before = (await admin.get('/api/clinic')).body;
    const cases: [string, Record<string, unknown>, string, RegExp][] = [
      ['ee', { registryCode: '1234567' }, 'registryCode', /8 digits/],
      ['ee', { registryCode: '40003032949' }, 'registryCode', /8 digits/],
      ['ee', { timeZone: 'Mars/Olympus' }, 'timeZone', /IANA time zone/],
      ['ee', { timeZone: 'UTC' }, 'timeZone', /IANA time zone/],
      ['ee', { contacts: { phone: '12' } }, 'contacts.phone', /phone/],
      ['ee', { dataProtectionContact: { phone: '+372 1' } }, 'dataProtectionContact.phone', /phone/],
      ['ee', { contacts: { email: 'not-mail' } }, 'contacts.email', /./],
      ['ee', { contacts: { fax: '6123456' } }, '', /fax|unrecognized/i],
      ['ee', { country: 'LV' }, '', /country|unrecognized/i],
      [
        'ee',
        { addresses: [{ street: 'Brīvības iela 1', city: 'Rīga', postalCode: 'LV-1010', country: 'LV' }] },
        'addresses.0.country',
        /clinic is in EE/,
      ],
      ['ee', { name: 'X' }, 'name', /./],
      ['ee', { bankAccounts: [{ iban: 'EE382200221020145686', bank: 'Swedbank' }] }, 'bankAccounts.0.iban', /mistyped/],
      [
        'ee',
        { bankAccounts: [{ iban: 'EE38220022102014568', bank: 'Swedbank' }] },
        'bankAccounts.0.iban',
        /20 characters/,
      ],
      ['ee', { bankAccounts: [{ iban: 'EE382200221020145685', bank: 'S' }] }, 'bankAccounts.0.bank', /./],
      [
        'ee',
        { bankAccounts: [{ iban: 'EE382200221020145685', bank: 'Swedbank', bic: 'HABA' }] },
        'bankAccounts.0.bic',
        /BIC/,
      ],
    ];
    for (const [, body, field, reason] of cases) {
      const r = await admin.patch('/api/clinic', body);
      assert.equal(r.status, 400, `${JSON.stringify(body)}: ${JSON.stringify(r.body)}`);
      if (field) assert.equal(r.body.field, field, JSON.stringify(r.body));
      assert.match(JSON.stringify(r.body), reason);
    }
    // A Latvian clinic's registration number has 11 digits: an Estonian code is refused there.
    const lvAdmin = await lv.as('admin');
    const lvBad = await lvAdmin.patch('/api/clinic', { registryCode: '12345678' });
    assert.equal(lvBad.status, 400);
    assert.equal(lvBad.body.field, 'registryCode');
    assert.match(lvBad.body.message, /11 digits/);
    const lvOk = await lvAdmin.patch('/api/clinic', {
      registryCode: '40003032949',
      timeZone: 'Europe/Riga',
      contacts: { phone: '67 123 456' },
    });
    assert.equal(lvOk.status, 200, JSON.stringify(lvOk.body));
    assert.equal(lvOk.body.contacts.phone, '+371 67 123 456', 'read in Latvia');
    const bank = await lvAdmin.patch('/api/clinic', {
      bankAccounts: [{ iban: 'lv80 bank 0000 4351 9500 1', bank: 'Swedbank', bic: 'hablLV22' }],
    });
    assert.equal(bank.status, 200, JSON.stringify(bank.body));
    assert.deepEqual(bank.body.bankAccounts, [{ iban: 'LV80BANK0000435195001', bank: 'Swedbank', bic: 'HABLLV22' }]);
    assert.deepEqual((await admin.get('/api/clinic')).body, before);
  });

  test('only an administrator or the DPO changes the profile', async () => {
    for (const who of ['receptionist', 'doctor', 'accountant'] as const) {
      const r = await (await ee.as(who)).patch('/api/clinic', { tradeName: 'Someone else' });
      assert.equal(r.status, 403, who);
    }
    const dpo = await (await ee.as('dpo')).patch('/api/clinic', { timeZone: 'Europe/Helsinki' });
    assert.equal(dpo.status, 200, JSON.stringify(dpo.body));
    assert.equal(dpo.body.timeZone, 'Europe/Helsinki');
    assert.equal((await admin.patch('/api/clinic', { timeZone: 'Europe/Tallinn' })).status, 200);
    assert.equal((await admin.get('/api/clinic')).body.tradeName, 'Näide Hambaravi');
  });

  test("the notice names the profile's trade name beside the legal name, in every language, until it is cleared", async () => {
    const dpo = await ee.as('dpo');
    const imported = await dpo.post('/api/register/import', {
      text: readFileSync('presets/demo.yaml', 'utf8'),
      file: 'demo.yaml',
    });
    assert.equal(imported.status, 200, JSON.stringify(imported.body));
    const words = {
      et: 'Tegutseb nime all',
      lv: 'Darbojas ar nosaukumu',
      en: 'Trading as',
      ru: 'Работает под названием',
    };
    for (const [lang, label] of Object.entries(words)) {
      const html = (await dpo.get(`/api/register/preview?lang=${lang}`)).body.html as string;
      assert.match(html, new RegExp(`${label}.{0,40}Näide Hambaravi`, 's'), lang);
    }
    assert.equal((await dpo.post('/api/register/publish', {})).status, 201);
    const published = await t.app.inject({ method: 'GET', url: '/clinics/naide/privacy?lang=lv' });
    assert.match(published.body, /Darbojas ar nosaukumu.{0,40}Näide Hambaravi/s);
    // Cleared: the notice leaves the line out rather than print an empty one.
    const cleared = await admin.patch('/api/clinic', { tradeName: '' });
    assert.equal(cleared.status, 200);
    assert.equal(cleared.body.tradeName, null);
    const html = (await dpo.get('/api/register/preview?lang=et')).body.html as string;
    assert.doesNotMatch(html, /Tegutseb nime all/);
  });
});
