/**
 * The data-protection supervisory authority of each country, as a person complains to it.
 * Addresses move (the Estonian inspectorate left Väike-Ameerika 19 for Tatari 39), so each
 * entry carries the date it was last checked; change the data, not the code.
 */
export interface SupervisoryAuthority {
  country: 'EE' | 'LV';
  /** The official name, always shown in the notice next to any translation. */
  officialName: string;
  name: { et: string; lv: string; en: string; ru: string };
  street: string;
  postalCode: string;
  city: string;
  email: string;
  website: string;
  checked: string;
}

export const supervisoryAuthorities: Record<'EE' | 'LV', SupervisoryAuthority> = {
  EE: {
    country: 'EE',
    officialName: 'Andmekaitse Inspektsioon',
    name: {
      et: 'Andmekaitse Inspektsioon',
      lv: 'Igaunijas Datu aizsardzības inspekcija',
      en: 'Estonian Data Protection Inspectorate',
      ru: 'Инспекция по защите данных Эстонии',
    },
    street: 'Tatari 39',
    postalCode: '10134',
    city: 'Tallinn',
    email: 'info@aki.ee',
    website: 'www.aki.ee',
    checked: '2026-11-01',
  },
  LV: {
    country: 'LV',
    officialName: 'Datu valsts inspekcija',
    name: {
      et: 'Läti andmekaitseinspektsioon',
      lv: 'Datu valsts inspekcija',
      en: 'Data State Inspectorate of Latvia',
      ru: 'Государственная инспекция данных Латвии',
    },
    street: 'Elijas iela 17',
    postalCode: 'LV-1050',
    city: 'Rīga',
    email: 'pasts@dvi.gov.lv',
    website: 'www.dvi.gov.lv',
    checked: '2026-11-01',
  },
};
