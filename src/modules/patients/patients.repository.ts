import {
  and,
  asc,
  desc,
  eq,
  getTableColumns,
  ilike,
  inArray,
  isNull,
  like,
  or,
  type SQL,
  sql,
  type Table,
} from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db';
import {
  careAssignments,
  patientBillPayers,
  patientRepresentatives,
  patients,
  patientVersions,
} from './patients.schema';

export type PatientRow = typeof patients.$inferSelect;
export type PatientInsert = typeof patients.$inferInsert;

export interface SearchFilter {
  clinicId: string;
  idCodeHash?: string;
  mobile?: string;
  email?: string;
  nameTerms?: string[];
  /** Only patients assigned to this professional (a doctor without a stated reason). */
  assignedTo?: string;
  includeArchived?: boolean;
  limit: number;
}

/** A row that json_agg returned (column names as stored) in the shape a select of `table` gives. */
function fromJson<T extends Table>(table: T, row: Record<string, unknown>): T['$inferSelect'] {
  const out: Record<string, unknown> = {};
  for (const [key, column] of Object.entries(getTableColumns(table))) {
    const v = row[column.name];
    out[key] = v === null || v === undefined ? null : column.mapFromDriverValue(v);
  }
  return out as T['$inferSelect'];
}

function buildRecordQuery(db: DbOrTx, audit: SQL | null, name: string) {
  // The outer table by name: drizzle leaves a selected column unqualified, which a subquery would take as its own.
  return db
    .select({
      ...getTableColumns(patients),
      reps: sql<
        Record<string, unknown>[]
      >`(select coalesce(json_agg(r order by r.created_at), '[]'::json) from ${patientRepresentatives} r where r.clinic_id = patients.clinic_id and r.patient_id = patients.id)`,
      payers: sql<
        Record<string, unknown>[]
      >`(select coalesce(json_agg(b order by b.created_at), '[]'::json) from ${patientBillPayers} b where b.clinic_id = patients.clinic_id and b.patient_id = patients.id)`,
      team: sql<
        Record<string, unknown>[]
      >`(select coalesce(json_agg(a order by a.since), '[]'::json) from ${careAssignments} a where a.clinic_id = patients.clinic_id and a.patient_id = patients.id and a.until is null)`,
      assigned: sql<boolean>`exists (select 1 from ${careAssignments} a where a.clinic_id = patients.clinic_id and a.patient_id = patients.id and a.staff_user_id = ${sql.placeholder('staffUserId')}::uuid and a.until is null)`,
      // The audit append, evaluated once for the row found: the read and its record in one statement.
      audited: audit ? sql<unknown>`${audit}` : sql<unknown>`null`,
    })
    .from(patients)
    .where(and(eq(patients.clinicId, sql.placeholder('clinicId')), eq(patients.id, sql.placeholder('id'))))
    .prepare(name);
}

const recordQueries = new WeakMap<DbOrTx, Map<SQL | null, ReturnType<typeof buildRecordQuery>>>();
function recordQuery(db: DbOrTx, audit: SQL | null) {
  const byAudit = recordQueries.get(db) ?? new Map<SQL | null, ReturnType<typeof buildRecordQuery>>();
  recordQueries.set(db, byAudit);
  const q = byAudit.get(audit) ?? buildRecordQuery(db, audit, audit ? 'patient_record_audited' : 'patient_record');
  byAudit.set(audit, q);
  return q;
}

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** The only code that touches SQL for patients. */
export function createPatientsRepository() {
  return {
    async insert(db: DbOrTx, row: PatientInsert) {
      await db.insert(patients).values(row);
    },

    async find(db: DbOrTx, clinicId: string, id: string): Promise<PatientRow | undefined> {
      const [row] = await db
        .select()
        .from(patients)
        .where(and(eq(patients.clinicId, clinicId), eq(patients.id, id)));
      return row;
    },

    async findForUpdate(db: DbOrTx, clinicId: string, id: string): Promise<PatientRow | undefined> {
      const [row] = await db
        .select()
        .from(patients)
        .where(and(eq(patients.clinicId, clinicId), eq(patients.id, id)))
        .for('update');
      return row;
    },

    /**
     * The record page's read in one statement: the patient, their representatives, bill payers and
     * current care team, and whether `staffUserId` is on it (the need-to-know decision needs it).
     * Built once per database handle and audit form and then only executed (drizzle's query
     * building was a sixth of a read's CPU); on PostgreSQL a named statement, parsed once per connection.
     */
    async record(
      db: DbOrTx,
      clinicId: string,
      id: string,
      staffUserId: string | null,
      alsoAudit: { call: SQL; values: { auditClinic: string; auditEvents: string } } | null = null,
    ) {
      const [row] = await recordQuery(db, alsoAudit?.call ?? null).execute({
        clinicId,
        id,
        staffUserId,
        ...(alsoAudit?.values ?? {}),
      });
      if (!row) return undefined;
      const { reps, payers, team, assigned, audited: _audited, ...patient } = row;
      return {
        patient: patient as PatientRow,
        representatives: reps.map((r) => fromJson(patientRepresentatives, r)),
        billPayers: payers.map((b) => fromJson(patientBillPayers, b)),
        careTeam: team.map((a) => fromJson(careAssignments, a)),
        assigned,
      };
    },

    async update(db: DbOrTx, clinicId: string, id: string, set: Partial<PatientInsert>) {
      await db
        .update(patients)
        .set(set)
        .where(and(eq(patients.clinicId, clinicId), eq(patients.id, id)));
    },

    async search(db: DbOrTx, f: SearchFilter): Promise<PatientRow[]> {
      const where: SQL[] = [eq(patients.clinicId, f.clinicId)];
      if (!f.includeArchived) where.push(eq(patients.status, 'active'));
      if (f.idCodeHash) where.push(eq(patients.idCodeHash, f.idCodeHash));
      if (f.mobile) where.push(eq(patients.mobile, f.mobile));
      if (f.email) where.push(ilike(patients.email, escapeLike(f.email)));
      for (const term of f.nameTerms ?? []) {
        const p = `${escapeLike(term)}%`;
        where.push(or(like(patients.lastNameNorm, p), like(patients.firstNameNorm, p))!);
      }
      if (f.assignedTo) {
        where.push(
          sql`exists (select 1 from ${careAssignments} ca where ca.clinic_id = patients.clinic_id and ca.patient_id = patients.id and ca.staff_user_id = ${f.assignedTo} and ca.until is null)`,
        );
      }
      return db
        .select()
        .from(patients)
        .where(and(...where))
        .orderBy(asc(patients.lastNameNorm), asc(patients.firstNameNorm), asc(patients.id))
        .limit(f.limit);
    },

    async isAssigned(db: DbOrTx, clinicId: string, patientId: string, staffUserId: string): Promise<boolean> {
      const rows = await db
        .select({ p: careAssignments.patientId })
        .from(careAssignments)
        .where(
          and(
            eq(careAssignments.clinicId, clinicId),
            eq(careAssignments.patientId, patientId),
            eq(careAssignments.staffUserId, staffUserId),
            isNull(careAssignments.until),
          ),
        );
      return rows.length > 0;
    },

    async assign(db: DbOrTx, clinicId: string, patientId: string, staffUserId: string, since: Date) {
      await db
        .insert(careAssignments)
        .values({ clinicId, patientId, staffUserId, since })
        .onConflictDoUpdate({
          target: [careAssignments.clinicId, careAssignments.patientId, careAssignments.staffUserId],
          set: { until: null },
        });
    },

    async unassign(db: DbOrTx, clinicId: string, patientId: string, staffUserId: string, until: Date) {
      await db
        .update(careAssignments)
        .set({ until })
        .where(
          and(
            eq(careAssignments.clinicId, clinicId),
            eq(careAssignments.patientId, patientId),
            eq(careAssignments.staffUserId, staffUserId),
          ),
        );
    },

    async insertVersion(db: DbOrTx, row: typeof patientVersions.$inferInsert) {
      await db.insert(patientVersions).values(row);
    },

    async versions(db: DbOrTx, clinicId: string, patientId: string) {
      return db
        .select()
        .from(patientVersions)
        .where(and(eq(patientVersions.clinicId, clinicId), eq(patientVersions.patientId, patientId)))
        .orderBy(desc(patientVersions.version));
    },

    async insertRepresentative(db: DbOrTx, row: typeof patientRepresentatives.$inferInsert) {
      await db.insert(patientRepresentatives).values(row);
    },

    async representatives(db: DbOrTx, clinicId: string, patientIds: string[]) {
      if (patientIds.length === 0) return [];
      return db
        .select()
        .from(patientRepresentatives)
        .where(
          and(eq(patientRepresentatives.clinicId, clinicId), inArray(patientRepresentatives.patientId, patientIds)),
        )
        .orderBy(asc(patientRepresentatives.createdAt));
    },

    async endRepresentative(db: DbOrTx, clinicId: string, patientId: string, id: string, at: Date): Promise<boolean> {
      const r = await db
        .update(patientRepresentatives)
        .set({ endedAt: at })
        .where(
          and(
            eq(patientRepresentatives.clinicId, clinicId),
            eq(patientRepresentatives.patientId, patientId),
            eq(patientRepresentatives.id, id),
            isNull(patientRepresentatives.endedAt),
          ),
        )
        .returning({ id: patientRepresentatives.id });
      return r.length > 0;
    },

    async insertBillPayer(db: DbOrTx, row: typeof patientBillPayers.$inferInsert) {
      await db.insert(patientBillPayers).values(row);
    },

    async billPayers(db: DbOrTx, clinicId: string, patientId: string) {
      return db
        .select()
        .from(patientBillPayers)
        .where(and(eq(patientBillPayers.clinicId, clinicId), eq(patientBillPayers.patientId, patientId)))
        .orderBy(asc(patientBillPayers.createdAt));
    },

    async endBillPayer(db: DbOrTx, clinicId: string, patientId: string, id: string, at: Date): Promise<boolean> {
      const r = await db
        .update(patientBillPayers)
        .set({ endedAt: at })
        .where(
          and(
            eq(patientBillPayers.clinicId, clinicId),
            eq(patientBillPayers.patientId, patientId),
            eq(patientBillPayers.id, id),
            isNull(patientBillPayers.endedAt),
          ),
        )
        .returning({ id: patientBillPayers.id });
      return r.length > 0;
    },

    /** How many patients the clinic has (the demo generator numbers its invented people after them). */
    async count(db: DbOrTx, clinicId: string): Promise<number> {
      const [row] = await db.select({ n: sql<string>`count(*)` }).from(patients).where(eq(patients.clinicId, clinicId));
      return Number(row?.n ?? 0);
    },

    /** Active patients with an e-mail address whose processing is not restricted: who gets a letter. */
    async reachableByEmail(db: DbOrTx, clinicId: string): Promise<string[]> {
      const rows = await db
        .select({ id: patients.id })
        .from(patients)
        .where(
          and(
            eq(patients.clinicId, clinicId),
            eq(patients.status, 'active'),
            sql`${patients.email} is not null`,
            eq(patients.processingRestricted, false),
          ),
        );
      return rows.map((r) => r.id);
    },

    /**
     * Bulk insert for the demo generator: the whole batch travels as one JSON parameter
     * (json_to_recordset) instead of one parameter per value, so 100 000 patients take seconds.
     */
    async insertMany(db: DbOrTx, rows: PatientInsert[]) {
      if (rows.length === 0) return;
      const cols = [
        'clinicId',
        'id',
        'firstName',
        'lastName',
        'firstNameNorm',
        'lastNameNorm',
        'idCountry',
        'idCodeEnc',
        'idCodeHash',
        'birthDate',
        'sex',
        'mobile',
        'email',
        'preferredLanguage',
        'insuranceEnc',
        'createdAt',
        'updatedAt',
      ] as const;
      const types: Partial<Record<(typeof cols)[number], string>> = {
        clinicId: 'uuid',
        id: 'uuid',
        birthDate: 'date',
        createdAt: 'timestamptz',
        updatedAt: 'timestamptz',
      };
      const columns = getTableColumns(patients);
      const names = cols.map((c) => columns[c].name);
      const record = sql.raw(cols.map((c, i) => `${names[i]} ${types[c] ?? 'text'}`).join(', '));
      const json = JSON.stringify(rows.map((r) => Object.fromEntries(cols.map((c, i) => [names[i], r[c] ?? null]))));
      await db.execute(
        sql`insert into ${patients} (${sql.raw(names.join(', '))}) select * from json_to_recordset(${json}::json) as x(${record})`,
      );
    },
  };
}

export type PatientsRepository = ReturnType<typeof createPatientsRepository>;
