import { and, asc, desc, eq, gte, inArray, isNull, lte, or, type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../platform/db';
import {
  debtHandovers,
  debtNotices,
  instalmentRequests,
  invoiceCounters,
  invoiceLines,
  invoiceShares,
  invoices,
  payments,
} from './billing.schema';
import { benefitUsedElsewhere, patientBenefitGroups, priceListItems, renderedServices } from './billing-charges.schema';

export type PriceItemRow = typeof priceListItems.$inferSelect;
export type InvoiceRow = typeof invoices.$inferSelect;
export type InvoiceLineRow = typeof invoiceLines.$inferSelect;
export type InvoiceShareRow = typeof invoiceShares.$inferSelect;
export type PaymentRow = typeof payments.$inferSelect;
export type GroupEvidenceRow = typeof patientBenefitGroups.$inferSelect;

const inForce = (on: string) =>
  and(lte(priceListItems.validFrom, on), or(isNull(priceListItems.validTo), gte(priceListItems.validTo, on)))!;

/** Rows of db.execute on either driver (both return { rows }). */
function rowsOf<T>(result: unknown): T[] {
  return (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as T[];
}

/** The only code that touches SQL for billing. Every query is scoped by clinic_id first. */
export function createBillingRepository() {
  return {
    // ---- price list
    async insertPriceItem(db: DbOrTx, row: typeof priceListItems.$inferInsert) {
      await db.insert(priceListItems).values(row);
    },
    async priceList(db: DbOrTx, clinicId: string, on?: string): Promise<PriceItemRow[]> {
      const where: SQL[] = [eq(priceListItems.clinicId, clinicId)];
      if (on) where.push(inForce(on));
      return db
        .select()
        .from(priceListItems)
        .where(and(...where))
        .orderBy(asc(priceListItems.code), desc(priceListItems.validFrom));
    },
    async priceItem(db: DbOrTx, clinicId: string, id: string): Promise<PriceItemRow | undefined> {
      const [row] = await db
        .select()
        .from(priceListItems)
        .where(and(eq(priceListItems.clinicId, clinicId), eq(priceListItems.id, id)));
      return row;
    },
    async priceItemByCode(db: DbOrTx, clinicId: string, code: string, on: string): Promise<PriceItemRow | undefined> {
      const [row] = await db
        .select()
        .from(priceListItems)
        .where(and(eq(priceListItems.clinicId, clinicId), eq(priceListItems.code, code), inForce(on)))
        .orderBy(desc(priceListItems.validFrom))
        .limit(1);
      return row;
    },
    async endPriceItem(db: DbOrTx, clinicId: string, id: string, validTo: string) {
      await db
        .update(priceListItems)
        .set({ validTo })
        .where(and(eq(priceListItems.clinicId, clinicId), eq(priceListItems.id, id)));
    },

    // ---- benefit groups and benefit used
    async insertGroupEvidence(db: DbOrTx, row: typeof patientBenefitGroups.$inferInsert) {
      await db.insert(patientBenefitGroups).values(row);
    },
    async groupEvidence(db: DbOrTx, clinicId: string, patientId: string): Promise<GroupEvidenceRow[]> {
      return db
        .select()
        .from(patientBenefitGroups)
        .where(
          and(
            eq(patientBenefitGroups.clinicId, clinicId),
            eq(patientBenefitGroups.patientId, patientId),
            isNull(patientBenefitGroups.endedAt),
          ),
        )
        .orderBy(asc(patientBenefitGroups.validFrom));
    },
    async insertUsedElsewhere(db: DbOrTx, row: typeof benefitUsedElsewhere.$inferInsert) {
      await db.insert(benefitUsedElsewhere).values(row);
    },
    /** The latest confirmation of the year (a running total from the patient or the state portal). */
    async usedElsewhere(db: DbOrTx, clinicId: string, patientId: string, year: number): Promise<number> {
      const [row] = await db
        .select({ amount: benefitUsedElsewhere.amountCents })
        .from(benefitUsedElsewhere)
        .where(
          and(
            eq(benefitUsedElsewhere.clinicId, clinicId),
            eq(benefitUsedElsewhere.patientId, patientId),
            eq(benefitUsedElsewhere.year, year),
          ),
        )
        .orderBy(desc(benefitUsedElsewhere.confirmedOn), desc(benefitUsedElsewhere.recordedAt))
        .limit(1);
      return row?.amount ?? 0;
    },
    /**
     * Yearly benefit used here: invoices minus their credit notes, counted in the year of the
     * invoice (a January credit note gives back last year's benefit, not this year's). Children's
     * free care has no ceiling and is left out.
     */
    async usedHere(db: DbOrTx, clinicId: string, patientId: string, year: number): Promise<number> {
      const result = await db.execute(sql`
        select coalesce(sum(l.benefit_cents), 0)::text as sum
          from ${invoices} i
          join ${invoiceLines} l on l.clinic_id = i.clinic_id and l.invoice_id = i.id and l.kind <> 'prosthesis'
          left join ${invoices} o on o.clinic_id = i.clinic_id and o.id = i.credits_invoice_id
         where i.clinic_id = ${clinicId} and i.patient_id = ${patientId} and i.benefit_group <> 'child'
           and coalesce(o.invoice_date, i.invoice_date) between ${`${year}-01-01`} and ${`${year}-12-31`}`);
      return Number(rowsOf<{ sum: string }>(result)[0]?.sum ?? 0);
    },
    /** Prosthesis benefits paid here, per invoice date (credit notes counted on their invoice's date). */
    async prosthesisHistory(
      db: DbOrTx,
      clinicId: string,
      patientId: string,
    ): Promise<{ date: string; benefitCents: number }[]> {
      const result = await db.execute(sql`
        select to_char(coalesce(o.invoice_date, i.invoice_date), 'YYYY-MM-DD') as date, sum(l.benefit_cents)::text as benefit
          from ${invoices} i
          join ${invoiceLines} l on l.clinic_id = i.clinic_id and l.invoice_id = i.id and l.kind = 'prosthesis'
          left join ${invoices} o on o.clinic_id = i.clinic_id and o.id = i.credits_invoice_id
         where i.clinic_id = ${clinicId} and i.patient_id = ${patientId}
         group by 1 order by 1`);
      return rowsOf<{ date: string; benefit: string }>(result).map((r) => ({
        date: r.date,
        benefitCents: Number(r.benefit),
      }));
    },

    // ---- services recorded at a visit
    async insertRenderedServices(db: DbOrTx, rows: (typeof renderedServices.$inferInsert)[]) {
      if (rows.length) await db.insert(renderedServices).values(rows);
    },
    async renderedServices(db: DbOrTx, clinicId: string, visitId: string) {
      return db
        .select({ service: renderedServices, item: priceListItems })
        .from(renderedServices)
        .innerJoin(
          priceListItems,
          and(
            eq(priceListItems.clinicId, renderedServices.clinicId),
            eq(priceListItems.id, renderedServices.priceItemId),
          ),
        )
        .where(and(eq(renderedServices.clinicId, clinicId), eq(renderedServices.visitId, visitId)))
        .orderBy(asc(renderedServices.recordedAt), asc(priceListItems.code));
    },
    /** Visits with services that are not invoiced yet, oldest first. */
    async pendingVisits(db: DbOrTx, clinicId: string) {
      return db
        .select({
          visitId: renderedServices.visitId,
          patientId: renderedServices.patientId,
          visitDate: sql<string>`min(${renderedServices.visitDate})`,
          services: sql<number>`count(*)::int`,
        })
        .from(renderedServices)
        .where(and(eq(renderedServices.clinicId, clinicId), isNull(renderedServices.invoiceId)))
        .groupBy(renderedServices.visitId, renderedServices.patientId)
        .orderBy(sql`min(${renderedServices.visitDate})`)
        .limit(500);
    },
    /** Locks a visit's services: two desks invoicing one visit take turns, the second sees the first's invoice. */
    async lockVisit(db: DbOrTx, clinicId: string, visitId: string) {
      await db
        .select({ id: renderedServices.id })
        .from(renderedServices)
        .where(and(eq(renderedServices.clinicId, clinicId), eq(renderedServices.visitId, visitId)))
        .for('update');
    },
    async markVisitInvoiced(db: DbOrTx, clinicId: string, visitId: string, invoiceId: string) {
      await db
        .update(renderedServices)
        .set({ invoiceId })
        .where(and(eq(renderedServices.clinicId, clinicId), eq(renderedServices.visitId, visitId)));
    },

    // ---- invoices
    /** Takes the next number; the row lock is held until commit, and a rollback gives the number back. */
    async nextSeq(db: DbOrTx, clinicId: string): Promise<number> {
      const [row] = await db
        .insert(invoiceCounters)
        .values({ clinicId, lastSeq: 1 })
        .onConflictDoUpdate({ target: invoiceCounters.clinicId, set: { lastSeq: sql`${invoiceCounters.lastSeq} + 1` } })
        .returning({ seq: invoiceCounters.lastSeq });
      return row!.seq;
    },
    async insertInvoice(
      db: DbOrTx,
      row: typeof invoices.$inferInsert,
      lines: (typeof invoiceLines.$inferInsert)[],
      shares: (typeof invoiceShares.$inferInsert)[],
    ) {
      await db.insert(invoices).values(row);
      if (lines.length) await db.insert(invoiceLines).values(lines);
      if (shares.length) await db.insert(invoiceShares).values(shares);
    },
    async invoice(db: DbOrTx, clinicId: string, id: string, forUpdate = false): Promise<InvoiceRow | undefined> {
      const q = db
        .select()
        .from(invoices)
        .where(and(eq(invoices.clinicId, clinicId), eq(invoices.id, id)));
      const [row] = forUpdate ? await q.for('update') : await q;
      return row;
    },
    async invoiceOfVisit(db: DbOrTx, clinicId: string, visitId: string): Promise<InvoiceRow | undefined> {
      const [row] = await db
        .select()
        .from(invoices)
        .where(and(eq(invoices.clinicId, clinicId), eq(invoices.visitId, visitId), eq(invoices.kind, 'invoice')));
      return row;
    },
    async lines(db: DbOrTx, clinicId: string, invoiceIds: string[]): Promise<InvoiceLineRow[]> {
      if (!invoiceIds.length) return [];
      return db
        .select()
        .from(invoiceLines)
        .where(and(eq(invoiceLines.clinicId, clinicId), inArray(invoiceLines.invoiceId, invoiceIds)))
        .orderBy(asc(invoiceLines.invoiceId), asc(invoiceLines.lineNo));
    },
    async shares(db: DbOrTx, clinicId: string, invoiceIds: string[]): Promise<InvoiceShareRow[]> {
      if (!invoiceIds.length) return [];
      return db
        .select()
        .from(invoiceShares)
        .where(and(eq(invoiceShares.clinicId, clinicId), inArray(invoiceShares.invoiceId, invoiceIds)));
    },
    async creditNotes(db: DbOrTx, clinicId: string, invoiceId: string): Promise<InvoiceRow[]> {
      return db
        .select()
        .from(invoices)
        .where(and(eq(invoices.clinicId, clinicId), eq(invoices.creditsInvoiceId, invoiceId)))
        .orderBy(asc(invoices.seq));
    },
    async listInvoices(
      db: DbOrTx,
      f: { clinicId: string; patientId?: string; from?: string; to?: string; limit: number },
    ): Promise<InvoiceRow[]> {
      const where: SQL[] = [eq(invoices.clinicId, f.clinicId)];
      if (f.patientId) where.push(eq(invoices.patientId, f.patientId));
      if (f.from) where.push(gte(invoices.invoiceDate, f.from));
      if (f.to) where.push(lte(invoices.invoiceDate, f.to));
      return db
        .select()
        .from(invoices)
        .where(and(...where))
        .orderBy(asc(invoices.seq))
        .limit(f.limit);
    },

    // ---- payments
    async insertPayment(db: DbOrTx, row: typeof payments.$inferInsert) {
      await db.insert(payments).values(row);
    },
    async payments(db: DbOrTx, clinicId: string, invoiceIds: string[]): Promise<PaymentRow[]> {
      if (!invoiceIds.length) return [];
      return db
        .select()
        .from(payments)
        .where(and(eq(payments.clinicId, clinicId), inArray(payments.invoiceId, invoiceIds)))
        .orderBy(asc(payments.paidOn), asc(payments.recordedAt));
    },
    /**
     * Invoices whose patient share is not fully paid: shares of the invoice and of its credit
     * notes, minus the patient's payments on the invoice.
     */
    async openPatientBalances(db: DbOrTx, clinicId: string): Promise<{ invoiceId: string; openCents: number }[]> {
      const rows = await db.execute(sql`
        select i.id as "invoiceId",
          (select coalesce(sum(s.amount_cents), 0) from ${invoiceShares} s
             join ${invoices} c on c.clinic_id = s.clinic_id and c.id = s.invoice_id
            where s.clinic_id = i.clinic_id and s.holder = 'patient' and (c.id = i.id or c.credits_invoice_id = i.id))
          - (select coalesce(sum(p.amount_cents), 0) from ${payments} p
              where p.clinic_id = i.clinic_id and p.invoice_id = i.id and p.holder = 'patient') as "openCents"
        from ${invoices} i
        where i.clinic_id = ${clinicId} and i.kind = 'invoice'
        order by i.due_date, i.seq`);
      const list = rowsOf<{ invoiceId: string; openCents: string | number }>(rows);
      return list
        .map((r) => ({ invoiceId: r.invoiceId, openCents: Number(r.openCents) }))
        .filter((r) => r.openCents > 0);
    },

    // ---- debts
    async insertNotice(db: DbOrTx, row: typeof debtNotices.$inferInsert) {
      await db.insert(debtNotices).values(row);
    },
    async notices(db: DbOrTx, clinicId: string, invoiceIds: string[]) {
      if (!invoiceIds.length) return [];
      return db
        .select()
        .from(debtNotices)
        .where(and(eq(debtNotices.clinicId, clinicId), inArray(debtNotices.invoiceId, invoiceIds)))
        .orderBy(asc(debtNotices.sentAt));
    },
    async insertHandover(db: DbOrTx, row: typeof debtHandovers.$inferInsert) {
      await db.insert(debtHandovers).values(row);
    },
    async handovers(db: DbOrTx, clinicId: string, invoiceIds: string[]) {
      if (!invoiceIds.length) return [];
      return db
        .select()
        .from(debtHandovers)
        .where(and(eq(debtHandovers.clinicId, clinicId), inArray(debtHandovers.invoiceId, invoiceIds)));
    },

    // ---- instalments
    async insertInstalmentRequest(db: DbOrTx, row: typeof instalmentRequests.$inferInsert) {
      await db.insert(instalmentRequests).values(row);
    },
    async instalmentRequest(db: DbOrTx, clinicId: string, id: string) {
      const [row] = await db
        .select()
        .from(instalmentRequests)
        .where(and(eq(instalmentRequests.clinicId, clinicId), eq(instalmentRequests.id, id)))
        .for('update');
      return row;
    },
    async markInstalmentDisclosed(db: DbOrTx, clinicId: string, id: string, at: Date, by: string | null) {
      await db
        .update(instalmentRequests)
        .set({ disclosedAt: at, disclosedBy: by })
        .where(and(eq(instalmentRequests.clinicId, clinicId), eq(instalmentRequests.id, id)));
    },
  };
}

export type BillingRepository = ReturnType<typeof createBillingRepository>;
