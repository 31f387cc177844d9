import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
// The independent validator: the npm package `fhir` checks resources against the R4 structure definitions.
import { Fhir } from 'fhir';
import type { ReceivedMail } from '../fakes/smtp';
import { type QueueWorld, queueWorld, visit } from './queue.fixtures';

/** The portal's rights tab: Tõnis Õun asks for his data, follows the request and downloads the copy. */
let w: QueueWorld;
before(async () => {
  w = await queueWorld('rights-portal', 'demo');
  const booked = await w.rec.post('/api/queue/entries', visit(w));
  assert.equal(booked.status, 201, JSON.stringify(booked.body));
});
after(async () => {
  await w?.close();
});

const EMAIL = 'tonis.oun@example.ee';
let signIns = 0;
async function signIn() {
  w.clock.advance(6 * 60_000); // stays under the limit of sign-in links per 15 minutes
  signIns++;
  const r = await w.t.app.inject({
    method: 'POST',
    url: '/api/portal/login-link',
    payload: { clinic: w.clinic.slug, email: EMAIL },
  });
  assert.equal(r.statusCode, 202);
  const deadline = Date.now() + 5000;
  let mail: ReceivedMail | undefined;
  while (!mail) {
    mail = w.smtp.received.filter((m) => m.to.includes(EMAIL) && m.text.includes('/portal/enter?token='))[signIns - 1];
    if (Date.now() > deadline) throw new Error('no sign-in mail');
    await new Promise((res) => setTimeout(res, 20));
  }
  const token = decodeURIComponent(/portal\/enter\?token=([^\s&]+)/.exec(mail.text)![1]!);
  const s = await w.t.app.inject({ method: 'POST', url: '/api/portal/session', payload: { token } });
  assert.equal(s.statusCode, 200, s.body);
  const cookie = s.cookies.find((c) => c.name === 'hoidja_portal')!.value;
  const csrf = s.json().csrfToken as string;
  const request = async (
    method: 'GET' | 'POST',
    url: string,
    payload?: unknown,
    headers: Record<string, string> = {},
  ) => {
    const res = await w.t.app.inject({
      method,
      url,
      payload: payload as never,
      headers: { cookie: `hoidja_portal=${cookie}`, 'x-csrf-token': csrf, ...headers },
    });
    let body: any = res.body;
    try {
      body = res.json();
    } catch {
      /* not JSON */
    }
    return { status: res.statusCode, body, headers: res.headers };
  };
  return {
    get: (url: string) => request('GET', url),
    post: (url: string, b: unknown, h?: Record<string, string>) => request('POST', url, b, h),
  };
}

test('a signed-in patient asks for their data, follows the request, downloads a valid FHIR Bundle, a CSV and a PDF', async () => {
  const p = await signIn();
  assert.equal((await p.post('/api/portal/consents', { purposeKey: 'newsletter', action: 'given' })).status, 201);
  const filed = await p.post('/api/portal/requests', { kind: 'access', details: 'Kõik minu andmed, palun.' });
  assert.equal(filed.status, 201, JSON.stringify(filed.body));
  assert.equal(filed.body.channel, 'portal');
  assert.equal(filed.body.identityCheck, 'portal_login');
  assert.equal(filed.body.receivedOn, '2026-12-14');
  assert.equal(filed.body.dueOn, '2027-01-14');
  assert.equal(filed.body.patientId, w.patientId);
  const mine = await p.get('/api/portal/requests');
  assert.deepEqual(
    mine.body.items.map((r: { id: string }) => r.id),
    [filed.body.id],
  );

  const fhir = await p.get('/api/portal/export?format=fhir');
  assert.equal(fhir.status, 200);
  const bundle = typeof fhir.body === 'string' ? JSON.parse(fhir.body) : fhir.body;
  const result = new Fhir().validate(bundle);
  const errors = result.messages.filter((m) => m.severity === 'error');
  assert.deepEqual(errors, []);
  const types = new Set(bundle.entry.map((e: { resource: { resourceType: string } }) => e.resource.resourceType));
  for (const type of ['Patient', 'Appointment', 'Consent', 'Communication', 'AuditEvent'])
    assert.ok(types.has(type), `${type} in ${[...types].join(', ')}`);

  const csv = await p.get('/api/portal/export?format=csv');
  assert.equal(csv.status, 200);
  assert.match(
    String(csv.body),
    /\r\nqueue_entries,1,complaint,valu alumises hambas\r\n/,
    'health data is the person’s too',
  );
  const pdf = await p.get('/api/portal/export?format=pdf');
  assert.equal(pdf.status, 200);
  assert.ok(String(pdf.body).startsWith('%PDF'));

  const disclosures = await p.get('/api/portal/disclosures');
  assert.equal(disclosures.status, 200);
  assert.deepEqual(disclosures.body.items, []);

  const recorded = await w.t.database.raw.query<{ action: string; role: string }>(
    `select action, actor_role as role from audit_events where patient_ref = $1 and action in ('portal.export', 'rights_request.create', 'portal.requests.view', 'portal.disclosures.view') order by seq`,
    [w.patientId],
  );
  assert.ok(recorded.length >= 6, JSON.stringify(recorded));
  assert.ok(
    recorded.every((r) => r.role === 'patient'),
    'recorded as the person’s own acts',
  );
});

test('bad input in the portal: an unknown kind, a staff-only field, no session, no CSRF token', async () => {
  const p = await signIn();
  const kind = await p.post('/api/portal/requests', { kind: 'everything' });
  assert.equal(kind.status, 400);
  assert.equal(kind.body.field, 'kind');
  // Someone else's data: the portal takes no patient id, so one cannot even be named.
  const other = await p.post('/api/portal/requests', { kind: 'access', patientId: w.patientId });
  assert.equal(other.status, 400);
  const noCsrf = await p.post('/api/portal/requests', { kind: 'access' }, { 'x-csrf-token': 'wrong' });
  assert.equal(noCsrf.status, 403);
  const anonymous = await w.t.app.inject({ method: 'GET', url: '/api/portal/export?format=csv' });
  assert.equal(anonymous.statusCode, 401);
  const format = await p.get('/api/portal/export?format=xml');
  assert.equal(format.status, 400);
});
