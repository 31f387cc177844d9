/**
 * The isolation test of issue 12, kept: every route that takes an id is tried, by clinic A's staff
 * in every role, with ids of every kind clinic B has in the database. Nothing may succeed (any 2xx
 * fails the test) and nothing of B's may come back.
 *
 * Clinic B is the demo clinic, so it has rows of every kind a route can name (schedules, queue
 * entries and their messages, prices …). An earlier version gave B only a patient and tolerated a
 * 2xx whose body carried nothing of B's: `DELETE /api/queue/schedules/{id}` and
 * `GET /api/queue/entries/{id}/messages` answered 200 for another clinic's id and went unnoticed.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { type Agent, createClinic, createTestApp, login, patientBody, type TestApp, type TestClinic } from '../harness';

let t: TestApp;
let a: TestClinic;
let b: { id: string };
let idsOfB: string[];
let tablesOfB: string[];

/** How many rows clinic B has in each table. */
async function rowsOfB(): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const table of tablesOfB) {
    const [row] = await t.database.raw.query<{ n: number }>(
      `select count(*)::int as n from "${table}" where clinic_id = $1`,
      [b.id],
    );
    out[table] = row!.n;
  }
  return out;
}
const routes: { method: string; path: string; params: string[] }[] = [];
/** Ids taken from each of B's tables: one of each kind keeps the test within seconds. */
const PER_TABLE = 1;

before(async () => {
  t = await createTestApp();
  a = await createClinic(t, 'iso-a');
  const seeded = await t.services.demo.seedClinic('demo admin password 1');
  assert.ok(seeded);
  b = { id: seeded.clinicId };
  const recB = await login(t.app, 'demo', seeded.adminEmail, seeded.adminPassword);
  const p = await recB.post('/api/patients', patientBody({ lastName: 'Saladus', email: 'saladus@example.org' }));
  assert.equal(p.status, 201, JSON.stringify(p.body));
  await recB.post(`/api/patients/${p.body.patient.id}/representatives`, {
    kind: 'parent',
    firstName: 'Ema',
    lastName: 'Saladus',
    identity: { kind: 'national', country: 'EE', code: '46805280103' },
    basis: 'birth certificate',
    authorityFrom: '2020-01-01',
    authorityUntil: '2030-01-01',
  });
  // Every id of clinic B, from every table that has one.
  const tables = await t.database.raw.query<{ table_name: string }>(
    `select c.table_name from information_schema.columns c
      join information_schema.columns k on k.table_name = c.table_name and k.column_name = 'clinic_id'
      where c.table_schema = 'public' and c.column_name = 'id' and c.udt_name = 'uuid'`,
  );
  tablesOfB = tables.map((x) => x.table_name).filter((x) => x !== 'audit_events' && x !== 'login_attempts');
  const ids = new Set<string>([b.id]);
  for (const { table_name } of tables) {
    const rows = await t.database.raw.query<{ id: string }>(
      `select id::text as id from "${table_name}" where clinic_id = $1 limit ${PER_TABLE}`,
      [b.id],
    );
    for (const r of rows) ids.add(r.id);
  }
  idsOfB = [...ids];
  const spec = (await t.app.inject({ method: 'GET', url: '/openapi.json' })).json();
  for (const [path, ops] of Object.entries<Record<string, any>>(spec.paths)) {
    if (!path.includes('{') || path.startsWith('/internal')) continue;
    for (const [method, op] of Object.entries<any>(ops)) {
      if (Array.isArray(op.security) && op.security.length === 0) continue;
      const params = (op.parameters ?? [])
        .filter((x: any) => x.in === 'path' && x.schema?.format === 'uuid')
        .map((x: any) => x.name as string);
      if (params.length) routes.push({ method: method.toUpperCase(), path, params });
    }
  }
});
after(() => t.close());

test("no route with an id lets clinic A's staff reach clinic B's rows", async () => {
  assert.ok(idsOfB.length >= 5, `ids of B: ${idsOfB.length}`);
  assert.ok(routes.length >= 20, `routes with ids: ${routes.length}`);
  const agents: [string, Agent][] = [];
  for (const role of ['admin', 'receptionist', 'doctor', 'accountant', 'dpo'] as const)
    agents.push([role, await a.as(role)]);
  const before = await rowsOfB();
  const answeredAsIfFound = new Set<string>();
  const leaks: string[] = [];
  let tried = 0;
  for (const route of routes) {
    for (const id of idsOfB) {
      const url = route.path.replace(/\{[^}]+\}/g, id);
      for (const [role, agent] of agents) {
        const r = await agent.request(route.method, url, route.method === 'GET' ? undefined : {}, {
          'x-access-reason': 'isolation test',
        });
        tried++;
        const text = typeof r.body === 'string' ? r.body : JSON.stringify(r.body);
        // A 2xx must carry nothing of B's (an empty list, a no-op delete); B's rows are counted after.
        const carries =
          text.includes('Saladus') ||
          text.includes('saladus@') ||
          (r.status < 300 && idsOfB.some((x) => text.includes(x)));
        if (r.status >= 500 || carries)
          leaks.push(`${role} ${route.method} ${url} → ${r.status} ${text.slice(0, 150)}`);
        else if (r.status < 300) answeredAsIfFound.add(`${route.method} ${route.path} → ${r.status}`);
      }
    }
  }
  assert.deepEqual(leaks, [], `${leaks.length} of ${tried} requests reached clinic B`);
  assert.deepEqual(await rowsOfB(), before, 'every row of clinic B is still there, unchanged in number');
  // Another clinic's id is answered as an id of none: 404 (or 403 for a role that may not ask at all).
  assert.deepEqual([...answeredAsIfFound], [], 'routes that answered 2xx for an id of clinic B');
});
