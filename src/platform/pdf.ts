import { existsSync } from 'node:fs';

/**
 * pdfkit's built-in fonts cannot write ā, ļ, ņ, õ or Cyrillic, so every PDF of Hoidja (notices,
 * invoices, written visit notices) uses a Unicode TrueType font: DejaVu Sans from the system
 * (Debian's fonts-dejavu-core), or the file HOIDJA_PDF_FONT / HOIDJA_PDF_FONT_BOLD names.
 */
const regularCandidates = [
  '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf',
  '/usr/share/fonts/dejavu/DejaVuSans.ttf',
  '/usr/share/fonts/TTF/DejaVuSans.ttf',
  '/usr/share/fonts/dejavu-sans-fonts/DejaVuSans.ttf',
];

export interface PdfFonts {
  regular: string;
  bold: string;
}

export function findPdfFonts(env: { HOIDJA_PDF_FONT?: string; HOIDJA_PDF_FONT_BOLD?: string } = process.env): PdfFonts {
  const regular = env.HOIDJA_PDF_FONT ?? regularCandidates.find((f) => existsSync(f));
  if (!regular || !existsSync(regular)) {
    throw new Error('no Unicode font for PDF: install fonts-dejavu-core or set HOIDJA_PDF_FONT to a .ttf file');
  }
  const boldGuess = regular.replace(/\.ttf$/i, '-Bold.ttf');
  const bold = env.HOIDJA_PDF_FONT_BOLD ?? (existsSync(boldGuess) ? boldGuess : regular);
  return { regular, bold };
}
