import type { FastifyRequest } from 'fastify';
import { ValidationError } from '../errors';

/**
 * The one place where every request's strings are checked before any route sees them (finding 6
 * of issue 12): a NUL character or a lone UTF-16 surrogate in a body, a query, a path parameter or
 * a header is refused with 400 naming where it was. PostgreSQL cannot store a NUL in text (the
 * driver's error was a 500) and a lone surrogate is not a character in any encoding.
 */

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function problemOf(s: string): string | null {
  if (s.includes('\u0000')) return 'contains a NUL character';
  if (LONE_SURROGATE.test(s)) return 'contains a lone surrogate (not valid Unicode)';
  return null;
}

const MAX_DEPTH = 64;

/** The first bad string in a parsed value, as [field, reason]. */
export function findMalformedString(value: unknown, path: string, depth = 0): [string, string] | null {
  if (typeof value === 'string') {
    const p = problemOf(value);
    return p ? [path, p] : null;
  }
  if (value === null || typeof value !== 'object' || depth > MAX_DEPTH) return null;
  if (Buffer.isBuffer(value)) return null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findMalformedString(value[i], `${path}.${i}`, depth + 1);
      if (found) return found;
    }
    return null;
  }
  for (const [k, v] of Object.entries(value)) {
    const keyProblem = problemOf(k);
    if (keyProblem) return [path, `a field name ${keyProblem}`];
    const found = findMalformedString(v, `${path}.${k}`, depth + 1);
    if (found) return found;
  }
  return null;
}

/** x-access-reason travels percent-encoded (a reason may have any letters); malformed is a 400. */
export function decodeAccessReason(raw: string): string {
  let decoded: string;
  try {
    decoded = decodeURIComponent(raw);
  } catch {
    throw new ValidationError('headers.x-access-reason', 'malformed percent-encoding (encode with encodeURIComponent)');
  }
  const p = problemOf(decoded);
  if (p) throw new ValidationError('headers.x-access-reason', p);
  return decoded;
}

/** preValidation hook: body, query, params and headers, in that order. */
export async function refuseMalformedInput(req: FastifyRequest): Promise<void> {
  const found =
    findMalformedString(req.body, 'body') ??
    findMalformedString(req.query, 'querystring') ??
    findMalformedString(req.params, 'params') ??
    findMalformedString(req.headers, 'headers');
  if (found) throw new ValidationError(found[0], found[1]);
  const reason = req.headers['x-access-reason'];
  if (typeof reason === 'string') decodeAccessReason(reason);
}
