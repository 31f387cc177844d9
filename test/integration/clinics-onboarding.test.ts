import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createTestApp, login, type TestApp } from '../harness';

/** A new clinic and its first administrator: the operator API and `hoidja clinic add`. */
const OPERATOR_TOKEN = 'operator-token-for-tests-0123456789abcdef';
let t: TestApp;
before(async () => {
  t = await createTestApp({ config: { OPERATOR_TOKEN } });
});
after(async () => t?.close());

const operator = (payload: unknown, token: string | null = OPERATOR_TOKEN) =>
  t.app.inject({
    method: 'POST',
    url: '/api/operator/clinics',
    payload: payload as never,
    headers: token === null ? {} : { authorization: `Bearer ${token}` },
  });

const riga = {
  slug: 'klinika-riga',
  name: 'SIA Estētiskās medicīnas klīnika',
  country: 'LV',
  registryCode: '40003032949',
  addresses: [{ street: 'Elizabetes iela 1', city: 'Rīga', postalCode: 'LV-1010', country: 'LV' }],
  adminEmail: 'Admin@Klinika.lv',
  adminName: 'Anna Bērziņa',
};

async function clinicCount(slug: string) {
  const r = await t.database.raw.query<{ n: string }>('select count(*)::text as n from clinics where slug = $1', [
    slug,
  ]);
  return Number(r[0]!.n);
}

describe('operator API: POST /api/operator/clinics', () => {
  it('refuses without the operator token, with a wrong one, and with a session only', async () => {
    assert.equal((await operator(riga, null)).statusCode, 401);
    assert.equal((await operator(riga, 'x'.repeat(OPERATOR_TOKEN.length))).statusCode, 401);
    assert.equal((await operator(riga, `${OPERATOR_TOKEN}x`)).statusCode, 401);
    assert.equal(await clinicCount(riga.slug), 0);
  });

  it('is off when OPERATOR_TOKEN is not set', async () => {
    const off = await createTestApp();
    try {
      const r = await off.app.inject({ method: 'POST', url: '/api/operator/clinics', payload: riga });
      assert.equal(r.statusCode, 403);
      assert.match(r.json().message, /OPERATOR_TOKEN/);
    } finally {
      await off.close();
    }
  });

  it('refuses bad input with the field and the reason, and writes nothing', async () => {
    const cases: [Record<string, unknown>, string, RegExp][] = [
      [{ ...riga, registryCode: '4000303294' }, 'registryCode', /11 digits/],
      [{ ...riga, country: 'EE', registryCode: '123456789', addresses: [] }, 'registryCode', /8 digits/],
      [{ ...riga, country: 'FI' }, 'country', /./],
      [{ ...riga, slug: 'Bad Slug' }, 'slug', /lower-case/],
      [{ ...riga, adminEmail: 'not-an-email' }, 'adminEmail', /./],
      [{ ...riga, unknownKey: 1 }, '', /unknownKey|unrecognized/i],
      [
        { ...riga, addresses: [{ street: 'Tatari 1', city: 'Tallinn', postalCode: '10134', country: 'EE' }] },
        'addresses.0.country',
        /clinic is in LV/,
      ],
    ];
    for (const [body, field, reason] of cases) {
      const r = await operator(body);
      assert.equal(r.statusCode, 400, `${field}: ${r.body}`);
      const err = r.json();
      assert.equal(err.error, 'validation_error');
      if (field) assert.ok(JSON.stringify(err).includes(field), `${field} named in ${r.body}`);
      assert.match(JSON.stringify(err), reason);
    }
    assert.equal(await clinicCount(riga.slug), 0);
  });

  it('creates a Latvian clinic and its administrator, who can log in; audited in the new clinic', async () => {
    const r = await operator(riga);
    assert.equal(r.statusCode, 201, r.body);
    const body = r.json();
    assert.equal(body.clinic.slug, 'klinika-riga');
    assert.equal(body.clinic.country, 'LV');
    assert.equal(body.clinic.timeZone, 'Europe/Riga');
    assert.equal(body.clinic.defaultLanguage, 'lv');
    assert.equal(body.clinic.supervisoryAuthority.name, 'Datu valsts inspekcija');
    assert.equal(body.admin.email, 'admin@klinika.lv');
    assert.ok(body.admin.password.length >= 12);
    const admin = await login(t.app, 'klinika-riga', 'admin@klinika.lv', body.admin.password);
    assert.deepEqual(admin.user.roles.sort(), ['admin', 'dpo']);
    const me = await admin.get('/api/clinic');
    assert.equal(me.body.registryCode, '40003032949');
    const audit = await t.database.raw.query<{ action: string }>(
      'select action from audit_events where clinic_id = $1 order by seq',
      [body.clinic.id],
    );
    assert.deepEqual(
      audit.map((a) => a.action),
      ['staff.create', 'clinic.create', 'auth.login'],
    );
    // The same slug again is a conflict, not a second clinic.
    const again = await operator(riga);
    assert.equal(again.statusCode, 409);
    assert.equal(await clinicCount(riga.slug), 1);
  });

  it('creates an Estonian clinic with the Estonian defaults', async () => {
    const r = await operator({ slug: 'hammas', name: 'Hammas OÜ', country: 'EE', registryCode: '12345678' });
    assert.equal(r.statusCode, 201, r.body);
    const { clinic, admin } = r.json();
    assert.equal(clinic.timeZone, 'Europe/Tallinn');
    assert.equal(clinic.defaultLanguage, 'et');
    assert.equal(clinic.supervisoryAuthority.name, 'Andmekaitse Inspektsioon');
    assert.equal(admin.email, 'admin@hammas.hoidja.local');
  });
});

describe('clinic groups: joint controllers named together', () => {
  it('groups the three Kliinik 32 companies; each register must name all of them', async () => {
    const companies = [
      { slug: 'kliinik32', name: 'Kliinik 32 OÜ', registryCode: '11111111' },
      { slug: 'kliinik32-labor', name: 'Kliinik 32 Labor OÜ', registryCode: '22222222' },
      { slug: 'kliinik32-3d', name: 'Kliinik 32 3D OÜ', registryCode: '33333333' },
    ];
    const logins: Record<string, { email: string; password: string }> = {};
    for (const c of companies) {
      const r = await operator({ ...c, country: 'EE' });
      assert.equal(r.statusCode, 201, r.body);
      logins[c.slug] = r.json().admin;
    }
    const group = (payload: unknown, token: string | null = OPERATOR_TOKEN) =>
      t.app.inject({
        method: 'POST',
        url: '/api/operator/clinic-groups',
        payload: payload as never,
        headers: token === null ? {} : { authorization: `Bearer ${token}` },
      });
    assert.equal(
      (await group({ name: 'Kliinik 32', clinics: ['kliinik32', 'kliinik32-labor'] }, null)).statusCode,
      401,
    );
    const tooFew = await group({ name: 'Kliinik 32', clinics: ['kliinik32'] });
    assert.equal(tooFew.statusCode, 400);
    const unknown = await group({ name: 'Kliinik 32', clinics: ['kliinik32', 'nope'] });
    assert.equal(unknown.statusCode, 400);
    assert.match(unknown.json().message, /no clinic nope/);
    const mixed = await group({ name: 'Mixed', clinics: ['kliinik32', 'klinika-riga'] });
    assert.equal(mixed.statusCode, 400, mixed.body);
    const ok = await group({ name: 'Kliinik 32', clinics: companies.map((c) => c.slug) });
    assert.equal(ok.statusCode, 201, ok.body);
    assert.deepEqual(ok.json().clinics, ['kliinik32', 'kliinik32-labor', 'kliinik32-3d']);
    const again = await group({ name: 'Other', clinics: ['kliinik32', 'hammas'] });
    assert.equal(again.statusCode, 409);

    // The preset names all three: it imports into each company.
    const text = readFileSync('presets/kliinik32.yaml', 'utf8');
    const admin = await login(
      t.app,
      'kliinik32-labor',
      logins['kliinik32-labor']!.email,
      logins['kliinik32-labor']!.password,
    );
    const imported = await admin.post('/api/register/import', { text, file: 'kliinik32.yaml' });
    assert.equal(imported.status, 200, JSON.stringify(imported.body));
    // A register that leaves one company out is refused at its controllers, and changes nothing.
    const without3d = text.replace(
      '  - key: training\n    name: Kliinik 32 3D OÜ\n',
      '  - key: training\n    name: Kliinik 32 Koolitus OÜ\n',
    );
    assert.notEqual(without3d, text);
    const refused = await admin.post('/api/register/import', { text: without3d, file: 'kliinik32.yaml' });
    assert.equal(refused.status, 400);
    const line = text.split('\n').indexOf('controllers:') + 2;
    assert.match(
      refused.body.message,
      new RegExp(
        `^kliinik32\\.yaml:${line}:\\d+: the clinic is a joint controller in the group "Kliinik 32": controllers must name Kliinik 32 3D OÜ \\(registry code 33333333\\) too`,
      ),
    );
    assert.equal((await admin.get('/api/register')).body.revision, 1);
    // The notice names the three together.
    const preview = await admin.get('/api/register/preview?lang=en');
    assert.equal(preview.status, 200);
    assert.match(JSON.stringify(preview.body), /Kliinik 32 OÜ, Kliinik 32 Labor OÜ and Kliinik 32 3D OÜ/);
  });
});

describe('hoidja clinic add', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'hoidja-clinic-cli-'));
  after(() => rmSync(dataDir, { recursive: true, force: true }));
  function hoidja(...args: string[]) {
    const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, NODE_ENV: 'development', LOG_LEVEL: 'warn' };
    delete env.DATABASE_URL;
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], {
      encoding: 'utf8',
      timeout: 120_000,
      env,
    });
    return { status: r.status, stdout: r.stdout, stderr: r.stderr };
  }

  it('adds an Estonian and a Latvian clinic, prints the password once, refuses bad input with exit 2', () => {
    const ee = hoidja(
      'clinic',
      'add',
      '--slug',
      'tartu-hammas',
      '--name',
      'Tartu Hambakliinik OÜ',
      '--country',
      'EE',
      '--registry-code',
      '10234567',
      '--admin-email',
      'juhataja@tartuhammas.ee',
    );
    assert.equal(ee.status, 0, ee.stderr);
    assert.match(ee.stdout, /clinic tartu-hammas \(Tartu Hambakliinik OÜ, EE\) added/);
    assert.match(ee.stdout, /e-mail: {3}juhataja@tartuhammas\.ee\n {2}password: \S{12,}\n/);
    const lv = hoidja(
      'clinic',
      'add',
      '--slug',
      'riga-estetika',
      '--name',
      'SIA Rīgas Estētika',
      '--country',
      'lv',
      '--registry-code',
      '40103456789',
    );
    assert.equal(lv.status, 0, lv.stderr);
    assert.match(lv.stdout, /admin@riga-estetika\.hoidja\.local/);
    // The new clinic is real: staff can be added to it.
    const user = hoidja(
      'user',
      'add',
      '--clinic',
      'riga-estetika',
      '--email',
      'reg@estetika.lv',
      '--name',
      'Līga Ozola',
      '--roles',
      'receptionist',
    );
    assert.equal(user.status, 0, user.stderr);

    const bad: [string[], RegExp][] = [
      [['--country', 'FI', '--registry-code', '12345678'], /--country must be EE or LV/],
      [['--country', 'LV', '--registry-code', '12345678'], /registryCode: a Latvian registration number has 11 digits/],
      [['--country', 'EE', '--registry-code', '12345678', '--admin-email', 'x'], /adminEmail/],
    ];
    for (const [args, message] of bad) {
      const r = hoidja('clinic', 'add', '--slug', 'third', '--name', 'Third OÜ', ...args);
      assert.equal(r.status, 2, r.stderr);
      assert.match(r.stderr, message);
      assert.equal(r.stdout, '');
    }
    const dup = hoidja(
      'clinic',
      'add',
      '--slug',
      'tartu-hammas',
      '--name',
      'Other OÜ',
      '--country',
      'EE',
      '--registry-code',
      '10234568',
    );
    assert.equal(dup.status, 2);
    assert.match(dup.stderr, /already exists/);
    const missing = hoidja('clinic', 'add', '--slug', 'x1', '--name', 'X OÜ', '--country', 'EE');
    assert.equal(missing.status, 2);
  });
});
