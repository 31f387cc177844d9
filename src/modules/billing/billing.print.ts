import PDFDocument from 'pdfkit';
import { findPdfFonts } from '../../platform/pdf';
import { printedIban } from '../../rules/iban';
import { estonianReference } from '../../rules/payment-reference';
import { vatExemptionNote } from '../../rules/vat-exemption';
import type { ShareOut } from './billing.compose';
import type { ClinicRow } from './billing.kit';
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
    reference: 'Viitenumber',
    purpose: 'Selgitus',
    paid: 'TASUTUD',
    paidOn: 'Tasutud',
    account: 'Arveldusarve',
    doctor: 'Arst',
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
    reference: 'Atsauces numurs',
    purpose: 'Maksājuma mērķis',
    paid: 'APMAKSĀTS',
    paidOn: 'Apmaksāts',
    account: 'Norēķinu konts',
    doctor: 'Ārsts',
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
    reference: 'Payment reference',
    purpose: 'Payment details',
    paid: 'PAID',
    paidOn: 'Paid on',
    account: 'Bank account',
    doctor: 'Doctor',
  },
  ru: {
    invoice: 'Счёт',
    credit_note: 'Кредит-нота',
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
    fundPays: 'Компенсация Кассы здоровья (Tervisekassa) за лечение зубов',
    payerPays: 'Оплачивает',
    patientPays: 'Пациент платит',
    credits: 'Исправляет счёт',
    group: 'Основание компенсации',
    reason: 'Причина',
    registry: 'Регистрационный код',
    reference: 'Номер ссылки',
    purpose: 'Назначение платежа',
    paid: 'ОПЛАЧЕНО',
    paidOn: 'Оплачено',
    account: 'Расчётный счёт',
    doctor: 'Врач',
  },
};

/** The Fund's benefit group in words: the basis the invoice names (never the rule's internal id). */
const groupWords: Record<Lang, Record<string, string>> = {
  et: {
    adult: 'täiskasvanu',
    pregnant: 'rase',
    'mother-of-infant': 'alla 1-aastase lapse ema',
    pensioner: 'pensionär',
    'reduced-work-ability': 'osaline või puuduv töövõime',
    'over-63': 'üle 63-aastane',
    unemployed: 'registreeritud töötu',
    child: 'laps (alla 19-aastane)',
    none: 'hüvitist ei rakendata',
  },
  lv: {
    adult: 'pieaugušais',
    pregnant: 'grūtniece',
    'mother-of-infant': 'māte ar bērnu līdz 1 gada vecumam',
    pensioner: 'pensionārs',
    'reduced-work-ability': 'daļēja darbspēja vai darbnespēja',
    'over-63': 'vecāks par 63 gadiem',
    unemployed: 'reģistrēts bezdarbnieks',
    child: 'bērns (līdz 19 gadiem)',
    none: 'kompensācija netiek piemērota',
  },
  en: {
    adult: 'adult',
    pregnant: 'pregnant',
    'mother-of-infant': 'mother of a child under 1',
    pensioner: 'pensioner',
    'reduced-work-ability': 'partial or no work ability',
    'over-63': 'over 63',
    unemployed: 'registered unemployed',
    child: 'child (under 19)',
    none: 'no benefit applies',
  },
  ru: {
    adult: 'взрослый',
    pregnant: 'беременная',
    'mother-of-infant': 'мать ребёнка до 1 года',
    pensioner: 'пенсионер',
    'reduced-work-ability': 'частичная или отсутствующая трудоспособность',
    'over-63': 'старше 63 лет',
    unemployed: 'зарегистрированный безработный',
    child: 'ребёнок (до 19 лет)',
    none: 'компенсация не применяется',
  },
};

const locales: Record<Lang, string> = { et: 'et-EE', lv: 'lv-LV', en: 'en-GB', ru: 'ru-RU' };

export interface InvoicePrint {
  clinic: ClinicRow;
  invoice: InvoiceRow;
  lines: ReturnType<typeof lineView>[];
  shares: ShareOut[];
  patient: { name: string; idCode: string | null; address: string };
  creditsNumber: string | null;
  /** Who treated the patient, when the visit names them. */
  professional: { name: string; registrationCode: string | null } | null;
  /** What is still open of the patient's and bill payers' shares, and the last payment's day. */
  open: { cents: number; lastPaidOn: string | null };
}

export function renderInvoicePdf(p: InvoicePrint): Promise<Buffer> {
  const lang = (p.invoice.language in labels ? p.invoice.language : 'et') as Lang;
  const t = labels[lang];
  const money = (cents: number) =>
    new Intl.NumberFormat(locales[lang], { style: 'currency', currency: 'EUR' }).format(cents / 100);
  const country = p.clinic.country === 'LV' ? 'LV' : 'EE';
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
  doc.text(`${t.group}: ${groupWords[lang][p.invoice.benefitGroup] ?? p.invoice.benefitGroup}`);
  if (p.professional)
    doc.text(
      `${t.doctor}: ${p.professional.name}${p.professional.registrationCode ? ` (${p.professional.registrationCode})` : ''}`,
    );
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
  for (const l of p.lines)
    row([
      l.code,
      l.description,
      String(l.quantity),
      money(l.unitPriceCents),
      money(l.amountCents),
      money(l.benefitCents),
    ]);
  doc.moveDown();
  doc
    .font('bold')
    .fontSize(10)
    .text(`${t.total}: ${money(p.invoice.totalCents)}`, 50, doc.y, { align: 'right' });
  doc.font('body');
  for (const s of p.shares) {
    const label =
      s.holder === 'fund' ? t.fundPays : s.holder === 'patient' ? t.patientPays : `${t.payerPays}: ${s.payerName}`;
    doc.text(`${label}: ${money(s.amountCents)}`, { align: 'right' });
  }
  doc.moveDown();
  if (p.invoice.kind === 'invoice') {
    // How to pay: an Estonian bank checks the reference's 7-3-1 digit; in Latvia the invoice number
    // goes in the payment details.
    for (const a of p.clinic.bankAccounts)
      doc.text(`${t.account}: ${printedIban(a.iban)} (${[a.bank, a.bic].filter(Boolean).join(', ')})`);
    if (country === 'EE') doc.text(`${t.reference}: ${estonianReference(p.invoice.number)}`);
    else doc.text(`${t.purpose}: ${t.invoice} ${p.invoice.number}`);
  }
  doc.fontSize(8).text(vatExemptionNote[country][lang]);
  if (p.invoice.kind === 'invoice' && p.open.cents <= 0 && p.open.lastPaidOn) {
    doc.moveDown();
    doc
      .font('bold')
      .fontSize(18)
      .fillColor('#1a7f37')
      .text(`${t.paid} · ${t.paidOn} ${p.open.lastPaidOn}`, { align: 'right' })
      .fillColor('black');
  }
  doc.end();
  return done;
}
