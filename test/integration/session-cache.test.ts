/**
 * A listening server keeps sessions in memory (one query less per request), yet a session ended or
 * an account disabled by anyone — another server, the CLI, an administrator at the database — ends
 * at once: the database announces it (migration 0017) and the cache forgets the account.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createClinic, createTestApp, login, type TestApp, type TestClinic } from '../harness';

let t: TestApp;
let c: TestClinic;
const quiet = { warn: () => undefined };

before(async () => {
  t = await createTestApp();
  c = await createClinic(t, 'cacheclinic');
  await t.services.auth.watchSessions(t.database.listen, quiet);
});
after(async () => {
  await t.services.auth.unwatchSessions();
  await t.close();
});

/** Polls until the request answers `status` (a notice arrives asynchronously), for up to 3 s. */
async function eventually(req: () => Promise<{ status: number }>, status: number) {
  let last = 0;
  for (let i = 0; i < 60; i++) {
    last = (await req()).status;
    if (last === status) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  assert.equal(last, status);
}

test('a cached session is served without reading it again', async () => {
  const agent = await login(t.app, 'cacheclinic', c.staff.receptionist.email);
  assert.equal((await agent.get('/api/auth/me')).status, 200);
  // An expiry written behind the server's back is not announced: the cached session still answers,
  // which shows the request did not read the session row.
  await t.admin("update sessions set expires_at = now() - interval '1 minute' where user_id = $1", [agent.user.id]);
  assert.equal((await agent.get('/api/auth/me')).status, 200);
});

test('an account disabled at the database ends its cached sessions at once', async () => {
  const agent = await login(t.app, 'cacheclinic', c.staff.doctor.email);
  assert.equal((await agent.get('/api/auth/me')).status, 200);
  await t.admin('update staff_users set disabled_at = now() where id = $1', [agent.user.id]);
  await eventually(() => agent.get('/api/auth/me'), 401);
});

test('a session ended by another process ends here too', async () => {
  const agent = await login(t.app, 'cacheclinic', c.staff.admin.email);
  assert.equal((await agent.get('/api/auth/me')).status, 200);
  await t.admin("update sessions set ended_at = now(), end_reason = 'logout' where user_id = $1", [agent.user.id]);
  await eventually(() => agent.get('/api/auth/me'), 401);
});

test('logging out here ends the session without waiting for the notice', async () => {
  const agent = await login(t.app, 'cacheclinic', c.staff.accountant.email);
  assert.equal((await agent.get('/api/auth/me')).status, 200);
  assert.equal((await agent.post('/api/auth/logout')).status, 200);
  assert.equal((await agent.get('/api/auth/me')).status, 401);
});
