import type { NoticeDocument } from './notice.document';
import { renderPdf } from './notice.pdf';
import { type PageLinks, renderHtml, renderMarkdown } from './notice.render';

export const noticeFormats = ['html', 'md', 'pdf'] as const;
export type NoticeFormat = (typeof noticeFormats)[number];

/** A rendered notice with the content type to serve it under. */
export async function renderNotice(
  doc: NoticeDocument,
  format: NoticeFormat,
  links?: PageLinks,
): Promise<{ contentType: string; body: string | Buffer }> {
  if (format === 'pdf') return { contentType: 'application/pdf', body: await renderPdf(doc) };
  if (format === 'md') return { contentType: 'text/markdown; charset=utf-8', body: renderMarkdown(doc) };
  return { contentType: 'text/html; charset=utf-8', body: renderHtml(doc, links) };
}
