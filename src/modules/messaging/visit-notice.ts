import PDFDocument from 'pdfkit';
import { findPdfFonts } from '../../platform/pdf';
import { wallClock } from '../../rules/zoned-time';
import { fill, type Lang, wording } from './wording';

/**
 * The written notice a patient gets at registration ("kirjalik teatis"): time, the professional's
 * name, the address, the clinic's contacts and how to cancel. The same content is e-mailed in
 * the patient's language and printed as a PDF at the desk.
 */
export interface NoticeData {
  lang: Lang;
  clinicName: string;
  patientName: string;
  startsAt: Date;
  timeZone: string;
  professionalName: string;
  address: string;
  phone: string;
  email: string;
  cancelText?: string;
}

export function localDateTime(d: Date, timeZone: string): { date: string; time: string } {
  const w = wallClock(d, timeZone);
  const pad = (n: number) => String(n).padStart(2, '0');
  return { date: `${pad(w.day)}.${pad(w.month)}.${w.year}`, time: `${pad(w.hour)}:${pad(w.minute)}` };
}

function lines(n: NoticeData) {
  const w = wording[n.lang];
  const { date, time } = localDateTime(n.startsAt, n.timeZone);
  return {
    w,
    date,
    time,
    rows: [
      [w.time, `${date} ${w.at} ${time}`],
      [w.professional, n.professionalName],
      [w.address, n.address],
      [w.contacts, [n.phone, n.email].filter(Boolean).join(', ')],
      [w.cancel, n.cancelText || w.defaultCancel(n.phone, n.email)],
    ] as [string, string][],
  };
}

export function noticeMail(n: NoticeData): { subject: string; text: string; html: string } {
  const { w, date, time, rows } = lines(n);
  const esc = (s: string) =>
    s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
  const text = [w.noticeIntro(n.patientName), '', ...rows.map(([k, v]) => `${k}: ${v}`), '', n.clinicName].join('\n');
  const html = `<p>${esc(w.noticeIntro(n.patientName))}</p><table>${rows.map(([k, v]) => `<tr><th align="left">${esc(k)}</th><td>${esc(v)}</td></tr>`).join('')}</table><p>${esc(n.clinicName)}</p>`;
  return { subject: w.noticeSubject(n.clinicName, date, time), text, html };
}

export function noticePdf(n: NoticeData): Promise<Buffer> {
  const { w, rows } = lines(n);
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({ size: 'A4', margin: 56, info: { Title: w.noticeTitle, Author: n.clinicName } });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    // pdfkit's built-in fonts cannot write õ, ā or Cyrillic: the shared Unicode font.
    doc.font(findPdfFonts().regular);
    doc.fontSize(16).text(n.clinicName).moveDown(0.5);
    doc.fontSize(14).text(w.noticeTitle).moveDown();
    doc.fontSize(11).text(w.noticeIntro(n.patientName)).moveDown();
    for (const [k, v] of rows)
      doc.fontSize(10).fillColor('#555').text(k).fillColor('#000').fontSize(12).text(v).moveDown(0.6);
    doc.end();
  });
}

export function reminderText(
  lang: Lang,
  template: string | undefined,
  values: {
    clinic: string;
    startsAt: Date;
    timeZone: string;
    phone: string;
    professional: string;
    service: string;
    optOutUrl: string;
  },
): string {
  const { date, time } = localDateTime(values.startsAt, values.timeZone);
  const body = fill(template || wording[lang].reminderDefault, {
    clinic: values.clinic,
    date,
    time,
    phone: values.phone,
    professional: values.professional,
    service: values.service,
    optOut: values.optOutUrl,
  });
  return template?.includes('{optOut}') ? body : `${body} ${wording[lang].optOutLine(values.optOutUrl)}`;
}
