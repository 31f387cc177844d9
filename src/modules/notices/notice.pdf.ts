import PDFDocument from 'pdfkit';
import { findPdfFonts } from '../../platform/pdf';
import type { NoticeDocument } from './notice.document';

/** Renders the notice as an A4 PDF. */
export function renderPdf(doc: NoticeDocument, fonts = findPdfFonts()): Promise<Buffer> {
  const pdf = new PDFDocument({
    size: 'A4',
    margin: 56,
    info: { Title: doc.title },
    lang: doc.lang,
  } as PDFKit.PDFDocumentOptions);
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
      pdf
        .moveDown(b.level === 1 ? 0 : 0.6)
        .font('bold')
        .fontSize(sizes[b.level])
        .text(b.text, { paragraphGap: 4 });
    } else if (b.type === 'paragraph') {
      pdf
        .font(b.strong ? 'bold' : 'body')
        .fontSize(10)
        .text(b.text, { paragraphGap: 5, align: 'left' });
    } else if (b.type === 'list') {
      for (const item of b.items) {
        const opts = { indent: 10, paragraphGap: 3 };
        if (item.term) {
          pdf
            .font('bold')
            .fontSize(10)
            .text(`• ${item.term}${item.text ? ': ' : ''}`, { ...opts, continued: !!item.text });
          if (item.text) pdf.font('body').text(item.text, opts);
        } else {
          pdf.font('body').fontSize(10).text(`• ${item.text}`, opts);
        }
      }
      pdf.moveDown(0.3);
    } else {
      // Tables become one block per row: the first cell in bold, the others labelled by their header.
      for (const row of b.rows) {
        pdf
          .font('bold')
          .fontSize(10)
          .text(row[0] ?? '', { paragraphGap: 1 });
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
