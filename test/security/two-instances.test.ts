/**
 * Several instances, one database (issue 12): two `hoidja serve` processes on one PostgreSQL, each
 * with its outbox worker. Visits are booked through both at once; every visit notice (e-mail) and
 * every reminder (SMS) reaches the fake providers exactly once, and the audit chain is intact.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { openDatabase } from '../../src/platform/db';
import { type FakeSmsApi, startFakeSmsApi } from '../fakes/sms-api';
import { type FakeSmtp, startFakeSmtp } from '../fakes/smtp';
import { freshDatabase, patientBody, testDbKind } from '../harness';
import { hoidja, type ServeProcess, type Session, signIn, startServe } from './serve-process';

const PASSWORD = 'demo admin password';
const VISITS = 8;
const skip = testDbKind !== 'postgres' && 'several instances need PostgreSQL (the embedded database has one process)';

let dataDir: string;
let env: NodeJS.ProcessEnv;
let smtp: FakeSmtp;
let sms: FakeSmsApi;
let drop: () => Promise<void> = async () => undefined;
const servers: ServeProcess[] = [];

before(async () => {
  if (skip) return;
  smtp = await startFakeSmtp();
  sms = await startFakeSmsApi();
  const fresh = await freshDatabase();
  await fresh.database.close();
  drop = fresh.drop;
  dataDir = mkdtempSync(join(tmpdir(), 'hoidja-two-'));
  env = {
    ...process.env,
    NODE_ENV: 'development',
    DATA_DIR: dataDir,
    LOG_LEVEL: 'silent',
    WORKER: 'on',
    HOIDJA_ADMIN_PASSWORD: PASSWORD,
    DATABASE_URL: fresh.url,
    DATABASE_OWNER_URL: fresh.ownerUrl,
    SMTP_URL: smtp.url,
    SMS_API_URL: sms.url,
    SMS_API_USER: sms.username,
    SMS_API_PASSWORD: sms.password,
  };
  const demo = hoidja(env, 'demo', '--patients', '0');
  assert.equal(demo.code, 0, demo.stderr);
});
after(async () => {
  for (const s of servers) await s.kill('SIGTERM');
  if (skip) return;
  await smtp.close();
  await sms.close();
  rmSync(dataDir, { recursive: true, force: true });
  await drop();
});

const day = (plus: number) => new Date(Date.now() + plus * 86_400_000).toISOString().slice(0, 10);

/** A patient and a planned visit with an SMS reminder, through one instance. */
async function book(session: Session, n: number, slot: { professionalId: string; start: string }, serviceId: string) {
  const p = await session.request(
    'POST',
    '/api/patients',
    patientBody({
      lastName: `Kaks ${n}`,
      email: `kaks${n}@example.org`,
      mobile: `5${1234500 + n}`,
      identity: {
        kind: 'document',
        documentType: 'passport',
        documentNumber: `T${n}000`,
        documentCountry: 'FI',
        birthDate: '1980-01-01',
      },
    }),
  );
  assert.equal(p.status, 201, JSON.stringify(p.body));
  const e = await session.request('POST', '/api/queue/entries', {
    patientId: p.body.patient.id,
    serviceId,
    channel: 'phone',
    professionalId: slot.professionalId,
    startsAt: slot.start,
    complaint: 'hammas valutab',
    reminderChannel: 'sms',
    contactEmail: `kaks${n}@example.org`,
  });
  assert.equal(e.status, 201, JSON.stringify(e.body));
  return e.body.entry.id as string;
}

test('two instances on one PostgreSQL send every notice and reminder exactly once', { skip }, async () => {
  servers.push(await startServe(env), await startServe(env));
  const sessions = await Promise.all(servers.map((s) => signIn(s.base, 'demo', 'admin@demo.hoidja.ee', PASSWORD)));
  // Sending hours around the clock, so the test does not depend on the hour it runs at.
  const settings = await sessions[0]!.request('PATCH', '/api/queue/settings', {
    sendingFrom: '00:00',
    sendingUntil: '24:00',
    reminderDaysBefore: 1,
  });
  assert.equal(settings.status, 200, JSON.stringify(settings.body));
  const catalogue = await sessions[1]!.request('GET', '/api/queue/catalogue');
  const serviceId = catalogue.body.services[0].id as string;
  const found = await sessions[1]!.request(
    'GET',
    `/api/queue/slots?serviceId=${serviceId}&from=${day(3)}&to=${day(17)}`,
  );
  assert.equal(found.status, 200, JSON.stringify(found.body));
  // Slots that do not overlap: one per professional and start.
  const slots = (found.body.slots as { professionalId: string; start: string; end: string }[])
    .filter(
      (s, i, all) =>
        all.findIndex((o) => o.professionalId === s.professionalId && o.end > s.start && o.start < s.end) === i,
    )
    .slice(0, VISITS);
  assert.equal(slots.length, VISITS, 'enough free times');
  // Booked through both instances at once.
  const entries = await Promise.all(slots.map((slot, n) => book(sessions[n % 2]!, n, slot, serviceId)));
  const notices = await smtp.waitFor(VISITS, 60_000);
  // The day before each visit comes: the reminders fall due now.
  const db = await openDatabase({ url: env.DATABASE_URL! });
  try {
    const due = await db.raw.query<{ id: string }>(
      `update outbox_jobs set run_at = now()
        where kind = 'reminder' and status = 'queued' and subject_id = any($1::uuid[]) returning id`,
      [entries],
    );
    assert.equal(due.length, VISITS, 'one reminder per visit');
    await sms.waitFor(VISITS, 60_000);
    // A few more rounds of both workers: nothing may be sent again.
    await new Promise((r) => setTimeout(r, 6_000));
    const jobs = await db.raw.query<{ kind: string; status: string; n: number }>(
      `select kind, status, count(*)::int as n from outbox_jobs
        where kind in ('visit_notice', 'reminder') and subject_id = any($1::uuid[]) group by 1, 2 order by 1, 2`,
      [entries],
    );
    assert.deepEqual(jobs, [
      { kind: 'reminder', status: 'sent', n: VISITS },
      { kind: 'visit_notice', status: 'sent', n: VISITS },
    ]);
  } finally {
    await db.close();
  }
  const mailTo = notices.map((m) => m.to.join(',')).sort();
  assert.equal(smtp.received.length, VISITS, `notices sent: ${mailTo.join(' ')}`);
  assert.equal(new Set(mailTo).size, VISITS, 'each patient got one notice');
  assert.equal(sms.received.length, VISITS);
  assert.equal(new Set(sms.received.map((m) => m.to)).size, VISITS, 'each patient got one reminder');
  for (const s of servers.splice(0)) await s.kill('SIGTERM');
  const verify = hoidja(env, 'audit', 'verify');
  assert.equal(verify.code, 0, `${verify.stdout}\n${verify.stderr}`);
  assert.match(verify.stdout, /intact/);
});
