import { randomBytes } from 'node:crypto';
import PDFDocument from 'pdfkit';
import { findPdfFonts } from '../../platform/pdf';
import type { Register } from '../register/register.model';
import { secretColumn } from './export.catalogue';

type Row = Record<string, unknown>;
type Lang = 'et' | 'lv' | 'en' | 'ru';

/** Values of `_enc` columns are decrypted and renamed; secrets and search hashes are left out. */
export function readableRows(data: Record<string, Row[]>, decrypt: (stored: string) => string): Record<string, Row[]> {
  const out: Record<string, Row[]> = {};
  for (const [table, rows] of Object.entries(data)) {
    out[table] = rows.map((row) => {
      const r: Row = {};
      for (const [col, v] of Object.entries(row)) {
        if (secretColumn(col)) continue;
        if (col.endsWith('_enc')) {
          const plain = typeof v === 'string' && v ? decrypt(v) : null;
          r[col.slice(0, -4)] = plain !== null && /^[[{]/.test(plain) ? JSON.parse(plain) : plain;
        } else r[col] = v;
      }
      return r;
    });
  }
  return out;
}

const cell = (v: unknown): string => {
  if (v === null || v === undefined) return '';
  const s = v instanceof Date ? v.toISOString() : typeof v === 'object' ? JSON.stringify(v) : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

/** Every value as one CSV line `table,row,column,value` (RFC 4180): complete whatever the tables' shapes. */
export const CSV_HEAD = 'table,row,column,value\r\n';

/** The CSV lines of some rows of one table, numbered on from `before` (the rows of that table already written). */
export function* csvRows(table: string, rows: Row[], before: number): Generator<string> {
  let n = before;
  for (const row of rows) {
    n++;
    for (const [col, v] of Object.entries(row)) yield `${cell(table)},${n},${cell(col)},${cell(v)}\r\n`;
  }
}

const words: Record<
  Lang,
  {
    title: string;
    intro: string;
    purposes: string;
    categories: string;
    recipients: string;
    disclosures: string;
    none: string;
    retention: string;
    sources: string;
    rights: string;
    rightsText: string;
    complain: string;
    data: string;
    rows: string;
  }
> = {
  et: {
    title: 'Teie andmed ja nende töötlemine',
    intro: 'Vastus isikuandmetega tutvumise taotlusele (isikuandmete kaitse üldmääruse art 15).',
    purposes: 'Töötlemise eesmärgid ja õiguslikud alused',
    categories: 'Isikuandmete liigid',
    recipients: 'Vastuvõtjad',
    disclosures: 'Kellele teie andmeid tegelikult edastati',
    none: 'Edastamisi ei ole.',
    retention: 'Säilitamise tähtajad',
    sources: 'Andmete allikad',
    rights: 'Teie õigused',
    rightsText:
      'Teil on õigus nõuda oma andmete parandamist, kustutamist, töötlemise piiramist, esitada vastuväiteid ja saada oma andmed masinloetaval kujul.',
    complain: 'Kaebuse võite esitada andmekaitse järelevalveasutusele:',
    data: 'Teie andmed tabelite kaupa',
    rows: 'kirjet',
  },
  lv: {
    title: 'Jūsu dati un to apstrāde',
    intro: 'Atbilde uz pieprasījumu piekļūt personas datiem (Vispārīgās datu aizsardzības regulas 15. pants).',
    purposes: 'Apstrādes nolūki un tiesiskais pamats',
    categories: 'Personas datu kategorijas',
    recipients: 'Saņēmēji',
    disclosures: 'Kam jūsu dati faktiski tika nodoti',
    none: 'Nodošanas nav bijis.',
    retention: 'Glabāšanas termiņi',
    sources: 'Datu avoti',
    rights: 'Jūsu tiesības',
    rightsText:
      'Jums ir tiesības pieprasīt datu labošanu, dzēšanu, apstrādes ierobežošanu, iebilst pret apstrādi un saņemt savus datus mašīnlasāmā formā.',
    complain: 'Sūdzību varat iesniegt datu aizsardzības uzraudzības iestādei:',
    data: 'Jūsu dati pa tabulām',
    rows: 'ieraksti',
  },
  en: {
    title: 'Your data and how it is processed',
    intro: 'Answer to your request for access to your personal data (GDPR Article 15).',
    purposes: 'Purposes and legal bases',
    categories: 'Categories of personal data',
    recipients: 'Recipients',
    disclosures: 'Who your data was actually given to',
    none: 'No disclosures.',
    retention: 'How long data is kept',
    sources: 'Where the data comes from',
    rights: 'Your rights',
    rightsText:
      'You may ask for your data to be corrected or erased, for its processing to be restricted, object to processing and receive your data in a machine-readable form.',
    complain: 'You may complain to the data protection supervisory authority:',
    data: 'Your data, table by table',
    rows: 'records',
  },
  ru: {
    title: 'Ваши данные и их обработка',
    intro: 'Ответ на запрос о доступе к персональным данным (статья 15 Общего регламента по защите данных).',
    purposes: 'Цели и правовые основания обработки',
    categories: 'Категории персональных данных',
    recipients: 'Получатели',
    disclosures: 'Кому ваши данные были фактически переданы',
    none: 'Передач не было.',
    retention: 'Сроки хранения',
    sources: 'Источники данных',
    rights: 'Ваши права',
    rightsText:
      'Вы вправе требовать исправления или удаления данных, ограничения обработки, возражать против обработки и получить свои данные в машиночитаемом виде.',
    complain: 'Вы можете подать жалобу в надзорный орган по защите данных:',
    data: 'Ваши данные по таблицам',
    rows: 'записей',
  },
};

function text(v: unknown, lang: Lang, fallback: string): string {
  if (typeof v === 'string') return v;
  if (v && typeof v === 'object') {
    const o = v as Partial<Record<Lang, string>>;
    return o[lang] ?? o.en ?? o.et ?? Object.values(o)[0] ?? fallback;
  }
  return fallback;
}

function period(p: Register['retention'][number]['period']): string {
  if ('years' in p) return `${p.years} y`;
  if ('months' in p) return `${p.months} m`;
  if ('days' in p) return `${p.days} d`;
  return p.until;
}

/** The Art. 15 answer from the processing register, as sections of text in the person's language. */
export function article15(reg: Register | null, disclosures: Row[], lang: Lang, authority: string) {
  const w = words[lang];
  const cat = new Map((reg?.categories ?? []).map((c) => [c.key, text(c.name, lang, c.key)]));
  const rec = new Map((reg?.recipients ?? []).map((r) => [r.key, text(r.name, lang, r.key)]));
  return [
    {
      heading: w.purposes,
      items: (reg?.purposes ?? []).map(
        (p) =>
          `${text(p.name, lang, p.key)} — GDPR 6(1)(${p.legalBasis.join(', ')})${p.specialCondition ? `, 9(2)(${p.specialCondition})` : ''}`,
      ),
    },
    { heading: w.categories, items: [...cat.values()] },
    { heading: w.recipients, items: [...rec.values()] },
    {
      heading: w.disclosures,
      items: disclosures.length
        ? disclosures.map(
            (d) =>
              `${day(d.disclosed_at)} ${d.recipient_name} (${d.recipient_kind}): ${(d.categories as string[]).join(', ')} — ${d.legal_basis}`,
          )
        : [w.none],
    },
    {
      heading: w.retention,
      items: (reg?.retention ?? []).map(
        (r) =>
          `${cat.get(r.category) ?? r.category}${r.name ? ` (${text(r.name, lang, '')})` : ''}: ${period(r.period)}`,
      ),
    },
    { heading: w.sources, items: (reg?.sources ?? []).map((s) => text(s.name, lang, s.key)) },
    { heading: w.rights, items: [w.rightsText, `${w.complain} ${authority}`] },
  ];
}

const day = (v: unknown) => (v instanceof Date ? v.toISOString().slice(0, 10) : String(v ?? '').slice(0, 10));

/** The human-readable report: the Art. 15 answer, then every table's records. */
export function exportPdf(
  input: {
    lang: Lang;
    clinicName: string;
    personName: string;
    answer: ReturnType<typeof article15>;
    data: Record<string, Row[]>;
    /** A copy sent by e-mail is opened with this one-time password (AES-256, PDF 2.0 security handler). */
    password?: string;
  },
  fonts = findPdfFonts(),
): Promise<Buffer> {
  const w = words[input.lang];
  const encryption = input.password
    ? {
        pdfVersion: '1.7ext3',
        userPassword: input.password,
        ownerPassword: randomBytes(24).toString('base64url'),
        permissions: { printing: 'highResolution', copying: true },
      }
    : {};
  const pdf = new PDFDocument({
    size: 'A4',
    margin: 50,
    info: { Title: w.title },
    lang: input.lang,
    ...encryption,
  } as PDFKit.PDFDocumentOptions);
  pdf.registerFont('body', fonts.regular);
  pdf.registerFont('bold', fonts.bold);
  const chunks: Buffer[] = [];
  pdf.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);
  });
  pdf.font('bold').fontSize(16).text(w.title, { paragraphGap: 4 });
  pdf.font('body').fontSize(10).text(`${input.clinicName} — ${input.personName}`, { paragraphGap: 2 });
  pdf.text(w.intro, { paragraphGap: 8 });
  for (const s of input.answer) {
    pdf.moveDown(0.4).font('bold').fontSize(12).text(s.heading, { paragraphGap: 3 });
    pdf.font('body').fontSize(9.5);
    for (const item of s.items) pdf.text(`• ${item}`, { indent: 8, paragraphGap: 2 });
  }
  pdf.addPage().font('bold').fontSize(14).text(w.data, { paragraphGap: 6 });
  for (const [table, rows] of Object.entries(input.data)) {
    if (!rows.length) continue;
    pdf.moveDown(0.4).font('bold').fontSize(11).text(`${table} (${rows.length} ${w.rows})`, { paragraphGap: 2 });
    pdf.font('body').fontSize(8);
    for (const row of rows) {
      const line = Object.entries(row)
        .filter(([, v]) => v !== null && v !== undefined && v !== '')
        .map(
          ([k, v]) =>
            `${k}: ${v instanceof Date ? v.toISOString() : typeof v === 'object' ? JSON.stringify(v) : String(v)}`,
        )
        .join('; ');
      pdf.text(line, { indent: 8, paragraphGap: 3 });
    }
  }
  pdf.end();
  return done;
}
