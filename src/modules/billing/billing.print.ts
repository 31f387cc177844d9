import PDFDocument from 'pdfkit';
import { findPdfFonts } from '../../platform/pdf';
import type { ShareOut } from './billing.compose';
import type { ClinicRow } from './billing.kit';
import { formatEuros } from './billing.money';
import type { InvoiceRow } from './billing.repository';
import type { lineView } from './billing.view';

/**
 * The printed invoice, in the language it was issued in. Latvian and Russian need more than the
 * PDF standard fonts cover, so the Unicode font of platform/pdf is used.
 */
type Lang = 'et' | 'lv' | 'en' | 'ru';

const labels: Record<Lang, Record<string, string>> = {
  et: {
    invoice: 'Arve',
    credit_note: 'Kreeditarve',
    number: 'Number',
    date: 'Kuupäev',
    due: 'Maksetähtaeg',
    patient: 'Patsient',
    idCode: 'Isikukood',
    code: 'Kood',
    service: 'Teenus',
    qty: 'Kogus',
    price: 'Hind',
    amount: 'Summa',
    benefit: 'Hüvitis',
    total: 'Kokku',
    fundPays: 'Tervisekassa hambaravihüvitis',
    payerPays: 'Tasub',
    patientPays: 'Patsient tasub',
    credits: 'Korrigeerib arvet',
    group: 'Hüvitise alus',
    reason: 'Põhjus',
    registry: 'Registrikood',
  },
  lv: {
    invoice: 'Rēķins',
    credit_note: 'Kredītrēķins',
    number: 'Numurs',
    date: 'Datums',
    due: 'Apmaksas termiņš',
    patient: 'Pacients',
    idCode: 'Personas kods',
    code: 'Kods',
    service: 'Pakalpojums',
    qty: 'Daudzums',
    price: 'Cena',
    amount: 'Summa',
    benefit: 'Kompensācija',
    total: 'Kopā',
    fundPays: 'Igaunijas Veselības apdrošināšanas fonda kompensācija',
    payerPays: 'Maksā',
    patientPays: 'Pacients maksā',
    credits: 'Labo rēķinu',
    group: 'Kompensācijas pamats',
    reason: 'Iemesls',
    registry: 'Reģistrācijas numurs',
  },
  en: {
    invoice: 'Invoice',
    credit_note: 'Credit note',
    number: 'Number',
    date: 'Date',
    due: 'Due date',
    patient: 'Patient',
    idCode: 'Personal ID code',
    code: 'Code',
    service: 'Service',
    qty: 'Qty',
    price: 'Price',
    amount: 'Amount',
    benefit: 'Benefit',
    total: 'Total',
    fundPays: 'Health Insurance Fund dental benefit',
    payerPays: 'Paid by',
    patientPays: 'Patient pays',
    credits: 'Corrects invoice',
    group: 'Benefit basis',
    reason: 'Reason',
    registry: 'Registry code',
  },
  ru: {
    invoice: 'Счёт',
    credit_note: 'Кредитный счёт',
    number: 'Номер',
    date: 'Дата',
    due: 'Срок оплаты',
    patient: 'Пациент',
    idCode: 'Личный код',
    code: 'Код',
    service: 'Услуга',
    qty: 'Кол-во',
    price: 'Цена',
    amount: 'Сумма',
    benefit: 'Компенсация',
    total: 'Итого',
    fundPays: 'Компенсация Больничной кассы за лечение зубов',
    payerPays: 'Оплачивает',
    patientPays: 'Пациент платит',
    credits: 'Исправляет счёт',
    group: 'Основание компенсации',
    reason: 'Причина',
    registry: 'Регистрационный код',
  },
};

export interface InvoicePrint {
  clinic: ClinicRow;
  invoice: InvoiceRow;
  lines: ReturnType<typeof lineView>[];
  shares: ShareOut[];
  patient: { name: string; idCode: string | null; address: string };
  creditsNumber: string | null;
}

export function renderInvoicePdf(p: InvoicePrint): Promise<Buffer> {
  const lang = (p.invoice.language in labels ? p.invoice.language : 'et') as Lang;
  const t = labels[lang];
  const fonts = findPdfFonts();
  const doc = new PDFDocument({
    size: 'A4',
    margin: 50,
    info: { Title: `${t[p.invoice.kind]} ${p.invoice.number}`, Author: p.clinic.name },
  });
  doc.registerFont('body', fonts.regular);
  doc.registerFont('bold', fonts.bold);
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  const address = p.clinic.addresses[0];
  doc.font('bold').fontSize(14).text(p.clinic.name);
  doc.font('body').fontSize(9).text(`${t.registry}: ${p.clinic.registryCode}`);
  if (address) doc.text(`${address.street}, ${address.postalCode} ${address.city}`);
  doc.moveDown();
  doc.font('bold').fontSize(16).text(`${t[p.invoice.kind]} ${p.invoice.number}`);
  doc.font('body').fontSize(10);
  doc.text(`${t.date}: ${p.invoice.invoiceDate}`);
  if (p.invoice.kind === 'invoice') doc.text(`${t.due}: ${p.invoice.dueDate}`);
  if (p.creditsNumber) doc.text(`${t.credits}: ${p.creditsNumber}`);
  if (p.invoice.reason) doc.text(`${t.reason}: ${p.invoice.reason}`);
  doc.moveDown();
  doc.text(`${t.patient}: ${p.patient.name}`);
  if (p.patient.idCode) doc.text(`${t.idCode}: ${p.patient.idCode}`);
  if (p.patient.address) doc.text(p.patient.address);
  doc.text(`${t.group}: ${p.invoice.benefitGroup}${p.invoice.ruleId ? ` (${p.invoice.ruleId})` : ''}`);
  doc.moveDown();

  const cols = [50, 110, 300, 340, 400, 470];
  const row = (cells: string[], bold = false) => {
    const y = doc.y;
    doc.font(bold ? 'bold' : 'body').fontSize(9);
    cells.forEach((c, i) => {
      doc.text(c, cols[i]!, y, { width: (cols[i + 1] ?? 545) - cols[i]! - 4, align: i >= 3 ? 'right' : 'left' });
    });
    doc.moveDown(0.3);
    doc.x = 50;
  };
  row([t.code!, t.service!, t.qty!, t.price!, t.amount!, t.benefit!], true);
  for (const l of p.lines) row([l.code, l.description, String(l.quantity), l.unitPrice, l.amount, l.benefit]);
  doc.moveDown();
  doc
    .font('bold')
    .fontSize(10)
    .text(`${t.total}: € ${formatEuros(p.invoice.totalCents)}`, 50, doc.y, { align: 'right' });
  doc.font('body');
  for (const s of p.shares) {
    const label =
      s.holder === 'fund' ? t.fundPays : s.holder === 'patient' ? t.patientPays : `${t.payerPays}: ${s.payerName}`;
    doc.text(`${label}: € ${formatEuros(s.amountCents)}`, { align: 'right' });
  }
  doc.end();
  return done;
}
