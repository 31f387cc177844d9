export type Lang = 'et' | 'lv' | 'en' | 'ru';

export interface RecallText {
  clinic: string;
  firstName: string;
  phone: string;
  optOutUrl: string;
}

/**
 * The messages of recall and newsletters in the patient's language. A recall says neither the
 * service nor anything of the patient's health: only that a regular check-up is due, and how to
 * stop such messages with one click.
 */
export const recallWording: Record<
  Lang,
  {
    subject(clinic: string): string;
    text(v: RecallText): string;
    newsletterFooter(clinic: string, url: string): string;
  }
> = {
  et: {
    subject: (c) => `${c}: aeg korraliseks kontrolliks`,
    text: (v) =>
      `Tere, ${v.firstName}! ${v.clinic} tuletab meelde, et on aeg korraliseks kontrollvisiidiks. Aja saate broneerida telefonil ${v.phone}. Kui Te ei soovi selliseid meeldetuletusi, klõpsake: ${v.optOutUrl}`,
    newsletterFooter: (c, url) =>
      `Saate selle kirja, sest andsite nõusoleku saada ${c} uudiskirja. Loobumiseks klõpsake: ${url}`,
  },
  lv: {
    subject: (c) => `${c}: laiks kārtējai pārbaudei`,
    text: (v) =>
      `Labdien, ${v.firstName}! ${v.clinic} atgādina, ka ir pienācis laiks kārtējai profilaktiskajai pārbaudei. Pierakstīties varat pa tālruni ${v.phone}. Ja nevēlaties saņemt šādus atgādinājumus, noklikšķiniet: ${v.optOutUrl}`,
    newsletterFooter: (c, url) =>
      `Jūs saņemat šo ziņu, jo piekritāt saņemt ${c} jaunumus. Lai atteiktos, noklikšķiniet: ${url}`,
  },
  en: {
    subject: (c) => `${c}: time for your regular check-up`,
    text: (v) =>
      `Hello ${v.firstName}, ${v.clinic} would like to remind you that it is time for your regular check-up. You can book a visit by calling ${v.phone}. If you do not want such reminders, click: ${v.optOutUrl}`,
    newsletterFooter: (c, url) =>
      `You receive this because you agreed to receive the newsletter of ${c}. To unsubscribe, click: ${url}`,
  },
  ru: {
    subject: (c) => `${c}: время для планового осмотра`,
    text: (v) =>
      `Здравствуйте, ${v.firstName}! ${v.clinic} напоминает, что пришло время планового осмотра. Записаться можно по телефону ${v.phone}. Если вы не хотите получать такие напоминания, нажмите: ${v.optOutUrl}`,
    newsletterFooter: (c, url) =>
      `Вы получили это сообщение, потому что согласились получать рассылку ${c}. Чтобы отписаться, нажмите: ${url}`,
  },
};

export const langOf = (l: string | null | undefined): Lang => (l === 'lv' || l === 'en' || l === 'ru' ? l : 'et');

/** A month count added to a calendar date (the 31st becomes the month's last day). */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) + months;
  const year = Math.floor(total / 12);
  const month = (total % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}
