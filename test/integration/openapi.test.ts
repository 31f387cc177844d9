import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, test } from 'node:test';
import { apiTypesFile, formatted, type OpenApiDocument, renderApiTypes } from '../../scripts/api-types';
import { createTestApp, type TestApp } from '../harness';

let t: TestApp;
let doc: OpenApiDocument & {
  paths: Record<
    string,
    Record<
      string,
      {
        parameters?: { in: string; name: string }[];
        requestBody?: { content: Record<string, { schema: Record<string, unknown> }> };
        responses?: Record<string, { content?: Record<string, { schema?: Record<string, unknown> }> }>;
      }
    >
  >;
};
before(async () => {
  t = await createTestApp();
  doc = (await t.app.inject({ method: 'GET', url: '/openapi.json' })).json();
});
after(() => t.close());

const operations = () =>
  Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, op]) => ({ name: `${method.toUpperCase()} ${path}`, path, method, op })),
  );

/** Commands that take nothing but their path (and the session): no request body to describe. */
const bodiless = new Set([
  'POST /api/auth/logout',
  'POST /api/staff/{id}/disable',
  'POST /api/staff/{id}/enable',
  'POST /api/staff/{id}/reset-password',
  'POST /api/patients/{id}/representatives/{repId}/end',
  'POST /api/patients/{id}/bill-payers/{payerId}/end',
  'POST /api/billing/instalments/{id}/disclose',
  'POST /api/billing/invoices/{id}/email',
  'POST /api/portal/logout',
]);

test('every operation documents a 2xx response with its schema', () => {
  const missing = operations().filter(({ op }) => {
    const ok = Object.entries(op.responses ?? {}).filter(([status]) => /^2\d\d$/.test(status));
    return ok.length === 0 || ok.some(([, r]) => !r.content || Object.values(r.content).some((c) => !c.schema));
  });
  assert.deepEqual(
    missing.map((o) => o.name),
    [],
  );
});

test('every operation documents what it takes: path parameters, and a body for every write', () => {
  const problems: string[] = [];
  for (const { name, path, method, op } of operations()) {
    for (const param of path.match(/\{(\w+)\}/g) ?? []) {
      const p = param.slice(1, -1);
      if (!op.parameters?.some((x) => x.in === 'path' && x.name === p)) problems.push(`${name}: path parameter ${p}`);
    }
    if (['post', 'put', 'patch'].includes(method) && !bodiless.has(name)) {
      const schema = op.requestBody?.content['application/json']?.schema;
      if (!schema) problems.push(`${name}: no request body schema`);
      // A body of "any keys, any values" describes nothing (what z.record(z.string(), z.unknown()) gives).
      else if (schema.type === 'object' && !schema.properties && !schema.anyOf && !schema.oneOf)
        problems.push(`${name}: request body without named fields`);
    }
  }
  assert.deepEqual(problems, []);
});

test('the web app’s API types are generated from this document (run `npm run api:types` after changing a route)', () => {
  const committed = readFileSync(apiTypesFile, 'utf8');
  assert.equal(committed, formatted(renderApiTypes(doc)), 'web/src/shell/api-types.ts is stale');
});

test('a response sends only what its schema names', async () => {
  // The public clinic page: the service returns the whole clinic row, the schema names what a login page may show.
  await t.services.clinics.create({
    slug: 'named-only',
    name: 'Named Only OÜ',
    country: 'EE',
    registryCode: '12345678',
  });
  const r = await t.app.inject({ method: 'GET', url: '/api/public/clinics/named-only' });
  assert.equal(r.statusCode, 200);
  assert.deepEqual(Object.keys(r.json()).sort(), [
    'addresses',
    'contacts',
    'country',
    'defaultLanguage',
    'name',
    'slug',
    'timeZone',
    // The name patients know the clinic by (null when it has none): published, as the legal name is.
    'tradeName',
  ]);
});
