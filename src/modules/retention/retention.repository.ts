import { and, eq, inArray, lt, sql } from 'drizzle-orm';
import type { Tx } from '../../platform/db';
import { debtNotices, invoiceLines, invoiceShares, invoices, payments } from '../billing/billing.schema';

/**
 * The only SQL of retention. Deleting is this module's whole purpose and happens nowhere else
 * (docs/CONVENTIONS.md), so its deletes of other modules' rows live here rather than behind their
 * services: the immutability triggers let them through only inside `allowDeletes(tx)`.
 */
export function createRetentionRepository() {
  return {
    /** Lets this transaction delete what the triggers otherwise refuse (`hoidja.retention = 'on'`). */
    async allowDeletes(tx: Tx) {
      await tx.execute(sql`select set_config('hoidja.retention', 'on', true)`);
    },

    async invoicesRetainedBefore(tx: Tx, clinicId: string, today: string): Promise<string[]> {
      const rows = await tx
        .select({ id: invoices.id })
        .from(invoices)
        .where(and(eq(invoices.clinicId, clinicId), lt(invoices.retainUntil, today)));
      return rows.map((r) => r.id);
    },

    /** The invoices with their lines, shares, payments and debt notices. */
    async deleteInvoices(tx: Tx, clinicId: string, ids: string[]) {
      for (const table of [invoiceLines, invoiceShares, payments, debtNotices]) {
        await tx.delete(table).where(and(eq(table.clinicId, clinicId), inArray(table.invoiceId, ids)));
      }
      await tx.delete(invoices).where(and(eq(invoices.clinicId, clinicId), inArray(invoices.id, ids)));
    },
  };
}
