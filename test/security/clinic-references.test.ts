/**
 * Finding 8 of issue 12: a row of one clinic must not be able to point at another clinic's row.
 * Each reference is tried directly in SQL, past the services: a row of clinic A is made to name a
 * row of clinic B, and the database must refuse it (composite keys that include clinic_id).
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { sql } from 'drizzle-orm';
import { createTestApp, type TestApp } from '../harness';

/** [table, column, referenced table]: every cross-table reference the database keys. */
const REFERENCES: [string, string, string][] = [
  ['care_assignments', 'patient_id', 'patients'],
  ['care_assignments', 'staff_user_id', 'staff_users'],
  ['patient_representatives', 'patient_id', 'patients'],
  ['patient_bill_payers', 'patient_id', 'patients'],
  ['patient_versions', 'patient_id', 'patients'],
  ['consent_events', 'patient_id', 'patients'],
  ['consent_events', 'representative_id', 'patient_representatives'],
  ['portal_login_links', 'patient_id', 'patients'],
  ['portal_sessions', 'patient_id', 'patients'],
  ['sessions', 'user_id', 'staff_users'],
  ['professionals', 'staff_user_id', 'staff_users'],
  ['rooms', 'location_id', 'locations'],
  ['work_schedules', 'professional_id', 'professionals'],
  ['work_schedules', 'location_id', 'locations'],
  ['work_schedules', 'room_id', 'rooms'],
  ['schedule_exceptions', 'professional_id', 'professionals'],
  ['schedule_exceptions', 'location_id', 'locations'],
  ['queue_entries', 'patient_id', 'patients'],
  ['queue_entries', 'service_id', 'visit_services'],
  ['queue_entries', 'professional_id', 'professionals'],
  ['queue_entries', 'location_id', 'locations'],
  ['queue_entries', 'room_id', 'rooms'],
  ['queue_entries', 'booking_request_id', 'booking_requests'],
  ['queue_entry_changes', 'entry_id', 'queue_entries'],
  ['queue_entry_changes', 'previous_professional_id', 'professionals'],
  ['queue_entry_changes', 'new_professional_id', 'professionals'],
  ['booking_requests', 'service_id', 'visit_services'],
  ['booking_requests', 'professional_id', 'professionals'],
  ['booking_requests', 'queue_entry_id', 'queue_entries'],
  ['booking_requests', 'patient_id', 'patients'],
  ['rendered_services', 'patient_id', 'patients'],
  ['rendered_services', 'price_item_id', 'price_list_items'],
  ['rendered_services', 'doctor_id', 'staff_users'],
  ['invoice_lines', 'price_item_id', 'price_list_items'],
  ['invoices', 'patient_id', 'patients'],
  ['payments', 'invoice_id', 'invoices'],
  ['debt_notices', 'patient_id', 'patients'],
  ['debt_handovers', 'patient_id', 'patients'],
  ['instalment_requests', 'patient_id', 'patients'],
  ['benefit_used_elsewhere', 'patient_id', 'patients'],
  ['patient_benefit_groups', 'patient_id', 'patients'],
  ['invoice_lines', 'invoice_id', 'invoices'],
  ['invoice_shares', 'invoice_id', 'invoices'],
  ['debt_notices', 'invoice_id', 'invoices'],
];

let t: TestApp;
let clinicA: string;
let clinicB: string;
before(async () => {
  t = await createTestApp();
  const make = (slug: string) =>
    t.services.clinics.create({
      slug,
      name: `Clinic ${slug}`,
      country: 'EE',
      registryCode: '10000000',
      addresses: [{ street: 'Ravi 7', city: 'Tallinn', postalCode: '10134', country: 'EE' }],
      contacts: { email: `info@${slug}.example`, phone: '+3726000001' },
    });
  clinicA = (await make('fk-a')).id;
  clinicB = (await make('fk-b')).id;
});
after(() => t.close());

type Column = {
  column_name: string;
  is_nullable: string;
  column_default: string | null;
  data_type: string;
  udt_name: string;
};

/** A literal for a NOT NULL column without a default, by type. */
function filler(c: Column): string {
  if (c.data_type === 'ARRAY') return `'{}'`;
  switch (c.udt_name) {
    case 'uuid':
      return 'gen_random_uuid()';
    case 'int2':
      return '(random() * 30000)::int2';
    case 'int4':
    case 'int8':
    case 'numeric':
      return '(random() * 1e9)::int';
    case 'bool':
      return 'false';
    case 'timestamptz':
    case 'timestamp':
      return 'now()';
    case 'date':
      return 'current_date';
    case 'jsonb':
    case 'json':
      return `'{}'`;
    case 'bytea':
      return `'\\x00'`;
    default:
      return `'x' || substr(md5(random()::text), 1, 8)`;
  }
}

async function columns(table: string): Promise<Column[]> {
  return t.database.raw.query<Column>(
    `select column_name, is_nullable, column_default, data_type, udt_name from information_schema.columns
      where table_schema = 'public' and table_name = $1 order by ordinal_position`,
    [table],
  );
}

/** An INSERT of a made-up row of `table` with the given values; other required columns filled. */
async function insertRow(table: string, values: Record<string, string>): Promise<string> {
  const cols = await columns(table);
  const names: string[] = [];
  const exprs: string[] = [];
  for (const c of cols) {
    if (c.column_name in values) {
      names.push(c.column_name);
      exprs.push(values[c.column_name]!);
    } else if (c.is_nullable === 'NO' && c.column_default === null) {
      names.push(c.column_name);
      exprs.push(filler(c));
    }
  }
  return `insert into "${table}" (${names.map((n) => `"${n}"`).join(', ')}) values (${exprs.join(', ')})`;
}

const uuid = () => crypto.randomUUID();

/** The database error under drizzle's wrapper. */
function pgError(err: unknown): { code?: string; constraint?: string; message?: string } {
  const e = err as { cause?: unknown; code?: string };
  return (e.cause ?? e) as { code?: string; constraint?: string; message?: string };
}

for (const [table, column, referenced] of REFERENCES) {
  test(`${table}.${column} cannot name another clinic's ${referenced}`, async () => {
    const own = uuid();
    const foreign = uuid();
    const row = uuid();
    const hasId = (await columns(table)).some((c) => c.column_name === 'id');
    const values: Record<string, string> = { clinic_id: `'${clinicA}'`, [column]: `'${own}'` };
    if (hasId) values.id = `'${row}'`;
    // (Built before the transaction: PGlite has one connection, held by the transaction.)
    const setup = [
      await insertRow(referenced, { clinic_id: `'${clinicA}'`, id: `'${own}'` }),
      await insertRow(referenced, { clinic_id: `'${clinicB}'`, id: `'${foreign}'` }),
      await insertRow(table, values),
    ];
    // Set-up past every check, as the database's owner (the application's role may not): the referenced row in both clinics, and a row of A naming A's.
    // Committed first: PostgreSQL re-checks every key of a row inserted in the same transaction.
    await t.owner.db.transaction(async (tx) => {
      await tx.execute(sql.raw('set local session_replication_role = replica'));
      for (const statement of setup) await tx.execute(sql.raw(statement));
    });
    let refused: unknown;
    try {
      await t.owner.db.transaction(async (tx) => {
        // Now with every key checked (the append-only triggers aside): point it at B's row.
        await tx.execute(sql.raw(`alter table "${table}" disable trigger user`));
        await tx.execute(
          sql.raw(
            `update "${table}" set "${column}" = '${foreign}' where clinic_id = '${clinicA}' and "${column}" = '${own}'`,
          ),
        );
        throw new Error('accepted');
      });
    } catch (err) {
      refused = err;
    }
    const e = pgError(refused);
    assert.equal(e.code, '23503', `${table}.${column}: ${e.message ?? String(refused)}`);
    assert.equal(e.constraint, `${table}_${column}_clinic_fk`);
  });
}

test("a service's professionals cannot include another clinic's professional", async () => {
  const foreign = uuid();
  const ownProfessional = uuid();
  const setup = [
    await insertRow('professionals', { clinic_id: `'${clinicB}'`, id: `'${foreign}'` }),
    await insertRow('professionals', { clinic_id: `'${clinicA}'`, id: `'${ownProfessional}'` }),
  ];
  await t.owner.db.transaction(async (tx) => {
    await tx.execute(sql.raw('set local session_replication_role = replica'));
    for (const statement of setup) await tx.execute(sql.raw(statement));
  });
  const insert = async (ids: string[]) => {
    const statement = await insertRow('visit_services', {
      clinic_id: `'${clinicA}'`,
      professional_ids: `array[${ids.map((i) => `'${i}'::uuid`).join(',')}]::uuid[]`,
    });
    await t.database.raw.query(statement);
  };
  await insert([ownProfessional]);
  await assert.rejects(insert([ownProfessional, foreign]), (err) => pgError(err).code === '23503');
});

test('every clinic-keyed reference is in the catalogue with clinic_id first', async () => {
  const rows = await t.database.raw.query<{ name: string; def: string }>(
    `select conname as name, pg_get_constraintdef(oid) as def from pg_constraint where contype = 'f' and conname like '%_clinic_fk'`,
  );
  const byName = new Map(rows.map((r) => [r.name, r.def]));
  for (const [table, column, referenced] of REFERENCES) {
    const def = byName.get(`${table}_${column}_clinic_fk`);
    assert.ok(def, `${table}.${column} has no key`);
    assert.match(
      def,
      new RegExp(`^FOREIGN KEY \\(clinic_id, ${column}\\) REFERENCES ${referenced}\\(clinic_id, id\\)`),
    );
  }
});
