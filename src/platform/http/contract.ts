import { z } from 'zod';

/**
 * Building blocks of the HTTP contract. Every route declares its 2xx answers with these and the
 * module's own `*.output.ts` schemas; the serializer sends only what a schema names.
 */

/** A record's id as sent: any 8-4-4-4-12 hex id (what the database holds, whichever UUID version). */
export const recordId = z.guid();

/** The answer of a command that has nothing else to say. */
export const ok = z.object({ ok: z.boolean() });

/** A list answer: `{ items: [...] }`. */
export const itemsOf = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item) });

/** A timestamp: a Date from the database is sent as an ISO string (the OpenAPI document says date-time). */
export const instant = z.date();

/** A text body that is not JSON (HTML page, YAML, CSV), declared with its content type. */
export const textBody = (contentType: string, description: string) => ({
  description,
  content: { [contentType]: { schema: z.string() } },
});

const bytes = z.custom<Buffer>((v) => Buffer.isBuffer(v)).meta({ type: 'string', format: 'binary' });

/** A binary body (PDF), declared with its content type. */
export const binaryBody = (contentType: string, description: string) => ({
  description,
  content: { [contentType]: { schema: bytes } },
});

/** `/health`: liveness, which database, and how far it is migrated. */
export const healthOutput = z.object({
  status: z.string(),
  database: z.enum(['pglite', 'postgres']),
  migrations: z.object({ applied: z.number().int(), latest: z.string() }),
});
