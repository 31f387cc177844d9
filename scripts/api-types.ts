/**
 * `npm run api:types`: builds the app on an in-memory PGlite, reads its OpenAPI document and writes
 * the web app's API types (web/src/shell/api-types.ts) from it, so the browser is typed from the same
 * zod schemas the server validates and serializes with. A test fails when the committed file is stale.
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { buildApp } from '../src/app';
import { systemClock } from '../src/platform/clock';
import { parseConfig } from '../src/platform/config';
import { createFieldCipher } from '../src/platform/crypto';
import { openDatabase } from '../src/platform/db';
import { createLogger } from '../src/platform/logger';
import { generateSecrets } from '../src/platform/secrets';

export const apiTypesFile = fileURLToPath(new URL('../web/src/shell/api-types.ts', import.meta.url));

interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  nullable?: boolean;
  format?: string;
  description?: string;
}
interface Operation {
  parameters?: { in: 'path' | 'query' | 'header'; name: string; required?: boolean; schema: JsonSchema }[];
  requestBody?: { required?: boolean; content: Record<string, { schema: JsonSchema }> };
  responses?: Record<string, { content?: Record<string, { schema: JsonSchema }> }>;
}
export interface OpenApiDocument {
  openapi: string;
  paths: Record<string, Record<string, Operation>>;
}

/** The OpenAPI document of the whole app, as `/openapi.json` serves it. */
export async function openApiDocument(): Promise<OpenApiDocument> {
  const secrets = generateSecrets();
  const config = parseConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', ...secrets }, () => secrets);
  const database = await openDatabase({});
  const cipher = createFieldCipher(
    config.FIELD_ENCRYPTION_KEYS,
    config.FIELD_ENCRYPTION_ACTIVE_KEY,
    config.SEARCH_HASH_KEY,
  );
  const { app } = await buildApp({ config, database, clock: systemClock, logger: createLogger('silent'), cipher });
  try {
    await app.ready();
    return (await app.inject({ method: 'GET', url: '/openapi.json' })).json();
  } finally {
    await app.close();
    await database.close();
  }
}

const literal = (v: unknown) => JSON.stringify(v);
const key = (k: string) => (/^[A-Za-z_$][\w$]*$/.test(k) ? k : literal(k));

/** A TypeScript type for a JSON schema as zod writes them (OpenAPI 3.0 dialect). */
function typeOf(s: JsonSchema | undefined): string {
  if (!s || Object.keys(s).length === 0) return 'unknown';
  const t = baseType(s);
  return s.nullable ? `${t} | null` : t;
}

function baseType(s: JsonSchema): string {
  if (s.const !== undefined) return literal(s.const);
  if (s.enum) return s.enum.map(literal).join(' | ');
  const union = s.anyOf ?? s.oneOf;
  if (union) return union.map((u) => `(${typeOf(u)})`).join(' | ');
  if (s.allOf) return s.allOf.map((u) => `(${typeOf(u)})`).join(' & ');
  switch (s.type) {
    case 'string':
      return s.format === 'binary' ? 'Blob' : 'string';
    case 'number':
    case 'integer':
      return 'number';
    case 'boolean':
      return 'boolean';
    case 'null':
      return 'null';
    case 'array':
      return `Array<${typeOf(s.items)}>`;
    case 'object':
      return objectType(s);
    default:
      return s.properties ? objectType(s) : 'unknown';
  }
}

function objectType(s: JsonSchema): string {
  const required = new Set(s.required ?? []);
  const fields = Object.entries(s.properties ?? {}).map(([k, v]) => {
    const doc = v.description ? `/** ${v.description.replace(/\*\//g, '* /')} */ ` : '';
    return `${doc}${key(k)}${required.has(k) ? '' : '?'}: ${typeOf(v)};`;
  });
  const extra = s.additionalProperties;
  if (extra && typeof extra === 'object') fields.push(`[key: string]: ${typeOf(extra)};`);
  else if (extra === undefined && fields.length === 0) fields.push('[key: string]: unknown;');
  return `{ ${fields.join(' ')} }`;
}

function paramsType(op: Operation, where: 'path' | 'query'): string | null {
  const ps = (op.parameters ?? []).filter((p) => p.in === where);
  if (ps.length === 0) return null;
  return `{ ${ps.map((p) => `${key(p.name)}${p.required ? '' : '?'}: ${typeOf(p.schema)};`).join(' ')} }`;
}

function contentType(content: Record<string, { schema: JsonSchema }> | undefined): string | null {
  if (!content) return null;
  const json = content['application/json'];
  if (json) return typeOf(json.schema);
  const binary = Object.values(content).some((c) => c.schema?.format === 'binary');
  return binary ? 'Blob' : 'string';
}

/** The source of web/src/shell/api-types.ts (before formatting). */
export function renderApiTypes(doc: OpenApiDocument): string {
  const ops: string[] = [];
  for (const path of Object.keys(doc.paths).sort()) {
    if (!path.startsWith('/api/')) continue;
    for (const [method, op] of Object.entries(doc.paths[path]!)) {
      const parts: string[] = [];
      const pathParams = paramsType(op, 'path');
      if (pathParams) parts.push(`path: ${pathParams};`);
      const query = paramsType(op, 'query');
      const queryNeeded = (op.parameters ?? []).some((p) => p.in === 'query' && p.required);
      if (query) parts.push(`query${queryNeeded ? '' : '?'}: ${query};`);
      const body = contentType(op.requestBody?.content);
      if (body) parts.push(`body${op.requestBody?.required ? '' : '?'}: ${body};`);
      const ok = Object.entries(op.responses ?? {}).find(([status]) => /^2\d\d$/.test(status));
      parts.push(`response: ${ok ? (contentType(ok[1].content) ?? 'null') : 'null'};`);
      ops.push(`${literal(`${method.toUpperCase()} ${path}`)}: { ${parts.join(' ')} };`);
    }
  }
  return [
    "// Generated by `npm run api:types` from the server's OpenAPI document (the routes' zod schemas): do not edit.",
    '',
    '/** Every API operation: "METHOD /path" with its path and query parameters, its body and its 2xx answer. */',
    `export interface Operations { ${ops.join('\n')} }`,
    '',
  ].join('\n');
}

/** Formats like the rest of the repository (biome.json), so the committed file passes `biome check`. */
export function formatted(source: string): string {
  return execFileSync('npx', ['biome', 'format', `--stdin-file-path=${apiTypesFile}`], {
    input: source,
    encoding: 'utf8',
  });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const doc = await openApiDocument();
  writeFileSync(apiTypesFile, formatted(renderApiTypes(doc)));
  console.log(`wrote ${apiTypesFile}`);
}
