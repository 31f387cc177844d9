import type { LocalizedText, NoticeLanguage } from '../register/register.model';

/** A notice as a format-neutral tree, so Markdown, HTML and PDF say exactly the same thing. */
export type Block =
  | { type: 'heading'; level: 1 | 2 | 3; text: string }
  | { type: 'paragraph'; text: string; strong?: boolean }
  | { type: 'list'; items: ListItem[] }
  | { type: 'table'; head: string[]; rows: string[][] };

export interface ListItem {
  /** A bold lead term ("Right of access"), then the text. */
  term?: string;
  text: string;
}

export interface NoticeDocument {
  lang: NoticeLanguage;
  title: string;
  blocks: Block[];
}

/**
 * Picks a register text in the wanted language. When it is missing, another language is used
 * and the text carries `mark(from)` so a reader sees it was not translated.
 */
export function localize(
  text: LocalizedText | undefined,
  lang: NoticeLanguage,
  registerLanguages: readonly NoticeLanguage[],
  mark: (from: NoticeLanguage) => string,
): string {
  if (text === undefined) return '';
  if (typeof text === 'string') {
    const from = registerLanguages[0]!;
    return from === lang ? text : `${mark(from)} ${text}`;
  }
  const own = text[lang];
  if (own) return own;
  // English is the most widely read fallback; then the register's own order of languages.
  const order = ['en', ...registerLanguages, 'et', 'lv', 'ru'] as NoticeLanguage[];
  const from = order.find((l) => text[l]) ?? (Object.keys(text)[0] as NoticeLanguage);
  return `${mark(from)} ${text[from]}`;
}
