/**
 * The framework's floor for `npm run bench -- http`: a minimal Fastify with the same driver and the
 * same SELECTs as Hoidja's endpoints, no session, no access check, no audit. It runs in its own
 * process (like Hoidja's server) and prints its port on standard output.
 * Env: FLOOR_DATABASE_URL (PostgreSQL) or FLOOR_PGLITE_DIR (embedded).
 */
import { PGlite } from '@electric-sql/pglite';
import Fastify from 'fastify';
import pg from 'pg';

type Query = (text: string, params: unknown[]) => Promise<unknown[]>;
let query: Query;
if (process.env.FLOOR_DATABASE_URL) {
  const pool = new pg.Pool({ connectionString: process.env.FLOOR_DATABASE_URL, max: 16 });
  query = async (text, params) => (await pool.query(text, params)).rows;
} else {
  const db = new PGlite(process.env.FLOOR_PGLITE_DIR!);
  query = async (text, params) => (await db.query(text, params)).rows;
}

const app = Fastify({ logger: false });
app.get<{ Params: { clinic: string; id: string } }>('/floor/patients/:clinic/:id', async (req) => {
  const [row] = await query('select * from patients where clinic_id = $1 and id = $2', [
    req.params.clinic,
    req.params.id,
  ]);
  return row ?? {};
});
app.get<{ Params: { clinic: string; prefix: string } }>('/floor/search/:clinic/:prefix', async (req) => {
  const rows = await query(
    `select * from patients where clinic_id = $1 and status = 'active'
       and (last_name_norm like $2 or first_name_norm like $2)
     order by last_name_norm, first_name_norm, id limit 20`,
    [req.params.clinic, `${req.params.prefix}%`],
  );
  return { items: rows };
});
app.get<{ Params: { clinic: string; hash: string } }>('/floor/id-code/:clinic/:hash', async (req) => {
  const rows = await query('select * from patients where clinic_id = $1 and id_code_hash = $2 limit 20', [
    req.params.clinic,
    req.params.hash,
  ]);
  return { items: rows };
});
// Registration: one insert of the same required columns Hoidja writes (no encryption, no duplicate check).
app.post<{ Params: { clinic: string }; Body: { firstName: string; lastName: string; code: string } }>(
  '/floor/patients/:clinic',
  async (req) => {
    const b = req.body;
    const [row] = await query(
      `insert into patients (clinic_id, id, first_name, first_name_norm, last_name, last_name_norm, id_code_hash,
         birth_date, preferred_language, created_at, updated_at)
       values ($1, gen_random_uuid(), $2, lower($2), $3, lower($3), $4, '1980-01-01', 'et', now(), now()) returning id`,
      [req.params.clinic, b.firstName, b.lastName, b.code],
    );
    return row;
  },
);
app.get<{ Params: { clinic: string }; Querystring: { from: string; to: string } }>(
  '/floor/queue/:clinic',
  async (req) => {
    const rows = await query(
      `select q.*, p.first_name, p.last_name from queue_entries q
         join patients p on p.clinic_id = q.clinic_id and p.id = q.patient_id
       where q.clinic_id = $1 and q.starts_at >= $2 and q.starts_at < $3
       order by q.starts_at asc nulls last, q.registered_at limit 200`,
      [req.params.clinic, req.query.from, req.query.to],
    );
    return { items: rows };
  },
);
await app.listen({ port: 0, host: '127.0.0.1' });
process.stdout.write(`${(app.server.address() as { port: number }).port}\n`);
