import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createClinic, createTestApp, eeCode, patientBody, type TestApp, type TestClinic } from '../harness';

let t: TestApp;
let a: TestClinic;

before(async () => {
  t = await createTestApp();
  a = await createClinic(t, 'alpha');
});
after(() => t.close());

const countPatients = async () =>
  Number((await t.database.raw.query<{ n: string }>('select count(*)::text as n from patients'))[0]!.n);

describe('registering a patient', () => {
  test('derives birth date and sex from the ID code and normalises contacts', async () => {
    const rec = await a.as('receptionist');
    const r = await rec.post(
      '/api/patients',
      patientBody({
        identity: { kind: 'national', country: 'EE', code: '37605030299' },
        firstName: 'Jaan',
        lastName: 'Õunapuu',
      }),
    );
    assert.equal(r.status, 201, JSON.stringify(r.body));
    const p = r.body.patient;
    assert.equal(p.birthDate, '1976-05-03');
    assert.equal(p.sex, 'male');
    assert.equal(p.mobile, '+37251234567');
    assert.equal(p.identity.code, '37605030299');
    assert.equal(p.healthNotes, null, 'reception does not see health data');
  });

  test('Latvian codes: old format derives the date, new format needs it and warns', async () => {
    const rec = await a.as('receptionist');
    const old = await rec.post(
      '/api/patients',
      patientBody({
        identity: { kind: 'national', country: 'LV', code: '161175-19997' },
        mobile: '+37120000000',
        email: null,
      }),
    );
    assert.equal(old.status, 201, JSON.stringify(old.body));
    assert.equal(old.body.patient.birthDate, '1975-11-16');
    const missing = await rec.post(
      '/api/patients',
      patientBody({ identity: { kind: 'national', country: 'LV', code: '321234-56789' } }),
    );
    assert.equal(missing.status, 400);
    assert.equal(missing.body.field, 'identity.birthDate');
    const newer = await rec.post(
      '/api/patients',
      patientBody({ identity: { kind: 'national', country: 'LV', code: '321234-56789', birthDate: '1990-01-02' } }),
    );
    assert.equal(newer.status, 201, JSON.stringify(newer.body));
    assert.match(newer.body.warning, /new-format/);
  });

  test('a foreign patient is identified by a document', async () => {
    const rec = await a.as('receptionist');
    const r = await rec.post(
      '/api/patients',
      patientBody({
        firstName: 'Anna',
        lastName: 'Schmidt',
        identity: {
          kind: 'document',
          documentType: 'passport',
          documentNumber: 'C01X00T47',
          documentCountry: 'DE',
          birthDate: '1985-07-14',
        },
        mobile: '+4915112345678',
        preferredLanguage: 'en',
      }),
    );
    assert.equal(r.status, 201, JSON.stringify(r.body));
    assert.equal(r.body.patient.identity.documentNumber, 'C01X00T47');
  });

  const bad: [string, Record<string, unknown>, string, RegExp][] = [
    [
      'wrong check digit',
      { identity: { kind: 'national', country: 'EE', code: '36805280108' } },
      'identity.code',
      /check digit/,
    ],
    [
      'impossible date',
      { identity: { kind: 'national', country: 'EE', code: '38102290106' } },
      'identity.code',
      /date/,
    ],
    [
      'unknown century digit',
      { identity: { kind: 'national', country: 'EE', code: '96805280109' } },
      'identity.code',
      /century/,
    ],
    ['malformed phone', { mobile: '12' }, 'mobile', /phone/],
    ['malformed e-mail', { email: 'not-an-email' }, 'email', /e-mail/],
    ['unknown field', { favouriteColour: 'blue' }, '', /unrecognized|unknown/i],
    ['missing name', { firstName: '' }, 'firstName', /required/],
    ['bad language', { preferredLanguage: 'de' }, 'preferredLanguage', /./],
  ];
  for (const [what, override, field, reason] of bad) {
    test(`refuses ${what} with 400, the field and the reason, and writes nothing`, async () => {
      const before = await countPatients();
      const rec = await a.as('receptionist');
      const r = await rec.post(
        '/api/patients',
        patientBody({ identity: { kind: 'national', country: 'EE', code: eeCode('4940313652') }, ...override }),
      );
      assert.equal(r.status, 400, JSON.stringify(r.body));
      assert.equal(r.body.error, 'validation_error');
      if (field) assert.equal(r.body.field, field);
      assert.match(r.body.message, reason);
      assert.ok(r.body.requestId);
      assert.equal(await countPatients(), before);
    });
  }

  test('the same ID code twice is a conflict', async () => {
    const rec = await a.as('receptionist');
    const body = patientBody({ identity: { kind: 'national', country: 'EE', code: '36805280109' } });
    assert.equal((await rec.post('/api/patients', body)).status, 201);
    const again = await rec.post('/api/patients', body);
    assert.equal(again.status, 409);
  });
});

describe('finding patients', () => {
  test('by name fragment, ID code, phone and e-mail; the ID code travels in the body', async () => {
    const rec = await a.as('receptionist');
    const reg = await rec.post(
      '/api/patients',
      patientBody({
        firstName: 'Tõnis',
        lastName: 'Kärner',
        identity: { kind: 'national', country: 'EE', code: eeCode('5000101000') },
        mobile: '+372 5555 0101',
        email: 'tonis@example.org',
      }),
    );
    assert.equal(reg.status, 201, JSON.stringify(reg.body));
    const id = reg.body.patient.id;
    for (const query of [
      'kärn',
      'KARN',
      'tõn',
      'Tõnis Kär',
      eeCode('5000101000'),
      '+372 5555 0101',
      '55550101',
      'TONIS@example.org',
    ]) {
      const r = await rec.post('/api/patients/search', { query });
      assert.equal(r.status, 200, `${query}: ${JSON.stringify(r.body)}`);
      assert.ok(
        r.body.items.some((p: { id: string }) => p.id === id),
        `found by ${query}`,
      );
      const hit = r.body.items.find((p: { id: string }) => p.id === id);
      assert.equal(hit.idCodeMasked, `•••••••${eeCode('5000101000').slice(-4)}`);
    }
    const none = await rec.post('/api/patients/search', { query: 'zzzz' });
    assert.deepEqual(none.body.items, []);
    const badCode = await rec.post('/api/patients/search', {
      query: eeCode('5000101000').slice(0, 10) + ((Number(eeCode('5000101000').slice(-1)) + 1) % 10),
    });
    assert.equal(badCode.status, 400);
  });

  test('each patient shown in a result list is an audit event', async () => {
    const rec = await a.as('receptionist');
    await rec.post(
      '/api/patients',
      patientBody({
        firstName: 'Ülle',
        lastName: 'Listing',
        identity: { kind: 'national', country: 'EE', code: eeCode('6010101000') },
      }),
    );
    await rec.post(
      '/api/patients',
      patientBody({
        firstName: 'Ülo',
        lastName: 'Listing',
        identity: { kind: 'national', country: 'EE', code: eeCode('5010101000') },
      }),
    );
    const r = await rec.post('/api/patients/search', { query: 'listing' });
    assert.equal(r.body.items.length, 2);
    const events = await t.database.raw.query<{ patient_ref: string }>(
      `select patient_ref from audit_events where action = 'patient.search_result' and request_id = $1`,
      [r.headers['x-request-id']],
    );
    assert.deepEqual(new Set(events.map((e) => e.patient_ref)), new Set(r.body.items.map((p: { id: string }) => p.id)));
  });
});

describe('editing, history and archive', () => {
  test('an edit keeps the earlier values; a stale version is refused', async () => {
    const rec = await a.as('receptionist');
    const reg = await rec.post(
      '/api/patients',
      patientBody({ identity: { kind: 'national', country: 'EE', code: eeCode('6020202000') } }),
    );
    const id = reg.body.patient.id;
    const upd = await rec.patch(`/api/patients/${id}`, {
      version: 1,
      lastName: 'Kask',
      mobile: '+37253334444',
      reason: 'married',
    });
    assert.equal(upd.status, 200, JSON.stringify(upd.body));
    assert.deepEqual(upd.body.changed.sort(), ['lastName', 'mobile']);
    assert.equal(upd.body.patient.version, 2);
    const stale = await rec.patch(`/api/patients/${id}`, { version: 1, lastName: 'Other' });
    assert.equal(stale.status, 409);
    const hist = await rec.get(`/api/patients/${id}/history`);
    assert.equal(hist.body.items[0].previous.lastName, 'Tamm');
    assert.equal(hist.body.items[0].reason, 'married');
    const badEdit = await rec.patch(`/api/patients/${id}`, { version: 2, email: 'nope' });
    assert.equal(badEdit.status, 400);
    const after = await rec.get(`/api/patients/${id}`);
    assert.equal(after.body.patient.version, 2);
  });

  test('archived patients leave the search but stay readable', async () => {
    const rec = await a.as('receptionist');
    const reg = await rec.post(
      '/api/patients',
      patientBody({ lastName: 'Arhiiv', identity: { kind: 'national', country: 'EE', code: eeCode('6030303000') } }),
    );
    const id = reg.body.patient.id;
    assert.equal((await rec.post(`/api/patients/${id}/archive`, { reason: 'moved abroad' })).status, 200);
    assert.equal((await rec.post('/api/patients/search', { query: 'arhiiv' })).body.items.length, 0);
    assert.equal(
      (await rec.post('/api/patients/search', { query: 'arhiiv', includeArchived: true })).body.items.length,
      1,
    );
    assert.equal((await rec.get(`/api/patients/${id}`)).body.patient.status, 'archived');
  });
});

describe('representatives and bill payers', () => {
  test('a parent with the basis and period of authority; without the period it is refused', async () => {
    const rec = await a.as('receptionist');
    const child = await rec.post(
      '/api/patients',
      patientBody({ firstName: 'Laps', identity: { kind: 'national', country: 'EE', code: eeCode('5150303000') } }),
    );
    assert.equal(child.status, 201, JSON.stringify(child.body));
    const id = child.body.patient.id;
    const parent = {
      kind: 'parent',
      firstName: 'Mari',
      lastName: 'Tamm',
      identity: { kind: 'national', country: 'EE', code: '46805280103' },
      basis: 'birth certificate',
      authorityFrom: '2015-03-03',
      authorityUntil: '2033-03-03',
      mobile: '+37255512345',
    };
    const ok = await rec.post(`/api/patients/${id}/representatives`, parent);
    assert.equal(ok.status, 201, JSON.stringify(ok.body));
    const { authorityUntil: _drop, ...noPeriod } = parent;
    const bad = await rec.post(`/api/patients/${id}/representatives`, noPeriod);
    assert.equal(bad.status, 400);
    assert.equal(bad.body.field, 'authorityUntil');
    const backwards = await rec.post(`/api/patients/${id}/representatives`, {
      ...parent,
      authorityUntil: '2010-01-01',
    });
    assert.equal(backwards.status, 400);
    const payer = await rec.post(`/api/patients/${id}/bill-payers`, {
      kind: 'municipality',
      name: 'Tallinna Linnavalitsus',
      registryCode: '75014920',
    });
    assert.equal(payer.status, 201, JSON.stringify(payer.body));
    const badPayer = await rec.post(`/api/patients/${id}/bill-payers`, { kind: 'uncle', name: 'x' });
    assert.equal(badPayer.status, 400);
    const view = await rec.get(`/api/patients/${id}`);
    assert.equal(view.body.representatives.length, 1);
    assert.equal(view.body.representatives[0].basis, 'birth certificate');
    assert.equal(view.body.billPayers[0].kind, 'municipality');
  });
});
