import type { Block, NoticeDocument } from './notice.document';

/** Markdown: characters that would start formatting are escaped, so register text stays text. */
export function renderMarkdown(doc: NoticeDocument): string {
  const esc = (s: string) => s.replace(/([\\`*_[\]#|<>])/g, '\\$1');
  const out: string[] = [];
  for (const b of doc.blocks) {
    if (b.type === 'heading') out.push(`${'#'.repeat(b.level)} ${esc(b.text)}`);
    else if (b.type === 'paragraph') out.push(b.strong ? `**${esc(b.text)}**` : esc(b.text));
    else if (b.type === 'list')
      out.push(
        b.items
          .map((i) => `- ${i.term ? `**${esc(i.term)}**${i.text ? `: ${esc(i.text)}` : ''}` : esc(i.text)}`)
          .join('\n'),
      );
    else {
      const row = (cells: string[]) => `| ${cells.map((c) => esc(c) || ' ').join(' | ')} |`;
      out.push([row(b.head), `|${b.head.map(() => '---').join('|')}|`, ...b.rows.map(row)].join('\n'));
    }
  }
  return `${out.join('\n\n')}\n`;
}

const htmlEscape = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

/** The body of the notice as HTML, for embedding in the web app. */
export function renderHtmlFragment(doc: NoticeDocument): string {
  const e = htmlEscape;
  const block = (b: Block): string => {
    if (b.type === 'heading') return `<h${b.level}>${e(b.text)}</h${b.level}>`;
    if (b.type === 'paragraph') return b.strong ? `<p><strong>${e(b.text)}</strong></p>` : `<p>${e(b.text)}</p>`;
    if (b.type === 'list') {
      return `<ul>${b.items.map((i) => `<li>${i.term ? `<strong>${e(i.term)}</strong>${i.text ? `: ${e(i.text)}` : ''}` : e(i.text)}</li>`).join('')}</ul>`;
    }
    return `<table><thead><tr>${b.head.map((h) => `<th>${e(h)}</th>`).join('')}</tr></thead><tbody>${b.rows
      .map((r) => `<tr>${r.map((c) => `<td>${e(c)}</td>`).join('')}</tr>`)
      .join('')}</tbody></table>`;
  };
  return doc.blocks.map(block).join('\n');
}

export interface PageLinks {
  /** The same notice in the other languages, and as PDF. */
  languages?: { lang: string; label: string; href: string }[];
  pdf?: string;
}

/** A complete page, readable without any script or external style. */
export function renderHtml(doc: NoticeDocument, links: PageLinks = {}): string {
  const nav =
    links.languages || links.pdf
      ? `<nav>${(links.languages ?? []).map((l) => (l.lang === doc.lang ? `<strong>${htmlEscape(l.label)}</strong>` : `<a href="${htmlEscape(l.href)}" hreflang="${l.lang}" lang="${l.lang}">${htmlEscape(l.label)}</a>`)).join(' · ')}${links.pdf ? ` · <a href="${htmlEscape(links.pdf)}">PDF</a>` : ''}</nav>\n`
      : '';
  return `<!doctype html>
<html lang="${doc.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${htmlEscape(doc.title)}</title>
<style>
body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;max-width:48rem;margin:2rem auto;padding:0 1rem;line-height:1.5;color:#1d2430}
h1{font-size:1.8rem}h2{font-size:1.3rem;margin-top:2rem;border-bottom:1px solid #d6dbe3}h3{font-size:1.1rem}
nav{font-size:.9rem;margin-bottom:1rem}table{border-collapse:collapse;width:100%}th,td{border:1px solid #d6dbe3;padding:.4rem;text-align:left;vertical-align:top}
</style>
</head>
<body>
${nav}${renderHtmlFragment(doc)}
</body>
</html>
`;
}
