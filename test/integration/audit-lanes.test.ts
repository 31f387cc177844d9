/**
 * The audit chain's append (`audit_append`, migration 0022): a batch is linked event by event and
 * stored at once; a connection whose lane another transaction holds takes a free lane instead of
 * waiting for that transaction's COMMIT, and opens a new lane when every lane is busy. The chain
 * verifies after each of these.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, test } from 'node:test';
import type pg from 'pg';
import { createClinic, createTestApp, type TestApp, type TestClinic, testDbKind } from '../harness';

let t: TestApp;
let c: TestClinic;
before(async () => {
  t = await createTestApp();
  c = await createClinic(t, 'laneclinic');
});
after(() => t.close());

const q = <T = Record<string, unknown>>(text: string, params: unknown[] = []) => t.admin<T>(text, params);

function events(n: number, extra: Record<string, unknown> = {}) {
  return JSON.stringify(
    Array.from({ length: n }, (_, i) => ({
      at: new Date().toISOString(),
      actorId: c.staff.receptionist.id,
      actorRole: 'receptionist',
      action: 'patient.read',
      entityType: 'patient',
      entityId: randomUUID(),
      patientRef: randomUUID(),
      purpose: 'care',
      reason: null,
      breakGlass: i % 2 === 0,
      outcome: 'allowed',
      requestId: randomUUID(),
      details: i % 3 === 0 ? null : { n: i },
      ...extra,
    })),
  );
}

async function verified() {
  const r = await t.services.audit.verify(t.database.db);
  assert.equal(r.ok, true, JSON.stringify(r.firstBroken));
  const [row] = await q<{ n: string }>('select count(*)::text as n from audit_events');
  assert.equal(r.checked, Number(row!.n), 'every event was walked');
}

test('a batch of events is linked one after another in one lane, stored as given, and verifies', async () => {
  const [before] = await q<{ n: string }>('select count(*)::text as n from audit_events where clinic_id = $1', [c.id]);
  const [{ last }] = (await q<{ last: string }>('select audit_append($1::uuid, $2::jsonb)::text as last', [
    c.id,
    events(50),
  ])) as [{ last: string }];
  const rows = await q<{
    seq: string;
    lane: number;
    prev_hash: string;
    hash: string;
    break_glass: boolean;
    details: unknown;
  }>(
    `select seq::text, lane, prev_hash, hash, break_glass, details from audit_events
     where clinic_id = $1 order by audit_events.seq desc limit 50`,
    [c.id],
  );
  rows.reverse();
  assert.equal(rows.length, 50);
  assert.equal(rows.at(-1)!.seq, last, 'the function answers the last number');
  assert.equal(new Set(rows.map((r) => r.lane)).size, 1, 'one call, one lane');
  for (let i = 1; i < rows.length; i++) {
    assert.equal(rows[i]!.prev_hash, rows[i - 1]!.hash, `event ${i} links to the one before`);
    assert.ok(BigInt(rows[i]!.seq) > BigInt(rows[i - 1]!.seq));
  }
  assert.deepEqual(
    rows.slice(0, 4).map((r) => [r.break_glass, r.details]),
    [
      [true, null],
      [false, { n: 1 }],
      [true, { n: 2 }],
      [false, null],
    ],
  );
  const [head] = await q<{ seq: string; hash: string }>(
    'select seq::text, hash from audit_chain_heads where clinic_id = $1 and lane = $2',
    [c.id, rows[0]!.lane],
  );
  assert.deepEqual(head, { seq: last, hash: rows.at(-1)!.hash }, 'the lane head moved to the last event');
  const [now] = await q<{ n: string }>('select count(*)::text as n from audit_events where clinic_id = $1', [c.id]);
  assert.equal(Number(now!.n), Number(before!.n) + 50);
  await verified();
});

test('an empty batch records nothing and moves no head', async () => {
  const heads = await q('select lane, seq::text, hash from audit_chain_heads where clinic_id = $1 order by lane', [
    c.id,
  ]);
  const [r] = await q<{ last: string | null }>("select audit_append($1::uuid, '[]'::jsonb) as last", [c.id]);
  assert.equal(r!.last, null);
  assert.deepEqual(
    await q('select lane, seq::text, hash from audit_chain_heads where clinic_id = $1 order by lane', [c.id]),
    heads,
  );
});

test('a bad event refuses the whole batch: nothing of it is stored', async () => {
  const [before] = await q<{ n: string }>('select count(*)::text as n from audit_events');
  await assert.rejects(q('select audit_append($1::uuid, $2::jsonb)', [c.id, events(3, { at: 'not a time' })]));
  await assert.rejects(q('select audit_append($1::uuid, $2::jsonb)', [c.id, events(3, { action: null })]));
  const [now] = await q<{ n: string }>('select count(*)::text as n from audit_events');
  assert.equal(now!.n, before!.n);
  await verified();
});

test('a connection whose lane another transaction holds takes a free lane instead of waiting', async (x) => {
  if (testDbKind !== 'postgres') return x.skip('PGlite has one connection: nobody else holds a lane');
  const pool = t.database.pool!;
  const holder = await pool.connect();
  const writer = await pool.connect();
  const append = (client: pg.PoolClient) =>
    client.query<{ last: string }>('select audit_append($1::uuid, $2::jsonb)::text as last', [c.id, events(2)]);
  const laneOf = async (seq: string) =>
    Number(
      (await q<{ lane: number }>('select lane from audit_events where clinic_id = $1 and seq = $2', [c.id, seq]))[0]!
        .lane,
    );
  try {
    // Without a free lane the old function waited here until the holder's COMMIT: a timeout says so.
    await writer.query("set statement_timeout = '3s'");
    const own = await laneOf((await append(writer)).rows[0]!.last);
    await append(holder);

    // 1. The holder keeps the writer's own lane until it commits.
    await holder.query('begin');
    await holder.query('select 1 from audit_chain_heads where clinic_id = $1 and lane = $2 for update', [c.id, own]);
    const elsewhere = await laneOf((await append(writer)).rows[0]!.last);
    assert.notEqual(elsewhere, own, 'the writer wrote to another lane');

    // 2. The holder keeps every lane of the clinic: the writer opens a new one.
    await holder.query('select 1 from audit_chain_heads where clinic_id = $1 for update', [c.id]);
    const [{ max }] = (await q<{ max: number }>('select max(lane) as max from audit_chain_heads where clinic_id = $1', [
      c.id,
    ])) as [{ max: number }];
    const opened = await laneOf((await append(writer)).rows[0]!.last);
    assert.equal(opened, max + 1, 'a new lane after the last one');

    // The holder appends too (to its own lane) and commits; every lane verifies.
    await append(holder);
    await holder.query('commit');
  } finally {
    await holder.query('rollback').catch(() => undefined);
    await writer.query('reset statement_timeout');
    holder.release();
    writer.release();
  }
  await verified();
});

test('sixteen writers holding their lanes at once leave a chain that verifies', async () => {
  const write = async (i: number) => {
    if (testDbKind !== 'postgres') {
      await t.database.raw.query('select audit_append($1::uuid, $2::jsonb)', [c.id, events(1 + (i % 3))]);
      return;
    }
    const client = await t.database.pool!.connect();
    try {
      // Each transaction keeps its lane a while: connections whose pids share a lane must not wait.
      await client.query("set statement_timeout = '5s'");
      await client.query('begin');
      await client.query('select audit_append($1::uuid, $2::jsonb)', [c.id, events(1 + (i % 3))]);
      await client.query('select pg_sleep(0.2)');
      await client.query('select audit_append($1::uuid, $2::jsonb)', [c.id, events(1)]);
      await client.query('commit');
    } finally {
      await client.query('reset statement_timeout');
      client.release();
    }
  };
  await Promise.all(Array.from({ length: 16 }, (_, i) => write(i)));
  await verified();
});
