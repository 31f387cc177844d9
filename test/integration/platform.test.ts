import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { after, before, test } from 'node:test';
import { getTableColumns, getTableName, is, Table } from 'drizzle-orm';
import { ConfigError, parseConfig } from '../../src/platform/config';
import type { ClassifiedTable } from '../../src/platform/data-categories';
import { createLogger } from '../../src/platform/logger';
import { generateSecrets } from '../../src/platform/secrets';
import { createTestApp, type TestApp, testDbKind } from '../harness';

let t: TestApp;
before(async () => {
  t = await createTestApp();
});
after(() => t.close());

test('GET /health names the database and the migration version', async () => {
  const r = await t.app.inject({ method: 'GET', url: '/health' });
  assert.equal(r.statusCode, 200);
  const body = r.json();
  assert.equal(body.database, testDbKind);
  assert.ok(body.migrations.applied >= 2);
  assert.match(body.migrations.latest, /^\d{4}_/);
});

test('OpenAPI is generated from the route schemas and the docs page is served', async () => {
  const spec = (await t.app.inject({ method: 'GET', url: '/openapi.json' })).json();
  assert.equal(spec.openapi.startsWith('3.'), true);
  const register = spec.paths['/api/patients'].post;
  assert.ok(register.requestBody.content['application/json'].schema.properties.identity, 'body schema from zod');
  assert.ok(spec.paths['/api/patients/search'].post);
  assert.deepEqual(spec.paths['/api/auth/login'].post.security, [], 'public routes need no session');
  assert.equal(spec.paths['/api/patients/search'].post.security, undefined, 'the rest use the staff session scheme');
  const docs = await t.app.inject({ method: 'GET', url: '/docs' });
  assert.ok([200, 302].includes(docs.statusCode));
});

test('unknown routes and malformed JSON get clear errors with a request id', async () => {
  const none = await t.app.inject({ method: 'GET', url: '/api/nope' });
  assert.equal(none.statusCode, 404);
  assert.equal(none.json().error, 'not_found');
  assert.ok(none.json().requestId);
  const bad = await t.app.inject({
    method: 'POST',
    url: '/api/auth/login',
    headers: { 'content-type': 'application/json' },
    payload: '{"clinic":',
  });
  assert.equal(bad.statusCode, 400);
  assert.ok(bad.json().requestId);
  const missing = await t.app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { clinic: 'x', email: 'a@b.c' },
  });
  assert.equal(missing.statusCode, 400);
  assert.equal(missing.json().field, 'password');
});

test('production refuses to start without secrets; the demo generates its own', () => {
  assert.throws(
    () =>
      parseConfig({ NODE_ENV: 'production' }, () => {
        throw new Error('must not be asked');
      }),
    (e: unknown) =>
      e instanceof ConfigError &&
      /SESSION_SECRET, FIELD_ENCRYPTION_KEYS, SEARCH_HASH_KEY, AUDIT_SIGNING_KEY must be set in production/.test(
        (e as Error).message,
      ),
  );
  let asked = 0;
  const demo = parseConfig({ NODE_ENV: 'development' }, () => {
    asked++;
    return {
      SESSION_SECRET: 'x'.repeat(40),
      FIELD_ENCRYPTION_KEYS: `k9:${Buffer.alloc(32, 7).toString('base64')}`,
      SEARCH_HASH_KEY: 'y'.repeat(40),
      AUDIT_SIGNING_KEY: 'z'.repeat(43),
    };
  });
  assert.equal(asked, 1);
  assert.equal(demo.FIELD_ENCRYPTION_ACTIVE_KEY, 'k9');
  assert.deepEqual(demo.generatedSecrets, [
    'SESSION_SECRET',
    'FIELD_ENCRYPTION_KEYS',
    'SEARCH_HASH_KEY',
    'AUDIT_SIGNING_KEY',
  ]);
  assert.throws(
    () =>
      parseConfig({ PORT: 'eighty' }, () => {
        throw new Error();
      }),
    /PORT/,
  );
  assert.throws(
    () =>
      parseConfig(
        { FIELD_ENCRYPTION_KEYS: 'nonsense', SESSION_SECRET: 'x'.repeat(40), SEARCH_HASH_KEY: 'y'.repeat(40) },
        () => {
          throw new Error();
        },
      ),
    /FIELD_ENCRYPTION_KEYS/,
  );
});

test('the logger redacts personal fields', () => {
  let out = '';
  const sink = new Writable({
    write(chunk, _e, cb) {
      out += chunk;
      cb();
    },
  });
  const log = createLogger('info', sink);
  log.info(
    { patient: { firstName: 'Mari', idCode: '37605030299', email: 'm@x.ee' }, password: 'secret123' },
    'registered',
  );
  assert.ok(
    !out.includes('Mari') && !out.includes('37605030299') && !out.includes('m@x.ee') && !out.includes('secret123'),
  );
  assert.match(out, /\[redacted\]/);
});

test('every column of every table is mapped to a data category or declared not personal', async () => {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      if (e.isDirectory()) walk(join(dir, e.name));
      else if (e.name.endsWith('.schema.ts')) files.push(join(dir, e.name));
    }
  };
  walk(join(process.cwd(), 'src'));
  assert.ok(files.length >= 4);
  const classified = new Map<string, ClassifiedTable>();
  const tables = new Map<string, Table>();
  for (const f of files) {
    const mod = (await import(f)) as Record<string, unknown>;
    for (const v of Object.values(mod)) {
      if (is(v, Table)) tables.set(getTableName(v), v);
      else if (v && typeof v === 'object' && 'tableName' in v && 'columns' in v && 'table' in v)
        classified.set((v as ClassifiedTable).tableName, v as ClassifiedTable);
    }
  }
  for (const [name, table] of tables) {
    const c = classified.get(name);
    assert.ok(c, `table ${name} has no classify(...) of its columns`);
    for (const col of Object.values(getTableColumns(table))) {
      assert.ok(col.name in c.columns, `column ${name}.${col.name} has no data category (or null for not personal)`);
    }
  }
  // and every table in the database is one of them
  const inDb = await t.database.raw.query<{ table_name: string }>(
    `select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'`,
  );
  for (const r of inDb) assert.ok(tables.has(r.table_name), `database table ${r.table_name} is not in any schema file`);
});

test('the demo gets an operator key so a fresh install can add clinics from the web app; production never does', () => {
  const generated = generateSecrets();
  const demo = parseConfig({ NODE_ENV: 'development', DATA_DIR: '/tmp/unused' }, () => generated);
  assert.equal(demo.OPERATOR_TOKEN, generated.OPERATOR_TOKEN);
  assert.ok((demo.OPERATOR_TOKEN ?? '').length >= 32);
  assert.equal(demo.operatorTokenGenerated, true);
  const given = parseConfig({ NODE_ENV: 'development', OPERATOR_TOKEN: 'o'.repeat(40) }, () => generated);
  assert.equal(given.OPERATOR_TOKEN, 'o'.repeat(40));
  assert.equal(given.operatorTokenGenerated, false);
  const production = parseConfig({ NODE_ENV: 'production', ...generated, OPERATOR_TOKEN: undefined }, () => {
    throw new Error('production never loads demo secrets');
  });
  assert.equal(production.OPERATOR_TOKEN, undefined);
});
