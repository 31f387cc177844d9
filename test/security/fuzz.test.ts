/**
 * The fuzz test of issue 12, kept: every write route in /openapi.json gets generated bad input
 * (property-based, fast-check). No answer may be a 5xx, and no input carrying a NUL, a lone
 * surrogate or an impossible date may be accepted. Bounded in time (FUZZ_SECONDS, default 45)
 * so it runs in CI on both databases.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import fc from 'fast-check';
import { type Agent, createClinic, createTestApp, patientBody, type TestApp, type TestClinic } from '../harness';

type Schema = {
  type?: string | string[];
  format?: string;
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  enum?: unknown[];
  anyOf?: Schema[];
  oneOf?: Schema[];
  const?: unknown;
  minimum?: number;
};

let t: TestApp;
let c: TestClinic;
let agents: Agent[];
let patientId: string;
const routes: { method: string; path: string; body?: Schema; public: boolean }[] = [];
before(async () => {
  t = await createTestApp();
  c = await createClinic(t, 'fuzz');
  agents = await Promise.all(
    (['admin', 'receptionist', 'doctor', 'accountant', 'dpo'] as const).map((who) => c.as(who)),
  );
  const p = await agents[1]!.post('/api/patients', patientBody());
  patientId = p.body.patient.id;
  const spec = (await t.app.inject({ method: 'GET', url: '/openapi.json' })).json();
  for (const [path, ops] of Object.entries<Record<string, any>>(spec.paths)) {
    for (const [method, op] of Object.entries<any>(ops)) {
      if (!['post', 'put', 'patch', 'delete'].includes(method)) continue;
      // Logging out would end the agents' sessions for every later route.
      if (path.startsWith('/internal') || path.endsWith('/logout')) continue;
      routes.push({
        method: method.toUpperCase(),
        path,
        body: op.requestBody?.content?.['application/json']?.schema,
        public: Array.isArray(op.security) && op.security.length === 0,
      });
    }
  }
});
after(() => t.close());

/** A plausible value for a schema: the fuzz mutates one part of it. */
function sample(s: Schema | undefined, depth = 0): unknown {
  if (!s || depth > 6) return null;
  if (s.const !== undefined) return s.const;
  if (s.enum) return s.enum[0];
  const alt = s.anyOf ?? s.oneOf;
  if (alt) return sample(alt.find((a) => a.type !== 'null') ?? alt[0], depth + 1);
  const type = Array.isArray(s.type) ? s.type.find((x) => x !== 'null') : s.type;
  switch (type) {
    case 'object': {
      const o: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(s.properties ?? {})) o[k] = sample(v, depth + 1);
      return o;
    }
    case 'array':
      return [sample(s.items, depth + 1)];
    case 'integer':
    case 'number':
      return Math.max(1, s.minimum ?? 1);
    case 'boolean':
      return true;
    case 'string':
      if (s.format === 'uuid') return patientId;
      if (s.format === 'date') return '2024-03-04';
      if (s.format === 'date-time') return '2024-03-04T10:00:00+02:00';
      if (s.format === 'email') return 'fuzz@example.org';
      return 'fuzzing text';
    default:
      return 'x';
  }
}

/** Inputs that must never be accepted, wherever they go. */
const POISON = ['a\u0000b', 'a\ud800b', '\udfff', '0000-01-01', '0000-01-01T00:00:00Z', '9999-12-31'];
const mustRefuse = (v: unknown) => typeof v === 'string' && POISON.slice(0, 5).includes(v);

const junk = fc.oneof(
  fc.constantFrom(...POISON),
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 20 }),
  fc.integer(),
  fc.double(),
  fc.constantFrom(null, true, [], {}, -1, 2 ** 53, '', ' ', '1e400', 'NaN', '../../etc/passwd', "'; drop table x; --"),
);

/** A path segment; a lone surrogate goes as the bytes of one (not valid UTF-8), as a client could send. */
function pathSegment(v: string): string {
  try {
    return encodeURIComponent(v);
  } catch {
    return v.replace(/[\ud800-\udfff]/g, '%ED%A0%80').replace(/[^\w%.-]/g, (ch) => encodeURIComponent(ch));
  }
}

/** Paths to every leaf of an object, so one leaf can be replaced. */
function leaves(v: unknown, path: string[] = []): string[][] {
  if (v && typeof v === 'object') {
    const entries = Array.isArray(v) ? v.map((x, i) => [String(i), x] as const) : Object.entries(v);
    const out = entries.flatMap(([k, x]) => leaves(x, [...path, k]));
    return out.length ? out : [path];
  }
  return [path];
}

function replaced(v: unknown, path: string[], value: unknown): unknown {
  if (path.length === 0) return value;
  const copy: any = Array.isArray(v) ? [...(v as unknown[])] : { ...(v as object) };
  copy[path[0]!] = replaced(copy[path[0]!], path.slice(1), value);
  return copy;
}

test('no write route answers a 5xx or accepts an invalid value', async () => {
  const deadline = Date.now() + Number(process.env.FUZZ_SECONDS ?? 45) * 1000;
  assert.ok(routes.length > 30, `write routes found: ${routes.length}`);
  const failures: string[] = [];
  let requests = 0;
  const perRoute = Math.max(3, Math.floor(600 / routes.length));
  for (const route of routes) {
    if (Date.now() > deadline) break;
    const base = sample(route.body);
    const spots = leaves(base);
    await fc.assert(
      fc.asyncProperty(
        fc.nat({ max: 4 }),
        fc.nat({ max: Math.max(0, spots.length - 1) }),
        junk,
        fc.oneof(fc.constant(patientId), fc.uuid(), fc.constantFrom(...POISON), fc.string({ maxLength: 10 })),
        fc.boolean(),
        async (who, spot, value, param, wholeBody) => {
          const url = route.path.replace(/\{[^}]+\}/g, () => pathSegment(String(param)));
          const body = wholeBody && who === 0 ? value : replaced(base, spots[spot] ?? [], value);
          const agent = agents[who]!;
          const r = route.public
            ? await t.app.inject({ method: route.method as 'POST', url, payload: body as never })
            : await agent.request(route.method, url, body);
          requests++;
          const status = 'statusCode' in r ? r.statusCode : r.status;
          const answer = 'statusCode' in r ? r.body : JSON.stringify(r.body);
          const what = `${route.method} ${route.path} ${JSON.stringify(body)?.slice(0, 200)} param=${JSON.stringify(param)}`;
          if (status >= 500) failures.push(`${status} ${what}: ${String(answer).slice(0, 200)}`);
          else if (status < 300 && (mustRefuse(value) || (route.path.includes('{') && mustRefuse(param))) && !wholeBody)
            failures.push(`accepted ${JSON.stringify(value)} at ${spots[spot]?.join('.')}: ${what}`);
          return true;
        },
      ),
      { numRuns: perRoute, seed: Number(process.env.FUZZ_SEED ?? 1226) },
    );
  }
  assert.deepEqual(failures, [], `${failures.length} of ${requests} requests went wrong`);
});
