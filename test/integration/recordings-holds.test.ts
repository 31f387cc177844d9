import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { type Agent, createClinic, createTestApp, login, type TestApp, type TestClinic } from '../harness';

/**
 * A hold on one recording (the tape of an incident): the run deletes every other recording past
 * the period and keeps that one, file and row, counted as held in the plan; once the hold is
 * released the next run deletes it, and the hold stays in the register. A hold on a recording of
 * another clinic, or on a recording together with a patient, is refused.
 */
let t: TestApp;
let c: TestClinic;
let other: TestClinic;
let dpo: Agent;
let dir: string;
const setClock = (iso: string) => (t.clock as unknown as { set(d: string): void }).set(iso);
const ids: Record<string, string> = {};

before(async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'hoidja-recording-holds-'));
  dir = join(dataDir, 'recordings');
  mkdirSync(join(dir, 'cam1'), { recursive: true });
  t = await createTestApp({ start: '2026-10-01T08:00:00Z', config: { DATA_DIR: dataDir } });
  c = await createClinic(t, 'tapes');
  other = await createClinic(t, 'tapes2');
  dpo = await login(t.app, c.slug, c.staff.dpo.email);
  const admin = await login(t.app, c.slug, c.staff.admin.email);
  const cam = await admin.post('/api/recordings/cameras', {
    name: 'Ooteruum',
    area: 'waiting room',
    signposted: true,
    sound: false,
  });
  assert.equal(cam.status, 201, JSON.stringify(cam.body));
  for (const [key, day] of [
    ['first', '2026-10-01'],
    ['incident', '2026-10-02'],
    ['third', '2026-10-03'],
  ] as const) {
    writeFileSync(join(dir, 'cam1', `${day}.mp4`), `video of ${day}`);
    const r = await admin.post('/api/recordings', {
      cameraId: cam.body.id,
      startedAt: `${day}T08:00:00Z`,
      endedAt: `${day}T20:00:00Z`,
      location: `cam1/${day}.mp4`,
    });
    assert.equal(r.status, 201, JSON.stringify(r.body));
    ids[key] = r.body.id;
  }
});
after(async () => {
  await t.close();
  rmSync(dir, { recursive: true, force: true });
});

const file = (day: string) => existsSync(join(dir, 'cam1', `${day}.mp4`));

test('a hold on one recording needs a recording of this clinic and covers nothing else', async () => {
  const stranger = await login(t.app, other.slug, other.staff.dpo.email);
  const foreign = await stranger.post('/api/retention/holds', {
    kind: 'incident',
    reason: 'a fall in the waiting room',
    owner: 'DPO',
    recordingId: ids.incident,
  });
  assert.equal(foreign.status, 404, "another clinic's recording is not found");
  const mixed = await dpo.post('/api/retention/holds', {
    kind: 'incident',
    reason: 'a fall in the waiting room',
    owner: 'DPO',
    recordingId: ids.incident,
    target: 'accounting',
  });
  assert.equal(mixed.status, 400);
  assert.equal(mixed.body.field, 'recordingId');
  const h = await dpo.post('/api/retention/holds', {
    kind: 'incident',
    reason: 'a patient fell in the waiting room on 2 October; insurer asked for the tape',
    owner: 'DPO Mari Maasikas',
    recordingId: ids.incident,
  });
  assert.equal(h.status, 201, JSON.stringify(h.body));
  assert.equal(h.body.target, 'recordings');
  assert.equal(h.body.recordingId, ids.incident);
  ids.hold = h.body.id;
});

test('the run deletes the other expired recordings and keeps the held one, file and row', async () => {
  setClock('2026-11-10T08:00:00Z');
  dpo = await login(t.app, c.slug, c.staff.dpo.email);
  const plan = await dpo.get('/api/retention/plan');
  const line = plan.body.lines.find((l: { target: string }) => l.target === 'recordings');
  assert.equal(line.count, 2);
  assert.equal(line.held, 1);
  const run = await dpo.post('/api/retention/runs');
  assert.equal(run.status, 201, JSON.stringify(run.body));
  assert.equal(run.body.report.find((l: { target: string }) => l.target === 'recordings').deleted, 2);
  assert.equal(file('2026-10-01'), false);
  assert.equal(file('2026-10-03'), false);
  assert.equal(file('2026-10-02'), true, 'the tape of the incident is kept');
  const list = await dpo.get('/api/recordings');
  assert.deepEqual(
    list.body.items.map((r: { id: string }) => r.id),
    [ids.incident],
  );
});

test('released, the next run deletes it; the hold stays in the register', async () => {
  assert.equal((await dpo.post(`/api/retention/holds/${ids.hold}/release`)).status, 200);
  setClock('2026-11-11T08:00:00Z');
  dpo = await login(t.app, c.slug, c.staff.dpo.email);
  const run = await dpo.post('/api/retention/runs');
  assert.equal(run.body.report.find((l: { target: string }) => l.target === 'recordings').deleted, 1);
  assert.equal(file('2026-10-02'), false);
  const holds = await dpo.get('/api/retention/holds');
  const kept = holds.body.items.find((h: { id: string }) => h.id === ids.hold);
  assert.ok(kept.releasedAt, 'the released hold is still listed');
  assert.equal(kept.recordingId, null, 'without the recording that is gone');
});
