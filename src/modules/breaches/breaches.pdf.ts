import PDFDocument from 'pdfkit';
import { findPdfFonts } from '../../platform/pdf';
import type { SupervisoryAuthority } from '../../rules/supervisory-authorities';

type Lang = 'et' | 'lv' | 'en';

const words: Record<Lang, Record<string, string>> = {
  et: {
    title: 'Isikuandmetega seotud rikkumisest teavitamine (IKÜM art 33)',
    to: 'Saaja',
    controller: 'Vastutav töötleja',
    discovered: 'Rikkumisest teada saamise aeg',
    notified: 'Teavitamise aeg',
    late: 'Hilinemise põhjus (üle 72 tunni)',
    nature: 'Rikkumise olemus',
    categories: 'Andmekategooriad',
    people: 'Andmesubjektide ligikaudne arv',
    records: 'Kirjete ligikaudne arv',
    consequences: 'Tõenäolised tagajärjed',
    measures: 'Võetud või kavandatud meetmed',
    inform: 'Andmesubjektide teavitamine (art 34)',
    yes: 'teavitatakse',
    no: 'ei teavitata',
    undecided: 'otsustamata',
    contact: 'Andmekaitse kontakt',
  },
  lv: {
    title: 'Paziņojums par personas datu aizsardzības pārkāpumu (VDAR 33. pants)',
    to: 'Adresāts',
    controller: 'Pārzinis',
    discovered: 'Pārkāpuma konstatēšanas laiks',
    notified: 'Paziņošanas laiks',
    late: 'Kavējuma iemesls (vairāk nekā 72 stundas)',
    nature: 'Pārkāpuma raksturs',
    categories: 'Datu kategorijas',
    people: 'Aptuvenais datu subjektu skaits',
    records: 'Aptuvenais ierakstu skaits',
    consequences: 'Iespējamās sekas',
    measures: 'Veiktie vai plānotie pasākumi',
    inform: 'Datu subjektu informēšana (34. pants)',
    yes: 'tiks informēti',
    no: 'netiks informēti',
    undecided: 'nav izlemts',
    contact: 'Datu aizsardzības kontaktpersona',
  },
  en: {
    title: 'Notification of a personal data breach (GDPR Art. 33)',
    to: 'To',
    controller: 'Controller',
    discovered: 'Time the breach became known',
    notified: 'Time of notification',
    late: 'Reason for the delay (over 72 hours)',
    nature: 'Nature of the breach',
    categories: 'Categories of data',
    people: 'Approximate number of data subjects',
    records: 'Approximate number of records',
    consequences: 'Likely consequences',
    measures: 'Measures taken or proposed',
    inform: 'Communication to the data subjects (Art. 34)',
    yes: 'they will be informed',
    no: 'they will not be informed',
    undecided: 'not decided yet',
    contact: 'Data protection contact',
  },
};

export interface BreachPdfData {
  lang: Lang;
  authority: SupervisoryAuthority;
  clinic: { name: string; contact: string };
  timeZone: string;
  breach: {
    discoveredAt: Date;
    authorityNotifiedAt: Date | null;
    lateReason: string | null;
    nature: string;
    categories: string[];
    approxPeople: number;
    approxRecords: number;
    consequences: string;
    measures: string;
    informPeople: 'undecided' | 'yes' | 'no';
    informReason: string | null;
  };
}

/** The notification to the supervisory authority, in Estonian, Latvian or English. */
export function breachNotificationPdf(d: BreachPdfData): Promise<Buffer> {
  const w = words[d.lang];
  const when = (t: Date) =>
    new Intl.DateTimeFormat(d.lang === 'en' ? 'en-GB' : d.lang, {
      timeZone: d.timeZone,
      dateStyle: 'long',
      timeStyle: 'short',
    }).format(t);
  const b = d.breach;
  const rows: [string, string][] = [
    [
      w.to!,
      `${d.authority.officialName} (${d.authority.name[d.lang]}), ${d.authority.street}, ${d.authority.postalCode} ${d.authority.city}, ${d.authority.email}`,
    ],
    [w.controller!, d.clinic.name],
    [w.contact!, d.clinic.contact],
    [w.discovered!, when(b.discoveredAt)],
    [w.notified!, b.authorityNotifiedAt ? when(b.authorityNotifiedAt) : '—'],
    ...(b.lateReason ? ([[w.late!, b.lateReason]] as [string, string][]) : []),
    [w.nature!, b.nature],
    [w.categories!, b.categories.join(', ')],
    [w.people!, String(b.approxPeople)],
    [w.records!, String(b.approxRecords)],
    [w.consequences!, b.consequences],
    [w.measures!, b.measures],
    [w.inform!, `${w[b.informPeople]}${b.informReason ? ` — ${b.informReason}` : ''}`],
  ];
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({ size: 'A4', margin: 56, info: { Title: w.title!, Author: d.clinic.name } });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.font(findPdfFonts().regular);
    doc.fontSize(15).text(w.title!).moveDown();
    for (const [k, v] of rows)
      doc.fontSize(10).fillColor('#555').text(k).fillColor('#000').fontSize(12).text(v).moveDown(0.6);
    doc.end();
  });
}
