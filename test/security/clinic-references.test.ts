/**
 * Finding 8 of issue 12: a row of one clinic must not be able to point at another clinic's row.
 * Each reference is tried directly in SQL, past the services: a row of clinic A is made to name a
 * row of clinic B, and the database must refuse it (composite keys that include clinic_id).
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { sql } from 'drizzle-orm';
import { createClinic, createTestApp, type TestApp } from '../harness';

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
  // Migration 0018: the tables added after 0016.
  ['rights_request_events', 'request_id', 'rights_requests'],
  ['complaint_events', 'complaint_id', 'complaints'],
  ['complaints', 'assigned_to', 'staff_users'],
  ['breach_affected', 'breach_id', 'breaches'],
  ['recordings', 'camera_id', 'cameras'],
  ['retention_holds', 'patient_id', 'patients'],
  ['retention_holds', 'recording_id', 'recordings'],
  // Recall and newsletters.
  ['recall_intervals', 'service_id', 'visit_services'],
  ['recall_invitations', 'patient_id', 'patients'],
  ['recall_invitations', 'service_id', 'visit_services'],
  ['recall_invitations', 'consent_event_id', 'consent_events'],
  ['campaign_messages', 'campaign_id', 'campaigns'],
  ['campaign_messages', 'patient_id', 'patients'],
  ['campaign_messages', 'consent_event_id', 'consent_events'],
];

/**
 * References whose row is kept after the referenced row is deleted (a request, complaint, disclosure
 * or breach entry outlives the patient; a hand-over or credit note outlives the invoice): a key would
 * stop the erasure, so a trigger refuses another clinic's row on every write (migration 0018).
 */
const CHECKED: [string, string, string][] = [
  ['rights_requests', 'patient_id', 'patients'],
  ['rights_requests', 'representative_id', 'patient_representatives'],
  ['complaints', 'patient_id', 'patients'],
  ['disclosures', 'patient_id', 'patients'],
  ['breach_affected', 'patient_id', 'patients'],
  ['rendered_services', 'invoice_id', 'invoices'],
  ['invoices', 'credits_invoice_id', 'invoices'],
  ['debt_handovers', 'invoice_id', 'invoices'],
  ['instalment_requests', 'invoice_id', 'invoices'],
  // Migration 0023: whom a portal session signed in as, and the representation it acts through.
  ['portal_sessions', 'self_patient_id', 'patients'],
  ['portal_sessions', 'representative_id', 'patient_representatives'],
];

/**
 * uuid columns that name a row but are neither keyed nor checked, and why. Actor columns (`*_by`,
 * `actor_id`, `by_user_id`) are left out by name: they may name a patient acting in the portal.
 */
const UNKEYED: Record<string, string> = {
  'audit_events.patient_ref': 'the access log outlives everything it names (and is not rewritten)',
  'outbox_jobs.patient_id': 'a message job names its patient only to find it again; the job is kept after',
  'outbox_jobs.subject_id': 'names a row of whichever table the job is about',
  'disclosures.source_id': 'names a row of whichever table the disclosed data came from',
  'rendered_services.visit_id': 'a visit id of the queue or of an outside system (imported services)',
  'invoices.visit_id': 'the visit an invoice is for, as on its rendered services',
};

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

for (const [table, column, referenced] of CHECKED) {
  test(`${table}.${column} cannot name another clinic's ${referenced}, and outlives its own`, async () => {
    const own = uuid();
    const foreign = uuid();
    const setup = [
      await insertRow(referenced, { clinic_id: `'${clinicA}'`, id: `'${own}'` }),
      await insertRow(referenced, { clinic_id: `'${clinicB}'`, id: `'${foreign}'` }),
    ];
    await t.owner.db.transaction(async (tx) => {
      await tx.execute(sql.raw('set local session_replication_role = replica'));
      for (const statement of setup) await tx.execute(sql.raw(statement));
    });
    const trigger = `${table}_${column}_clinic_ref`;
    const row = (ref: string) => insertRow(table, { clinic_id: `'${clinicA}'`, [column]: `'${ref}'` });
    // Every other trigger and key of the table off (its other references, append-only rules): only this one counts.
    const attempt = async (statement: string) =>
      t.owner.db.transaction(async (tx) => {
        await tx.execute(sql.raw(`alter table "${table}" disable trigger all`));
        await tx.execute(sql.raw(`alter table "${table}" enable trigger "${trigger}"`));
        await tx.execute(sql.raw(statement));
        // Committed: every trigger and key on again for the tests after this one.
        await tx.execute(sql.raw(`alter table "${table}" enable trigger all`));
      });
    const [foreignRow, ownRow] = [await row(foreign), await row(own)];
    await assert.rejects(attempt(foreignRow), (err) => {
      const e = pgError(err);
      assert.equal(e.code, '23503', `${table}.${column}: ${e.message}`);
      assert.equal(e.constraint, trigger);
      return true;
    });
    // A row of none passes: a kept row may name what is gone (the services check what they name).
    await attempt(await row(uuid()));
    await attempt(ownRow);
    // The referenced row goes (as retention deletes a patient or an invoice): the row naming it stays,
    // and can still be written to without naming anything new.
    await t.owner.db.transaction(async (tx) => {
      await tx.execute(sql.raw(`alter table "${referenced}" disable trigger user`));
      await tx.execute(sql.raw(`delete from "${referenced}" where clinic_id = '${clinicA}' and id = '${own}'`));
      await tx.execute(sql.raw(`alter table "${referenced}" enable trigger user`));
    });
    await attempt(
      `update "${table}" set "${column}" = "${column}" where clinic_id = '${clinicA}' and "${column}" = '${own}'`,
    );
    await assert.rejects(
      attempt(
        `update "${table}" set "${column}" = '${foreign}' where clinic_id = '${clinicA}' and "${column}" = '${own}'`,
      ),
      (err) => pgError(err).code === '23503',
    );
  });
}

test('every uuid column that names a row is keyed, checked, or said why not', async () => {
  const cols = await t.database.raw.query<{ table_name: string; column_name: string }>(
    `select c.table_name, c.column_name from information_schema.columns c
      where c.table_schema = 'public' and c.udt_name = 'uuid' and c.column_name not in ('clinic_id', 'id')
        and exists (select 1 from information_schema.columns k
                     where k.table_schema = 'public' and k.table_name = c.table_name and k.column_name = 'clinic_id')`,
  );
  const triggers = new Set(
    (await t.database.raw.query<{ name: string }>(`select tgname as name from pg_trigger where not tgisinternal`)).map(
      (r) => r.name,
    ),
  );
  const keyed = new Set(REFERENCES.map(([table, column]) => `${table}.${column}`));
  const unaccounted: string[] = [];
  for (const { table_name: table, column_name: column } of cols) {
    const name = `${table}.${column}`;
    if (/(_by|^actor_id|^by_user_id)$/.test(column)) continue;
    if (keyed.has(name) || name in UNKEYED) continue;
    if (CHECKED.some(([t, c]) => t === table && c === column) && triggers.has(`${table}_${column}_clinic_ref`))
      continue;
    unaccounted.push(name);
  }
  assert.deepEqual(
    unaccounted,
    [],
    'a new reference needs a composite (clinic_id, x) key, a same-clinic trigger, or a reason in UNKEYED',
  );
});

test("a route that stores another clinic's id unchecked answers 400, not 500 (the key refuses it)", async () => {
  // The complaint service does not check whom it assigns to; the composite key of migration 0018 does.
  const a = await createClinic(t, 'fk-api-a');
  const b = await createClinic(t, 'fk-api-b');
  const rec = await a.as('receptionist');
  const c = await rec.post('/api/complaints', {
    channel: 'email',
    receivedOn: '2026-03-09',
    complainantName: 'Mari Tamm',
    contactEmail: 'mari.tamm@example.org',
    circumstances: 'Visit of 2 March: I waited 70 minutes past my booked time without a word from anyone.',
    claim: 'An explanation and that it does not happen again.',
    feedbackWanted: true,
    feedbackChannel: 'email',
  });
  assert.equal(c.status, 201, JSON.stringify(c.body));
  const dpo = await a.as('dpo');
  const foreign = await dpo.post(`/api/complaints/${c.body.id}/assign`, { staffUserId: b.staff.admin.id });
  assert.equal(foreign.status, 400, JSON.stringify(foreign.body));
  assert.equal(foreign.body.error, 'validation_error');
  assert.equal(foreign.body.field, 'assignedTo');
  const own = await dpo.post(`/api/complaints/${c.body.id}/assign`, { staffUserId: a.staff.admin.id });
  assert.equal(own.status, 200, JSON.stringify(own.body));
});
