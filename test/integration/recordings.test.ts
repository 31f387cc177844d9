import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { type Agent, createClinic, createTestApp, login, type TestApp, type TestClinic } from '../harness';

/**
 * Cameras and recordings with real files on disk: past the clinic's period (30 days, no register)
 * the files are deleted oldest first and their rows go; a file that cannot be deleted is reported
 * and tried again by the next run; a hold for an incident stops deletion; viewing and hand-over are
 * recorded as an access and a disclosure.
 */
let t: TestApp;
let c: TestClinic;
let admin: Agent;
let dir: string;
const setClock = (iso: string) => (t.clock as unknown as { set(d: string): void }).set(iso);
const q = <T = Record<string, unknown>>(sql: string, params: unknown[] = []) => t.database.raw.query<T>(sql, params);
const ids: Record<string, string> = {};

before(async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'hoidja-recordings-'));
  dir = join(dataDir, 'recordings');
  mkdirSync(join(dir, 'cam1'), { recursive: true });
  t = await createTestApp({ start: '2026-10-01T08:00:00Z', config: { DATA_DIR: dataDir } });
  c = await createClinic(t, 'cams');
  admin = await login(t.app, c.slug, c.staff.admin.email);
});
after(async () => {
  await t.close();
  rmSync(dir, { recursive: true, force: true });
});

async function recording(day: string, name: string) {
  writeFileSync(join(dir, 'cam1', name), `video of ${day}`);
  const r = await admin.post('/api/recordings', {
    cameraId: ids.camera,
    startedAt: `${day}T08:00:00Z`,
    endedAt: `${day}T20:00:00Z`,
    location: `cam1/${name}`,
  });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  return r.body.id as string;
}

test('a camera register: area, signposting, sound, and rooms without a camera', async () => {
  const cam = await admin.post('/api/recordings/cameras', {
    name: 'Ooteruum',
    area: 'waiting room and entrance',
    signposted: true,
    sound: false,
  });
  assert.equal(cam.status, 201, JSON.stringify(cam.body));
  ids.camera = cam.body.id;
  const none = await admin.post('/api/recordings/cameras', {
    name: 'Raviruumid',
    area: 'treatment rooms',
    signposted: false,
    sound: false,
    hasCamera: false,
  });
  assert.equal(none.status, 201);
  const bad = await admin.post('/api/recordings', {
    cameraId: none.body.id,
    startedAt: '2026-10-01T08:00:00Z',
    endedAt: '2026-10-01T09:00:00Z',
    location: 'x.mp4',
  });
  assert.equal(bad.status, 400, 'a room without a camera has no recordings');
  const outside = await admin.post('/api/recordings', {
    cameraId: ids.camera,
    startedAt: '2026-10-01T08:00:00Z',
    endedAt: '2026-10-01T09:00:00Z',
    location: '../../etc/passwd',
  });
  assert.equal(outside.status, 400);
  assert.equal(outside.body.field, 'location');
  const rec = await login(t.app, c.slug, c.staff.receptionist.email);
  assert.equal((await rec.get('/api/recordings')).status, 403);
});

test('viewing is an access and a hand-over a disclosure, each with its reason', async () => {
  ids.a = await recording('2026-10-01', 'a.mp4');
  const v = await admin.post(`/api/recordings/${ids.a}/view`, { reason: 'slip and fall in the waiting room' });
  assert.equal(v.status, 200, JSON.stringify(v.body));
  assert.equal(v.body.fileExists, true);
  assert.equal((await admin.post(`/api/recordings/${ids.a}/view`, {})).status, 400, 'no viewing without a reason');
  const h = await admin.post(`/api/recordings/${ids.a}/hand-over`, {
    recipient: 'Politsei- ja Piirivalveamet',
    reason: 'request 12-3/456 about the theft',
    legalBasis: 'GDPR Art. 6(1)(c); KrMS § 215',
  });
  assert.equal(h.status, 200);
  const events = await q<{ action: string; reason: string }>(
    `select action, reason from audit_events where clinic_id = $1 and entity_type = 'recording' and action in ('recording.view', 'disclosure') order by seq`,
    [c.id],
  );
  assert.deepEqual(
    events.map((e) => e.action),
    ['recording.view', 'disclosure'],
  );
});

test('after 30 days the files go oldest first; one that cannot be deleted is reported and retried; a hold stops it', async () => {
  ids.b = await recording('2026-10-05', 'b.mp4');
  ids.young = await recording('2026-11-20', 'young.mp4');
  // A "file" that cannot be removed: a directory with something in it.
  mkdirSync(join(dir, 'cam1', 'stuck.mp4', 'inner'), { recursive: true });
  const stuck = await admin.post('/api/recordings', {
    cameraId: ids.camera,
    startedAt: '2026-10-03T08:00:00Z',
    endedAt: '2026-10-03T20:00:00Z',
    location: 'cam1/stuck.mp4',
  });
  ids.stuck = stuck.body.id;

  setClock('2026-11-25T09:00:00Z');
  admin = await login(t.app, c.slug, c.staff.admin.email);
  let dpo = await login(t.app, c.slug, c.staff.dpo.email);
  const hold = await dpo.post('/api/retention/holds', {
    kind: 'incident',
    reason: 'theft in the waiting room on 1 October',
    owner: 'DPO',
    target: 'recordings',
  });
  assert.equal(hold.status, 201);
  const heldRun = await dpo.post('/api/retention/runs');
  const heldLine = heldRun.body.report.find((l: { target: string }) => l.target === 'recordings');
  assert.equal(heldLine.deleted, 0);
  assert.match(heldLine.note, /held: theft/);
  assert.ok(existsSync(join(dir, 'cam1', 'a.mp4')), 'the hold kept the file');
  assert.equal((await dpo.post(`/api/retention/holds/${hold.body.id}/release`)).status, 200);

  const plan = await dpo.get('/api/retention/plan');
  const planned = plan.body.lines.find((l: { target: string }) => l.target === 'recordings');
  assert.equal(planned.count, 3);
  assert.equal(planned.oldest, '2026-10-01');
  const run = await dpo.post('/api/retention/runs');
  const line = run.body.report.find((l: { target: string }) => l.target === 'recordings');
  assert.equal(line.deleted, 2);
  assert.equal(line.failed, 1);
  assert.match(line.note, /could not be deleted/);
  assert.ok(!existsSync(join(dir, 'cam1', 'a.mp4')));
  assert.ok(!existsSync(join(dir, 'cam1', 'b.mp4')));
  assert.ok(existsSync(join(dir, 'cam1', 'young.mp4')), 'younger than 30 days: kept');
  const list = await admin.get('/api/recordings');
  const left = list.body.items.find((r: { id: string }) => r.id === ids.stuck);
  assert.equal(left.deleteAttempts, 1);
  assert.match(left.lastDeleteError, /directory|EISDIR|ERR_FS/i);

  // Fixed on disk; the next run retries and succeeds.
  rmSync(join(dir, 'cam1', 'stuck.mp4'), { recursive: true });
  setClock('2026-11-26T09:00:00Z');
  admin = await login(t.app, c.slug, c.staff.admin.email);
  dpo = await login(t.app, c.slug, c.staff.dpo.email);
  const next = await dpo.post('/api/retention/runs');
  assert.equal(next.status, 201, JSON.stringify(next.body));
  assert.equal(next.body.report.find((l: { target: string }) => l.target === 'recordings').deleted, 1);
  const remaining = (await admin.get('/api/recordings')).body.items.map((r: { id: string }) => r.id);
  assert.deepEqual(remaining, [ids.young]);
});
