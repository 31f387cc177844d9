/**
 * The ways an insider with database rights could rewrite the audit trail, each one tried and each
 * one caught by `audit verify`: an edited event, an edited event with every later hash recomputed,
 * a deleted event with the chain relinked, an archive anchor moved over young events, the whole log
 * wiped, and a forged retention run. The database refuses the retention switch for young events,
 * so the worse cases need the trigger switched off: exactly what a signed checkpoint is for.
 */
import assert from 'node:assert/strict';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, beforeEach, test } from 'node:test';
import {
  createClinic,
  createTestApp,
  eeCode,
  patientBody,
  type TestApp,
  type TestClinic,
  testDbKind,
} from '../harness';

let t: TestApp;
let c: TestClinic;
/** SQL as the database owner: an insider with database rights. */
const q = <T = Record<string, unknown>>(text: string, params: unknown[] = []) => t.admin<T>(text, params);

/** A clinic with a few dozen events, on a fresh database for each test (tampering is destructive). */
beforeEach(async () => {
  t = await createTestApp();
  c = await createClinic(t, 'tamperclinic');
  const rec = await c.as('receptionist');
  for (let i = 0; i < 4; i++) {
    const r = await rec.post(
      '/api/patients',
      patientBody({
        firstName: `Anna${i}`,
        identity: { kind: 'national', country: 'EE', code: eeCode(`4850707${String(i).padStart(3, '0')}`) },
        healthNotes: undefined,
      }),
    );
    assert.equal(r.status, 201, JSON.stringify(r.body));
    await rec.get(`/api/patients/${r.body.patient.id}`);
  }
});
let closing: Promise<void> = Promise.resolve();
const close = () => {
  closing = t.close();
  return closing;
};

async function withTriggerOff(fn: () => Promise<unknown>) {
  await q('alter table audit_events disable trigger audit_events_append_only');
  try {
    await fn();
  } finally {
    await q('alter table audit_events enable trigger audit_events_append_only');
  }
}

/** Recomputes prev_hash and hash of every event of a lane from `fromSeq` on, and the lane's head: a full rewrite. */
async function rehashLane(lane: number, fromSeq: number) {
  await q(`do $$
    declare r record; prev text; next_hash text;
    begin
      select coalesce((select hash from audit_events where clinic_id = '${c.id}' and lane = ${lane} and seq < ${fromSeq} order by seq desc limit 1), repeat('0', 64)) into prev;
      for r in select seq from audit_events where clinic_id = '${c.id}' and lane = ${lane} and seq >= ${fromSeq} order by seq loop
        select encode(sha256(convert_to(prev || audit_canonical(e), 'UTF8')), 'hex') into next_hash from audit_events e where e.clinic_id = '${c.id}' and e.seq = r.seq;
        update audit_events set prev_hash = prev, hash = next_hash where clinic_id = '${c.id}' and seq = r.seq;
        prev := next_hash;
      end loop;
      update audit_chain_heads set hash = prev, seq = coalesce((select max(seq) from audit_events where clinic_id = '${c.id}' and lane = ${lane}), 0) where clinic_id = '${c.id}' and lane = ${lane};
    end $$`);
}

async function someEvent(): Promise<{ seq: number; lane: number }> {
  const [row] = await q<{ seq: string; lane: number }>(
    `select seq::text, lane from audit_events where clinic_id = $1 and action = 'patient.read' order by seq limit 1 offset 1`,
    [c.id],
  );
  return { seq: Number(row!.seq), lane: Number(row!.lane) };
}

test('an edited event with every later hash recomputed passes the chain but not the signed checkpoint', async (x) => {
  x.after(close);
  await t.services.audit.checkpoint(t.database.db);
  const target = await someEvent();
  await withTriggerOff(async () => {
    await q(`update audit_events set actor_id = null where clinic_id = $1 and seq = $2`, [c.id, target.seq]);
    await rehashLane(target.lane, target.seq);
  });
  const r = await t.services.audit.verify(t.database.db);
  assert.equal(r.ok, false, 'caught');
  assert.match(r.firstBroken!.problem, /checkpoint of .*(rewritten|missing)/);
  // Without the checkpoint the rewrite is internally consistent: the signature is what catches it.
  rmSync(t.config.AUDIT_CHECKPOINT_DIR, { recursive: true, force: true });
  const unchecked = await t.services.audit.verify(t.database.db);
  assert.equal(unchecked.ok, true, JSON.stringify(unchecked));
  assert.ok(unchecked.warnings.some((w) => /no signed checkpoint/.test(w)));
});

test('a deleted event is caught, and so is one deleted with the chain relinked after it', async (x) => {
  x.after(close);
  const target = await someEvent();
  await withTriggerOff(() => q(`delete from audit_events where clinic_id = $1 and seq = $2`, [c.id, target.seq]));
  const plain = await t.services.audit.verify(t.database.db);
  assert.equal(plain.ok, false);
  assert.match(plain.firstBroken!.problem, /prev_hash does not match/);

  await t.services.audit.checkpoint(t.database.db);
  const later = await someEvent();
  await withTriggerOff(async () => {
    await q(`delete from audit_events where clinic_id = $1 and seq = $2`, [c.id, later.seq]);
    await rehashLane(later.lane, 0);
  });
  const relinked = await t.services.audit.verify(t.database.db);
  assert.equal(relinked.ok, false);
  assert.match(relinked.firstBroken!.problem, /checkpoint/);
});

test('the retention switch alone cannot remove young events, not even behind a moved anchor', async (x) => {
  x.after(close);
  // The application's own connection (on PostgreSQL a role that owns nothing) tries it.
  await assert.rejects(
    t.database.raw.query(`do $$ begin
        perform set_config('hoidja.retention', 'on', true);
        update audit_chain_heads set archived_seq = seq, archived_hash = hash where clinic_id = '${c.id}';
        delete from audit_events where clinic_id = '${c.id}';
      end $$`),
    /append-only/,
  );
  assert.ok(Number((await q<{ n: string }>(`select count(*)::text as n from audit_events`))[0]!.n) > 5);
  assert.equal((await t.services.audit.verify(t.database.db)).ok, true);
  if (testDbKind === 'postgres') {
    // Least privilege: the application's role cannot switch the trigger off (and so cannot change an event).
    await assert.rejects(
      t.database.raw.query('alter table audit_events disable trigger audit_events_append_only'),
      /must be owner/,
    );
    await assert.rejects(t.database.raw.query(`update audit_events set purpose = 'x'`), /append-only/);
  }
});

test('a wipe behind a moved anchor is caught: no retention run recorded it', async (x) => {
  x.after(close);
  await withTriggerOff(async () => {
    await q(`update audit_chain_heads set archived_seq = seq, archived_hash = hash where clinic_id = $1`, [c.id]);
    await q(`delete from audit_events where clinic_id = $1`, [c.id]);
  });
  const r = await t.services.audit.verify(t.database.db);
  assert.equal(r.ok, false, 'the old verify said "intact: 0 events checked" here');
  assert.equal(r.firstBroken!.clinicId, c.id);
  assert.match(r.firstBroken!.problem, /archive anchor has no recorded retention run/);
});

test('the first events removed behind a forged retention run are caught by the rule and by the checkpoint', async (x) => {
  x.after(close);
  await t.services.audit.checkpoint(t.database.db);
  const target = await someEvent();
  const [anchor] = await q<{ hash: string }>(`select hash from audit_events where clinic_id = $1 and seq = $2`, [
    c.id,
    target.seq,
  ]);
  // The forger writes the retention event an honest run would write, claiming a cutoff of today.
  const forged = {
    at: new Date().toISOString(),
    actorId: null,
    actorRole: 'worker',
    action: 'retention.audit_archive',
    entityType: 'audit_events',
    entityId: null,
    patientRef: null,
    purpose: 'retention',
    reason: null,
    breakGlass: false,
    outcome: 'allowed',
    requestId: null,
    details: {
      removed: 3,
      before: new Date().toISOString(),
      lanes: [{ lane: target.lane, upToSeq: target.seq, anchorHash: anchor!.hash }],
    },
  };
  await q(`select audit_append($1::uuid, $2::jsonb)`, [c.id, JSON.stringify([forged])]);
  await withTriggerOff(async () => {
    await q(`update audit_chain_heads set archived_seq = $2, archived_hash = $3 where clinic_id = $1 and lane = $4`, [
      c.id,
      target.seq,
      anchor!.hash,
      target.lane,
    ]);
    await q(`delete from audit_events where clinic_id = $1 and lane = $2 and seq <= $3`, [
      c.id,
      target.lane,
      target.seq,
    ]);
  });
  const r = await t.services.audit.verify(t.database.db);
  assert.equal(r.ok, false);
  assert.match(r.firstBroken!.problem, /younger than the country's rule/);
});

test('a checkpoint whose signature does not verify is not trusted, and is reported', async (x) => {
  x.after(close);
  const [signed] = await t.services.audit.checkpoint(t.database.db);
  const file = join(t.config.AUDIT_CHECKPOINT_DIR, `${c.id}.jsonl`);
  const forged = { ...signed!, lanes: signed!.lanes.map((l) => ({ ...l, hash: 'f'.repeat(64) })) };
  writeFileSync(file, `${readFileSync(file, 'utf8')}${JSON.stringify(forged)}\n`);
  const r = await t.services.audit.verify(t.database.db);
  assert.equal(r.ok, true, 'the genuine checkpoint still holds');
  assert.equal(r.checkpoints.badSignatures, 1);
  assert.ok(r.warnings.some((w) => /signature/.test(w)));
});

test('concurrent writers of one clinic append to several lanes without waiting, and every lane verifies', async (x) => {
  x.after(close);
  const rec = await c.as('receptionist');
  const [p] = await q<{ id: string }>(`select id from patients where clinic_id = $1 limit 1`, [c.id]);
  const reads = await Promise.all(Array.from({ length: 24 }, () => rec.get(`/api/patients/${p!.id}`)));
  assert.ok(reads.every((r) => r.status === 200));
  await t.services.audit.checkpoint(t.database.db);
  const lanes = await q<{ lane: number }>(`select distinct lane from audit_events where clinic_id = $1`, [c.id]);
  if (testDbKind === 'postgres') assert.ok(lanes.length > 1, `several connections, several lanes (${lanes.length})`);
  const r = await t.services.audit.verify(t.database.db);
  assert.equal(r.ok, true, JSON.stringify(r));
  assert.equal(r.checkpoints.checked, 1);
  const [{ n }] = (await q<{ n: string }>(`select count(*)::text as n from audit_events where clinic_id = $1`, [
    c.id,
  ])) as [{ n: string }];
  assert.equal(r.checked, Number(n), 'every event of the clinic was walked');
});

after(() => closing);
