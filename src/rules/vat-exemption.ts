/**
 * Health care is exempt from VAT in both countries (EU VAT Directive 2006/112/EC art. 132(1)(b)–(c)).
 * The invoice says so, naming the national provision, in the invoice's language. Estonia:
 * käibemaksuseadus § 16 lg 1 p 2 (health services within the meaning of the Health Services
 * Organisation Act). Latvia: Pievienotās vērtības nodokļa likums, art. 52(1) (medical services of a
 * registered medical institution). The Latvian paragraph number is for the team to confirm.
 */
type Lang = 'et' | 'lv' | 'en' | 'ru';

export const vatExemptionNote: Record<'EE' | 'LV', Record<Lang, string>> = {
  EE: {
    et: 'Tervishoiuteenus on käibemaksuvaba (käibemaksuseaduse § 16 lg 1 p 2).',
    lv: 'Veselības aprūpes pakalpojums ir atbrīvots no PVN (Igaunijas Pievienotās vērtības nodokļa likuma 16. panta 1. daļas 2. punkts).',
    en: 'Health care is exempt from VAT (Estonian Value Added Tax Act § 16(1)(2)).',
    ru: 'Медицинская услуга освобождена от налога с оборота (п. 2 ч. 1 § 16 Закона Эстонии о налоге с оборота).',
  },
  LV: {
    et: 'Tervishoiuteenus on käibemaksuvaba (Läti käibemaksuseaduse art 52 lg 1).',
    lv: 'Ārstniecības pakalpojums nav apliekams ar PVN (Pievienotās vērtības nodokļa likuma 52. panta pirmā daļa).',
    en: 'Medical care is exempt from VAT (Latvian Value Added Tax Law, Section 52(1)).',
    ru: 'Медицинская услуга не облагается НДС (ч. 1 ст. 52 Закона Латвии о налоге на добавленную стоимость).',
  },
};
