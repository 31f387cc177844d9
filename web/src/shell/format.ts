/** How the app writes days and times: as each language's country does, never in US format. */

/** Day and time as the person's country writes them (English as in Europe: 2 Dec 2026, 14:05). */
export function formatWhen(iso: string, lang: string): string {
  const locale = { et: 'et-EE', lv: 'lv-LV', en: 'en-GB', ru: 'ru-RU' }[lang] ?? 'en-GB';
  return new Date(iso).toLocaleString(locale, {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  });
}

/** A calendar day as clinics in both countries write it: 2026-03-10 → 10.03.2026; none → a dash. */
export const formatDay = (iso: string | null | undefined): string =>
  iso ? iso.slice(0, 10).split('-').reverse().join('.') : '—';
