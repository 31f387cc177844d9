import type { DbOrTx } from '../../platform/db';
import { NotFoundError } from '../../platform/errors';
import type { BillingRepository } from './billing.repository';
import type { InvoiceBundle } from './billing.view';

/** An invoice with its lines, shares, credit notes and payments; `forUpdate` locks the invoice row. */
export async function loadInvoiceBundle(
  repo: BillingRepository,
  tx: DbOrTx,
  clinicId: string,
  id: string,
  forUpdate = false,
): Promise<InvoiceBundle> {
  const invoice = await repo.invoice(tx, clinicId, id, forUpdate);
  if (!invoice) throw new NotFoundError('no such invoice');
  const creditNotes = invoice.kind === 'invoice' ? await repo.creditNotes(tx, clinicId, id) : [];
  const creditIds = creditNotes.map((c) => c.id);
  const [lines, shares, creditLines, creditShares, payments] = await Promise.all([
    repo.lines(tx, clinicId, [id]),
    repo.shares(tx, clinicId, [id]),
    repo.lines(tx, clinicId, creditIds),
    repo.shares(tx, clinicId, creditIds),
    repo.payments(tx, clinicId, [id]),
  ]);
  return { invoice, lines, shares, creditNotes, creditLines, creditShares, payments };
}
