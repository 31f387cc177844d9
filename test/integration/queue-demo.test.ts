import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createTestApp, login, type TestApp } from '../harness';

let t: TestApp;
before(async () => {
  t = await createTestApp();
});
after(() => t.close());

test('the demo clinic has dentists, services, working hours and visits in its calendar', async () => {
  const seeded = await t.services.demo.seedClinic('demo admin password 1');
  assert.ok(seeded);
  const admin = await login(t.app, 'demo', seeded.adminEmail, seeded.adminPassword);
  const cat = await admin.get('/api/queue/catalogue');
  assert.equal(cat.status, 200, JSON.stringify(cat.body));
  assert.equal(cat.body.professionals.length, 2);
  assert.equal(cat.body.services.length, 3);
  assert.equal(cat.body.schedules.length, 9);
  const list = await admin.get('/api/queue/entries?status=booked');
  assert.ok(list.body.items.length >= 4, JSON.stringify(list.body));
  const info = await t.app.inject({ method: 'GET', url: '/api/public/clinics/demo/booking' });
  assert.equal(info.json().services.length, 3);
  // and a price list, so a visit can be invoiced straight away
  const prices = await admin.get('/api/billing/price-list');
  assert.equal(prices.status, 200, JSON.stringify(prices.body));
  const items = (prices.body.items ?? prices.body) as { code: string; benefitEligible: boolean }[];
  assert.ok(items.some((p) => p.code === 'VISIT') && items.some((p) => p.code === 'FILL' && p.benefitEligible));
});
