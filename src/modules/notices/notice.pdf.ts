import { existsSync } from 'node:fs';
import PDFDocument from 'pdfkit';
import type { NoticeDocument } from './notice.document';

/**
 * The built-in PDF fonts cannot write ā, ļ, ņ or Cyrillic, so the notice needs a Unicode TrueType
 * font from the system. HOIDJA_PDF_FONT / HOIDJA_PDF_FONT_BOLD override the search.
 */
const regularCandidates = [
  '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf',
  '/usr/share/fonts/dejavu/DejaVuSans.ttf',
  '/usr/share/fonts/TTF/DejaVuSans.ttf',
  '/usr/share/fonts/dejavu-sans-fonts/DejaVuSans.ttf',
  '/Library/Fonts/Arial Unicode.ttf',
];

export function findPdfFonts(env: NodeJS.ProcessEnv = process.env): { regular: string; bold: string } {
  const regular = env.HOIDJA_PDF_FONT ?? regularCandidates.find((f) => existsSync(f));
  if (!regular) {
    throw new Error('no Unicode font for PDF: install fonts-dejavu-core or set HOIDJA_PDF_FONT to a .ttf file');
  }
  const boldGuess = regular.replace(/\.ttf$/i, '-Bold.ttf');
  const bold = env.HOIDJA_PDF_FONT_BOLD ?? (existsSync(boldGuess) ? boldGuess : regular);
  return { regular, bold };
}

/** Renders the notice as an A4 PDF. */
export function renderPdf(doc: NoticeDocument, fonts = findPdfFonts()): Promise<Buffer> {
  const pdf = new PDFDocument({ size: 'A4', margin: 56, info: { Title: doc.title }, lang: doc.lang } as PDFKit.PDFDocumentOptions);
  pdf.registerFont('body', fonts.regular);
  pdf.registerFont('bold', fonts.bold);
  const chunks: Buffer[] = [];
  pdf.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);
  });
  const sizes = { 1: 18, 2: 13, 3: 11.5 } as const;
  for (const b of doc.blocks) {
    if (b.type === 'heading') {
      pdf.moveDown(b.level === 1 ? 0 : 0.6).font('bold').fontSize(sizes[b.level]).text(b.text, { paragraphGap: 4 });
    } else if (b.type === 'paragraph') {
      pdf.font(b.strong ? 'bold' : 'body').fontSize(10).text(b.text, { paragraphGap: 5, align: 'left' });
    } else if (b.type === 'list') {
      for (const item of b.items) {
        const opts = { indent: 10, paragraphGap: 3 };
        if (item.term) {
          pdf.font('bold').fontSize(10).text(`• ${item.term}${item.text ? ': ' : ''}`, { ...opts, continued: !!item.text });
          if (item.text) pdf.font('body').text(item.text, opts);
        } else {
          pdf.font('body').fontSize(10).text(`• ${item.text}`, opts);
        }
      }
      pdf.moveDown(0.3);
    } else {
      // Tables become one block per row: the first cell in bold, the others labelled by their header.
      for (const row of b.rows) {
        pdf.font('bold').fontSize(10).text(row[0] ?? '', { paragraphGap: 1 });
        row.slice(1).forEach((cell, i) => {
          if (!cell) return;
          pdf.font('body').text(`${b.head[i + 1]}: ${cell}`, { indent: 12, paragraphGap: 1 });
        });
        pdf.moveDown(0.4);
      }
    }
  }
  pdf.end();
  return done;
}
