import { supervisoryAuthorities } from '../../rules/supervisory-authorities';

type Language = 'et' | 'lv' | 'en' | 'ru';

/** What an erasure decision did, per data category of the retention engine. */
export interface ErasureOutcome {
  erased: string[];
  kept: { target: string; until: string | null; rule: string }[];
  held: { target: string; reason: string }[];
  /** Erasable, but the person's request did not cover it (or they chose to keep it). */
  notChosen: string[];
}

/** The categories in the person's words, in their language. */
const categories: Record<Language, Record<string, string>> = {
  et: {
    patient_record: 'teie patsienditoimik (terviseandmed, visiidid, kontaktandmed, nõusolekud)',
    booking_requests: 'teie broneerimissoovid',
    portal_access: 'teie patsiendiportaali sisselogimislingid ja seansid',
    accounting: 'teie arved ja raamatupidamise algdokumendid',
  },
  lv: {
    patient_record: 'jūsu pacienta karte (veselības dati, vizītes, kontaktinformācija, piekrišanas)',
    booking_requests: 'jūsu pieraksta pieprasījumi',
    portal_access: 'jūsu pacientu portāla pieteikšanās saites un sesijas',
    accounting: 'jūsu rēķini un grāmatvedības attaisnojuma dokumenti',
  },
  en: {
    patient_record: 'your patient record (health data, visits, contact details, consents)',
    booking_requests: 'your booking requests',
    portal_access: 'your patient portal sign-in links and sessions',
    accounting: 'your invoices and accounting source documents',
  },
  ru: {
    patient_record: 'ваша медицинская карта (данные о здоровье, визиты, контактные данные, согласия)',
    booking_requests: 'ваши заявки на запись',
    portal_access: 'ваши ссылки и сеансы входа в портал пациента',
    accounting: 'ваши счета и первичные бухгалтерские документы',
  },
};

const words: Record<
  Language,
  {
    intro: string;
    erased: string;
    nothingErased: string;
    keptHeading: string;
    kept: (what: string, until: string | null, rule: string) => string;
    held: (what: string, reason: string) => string;
    notChosen: string;
    complain: (authority: string, email: string) => string;
  }
> = {
  et: {
    intro: 'Vaatasime läbi teie taotluse isikuandmete kustutamiseks.',
    erased: 'Kustutasime:',
    nothingErased: 'Praegu ei saa me ühtegi teie andmete osa kustutada.',
    keptHeading: 'Järgmisi andmeid peame seaduse järgi säilitama ega saa neid praegu kustutada:',
    kept: (w, until, rule) => `${w}${until ? ` – kuni ${until}` : ''} (${rule})`,
    held: (w, reason) => `${w} – säilitame õigusliku nõude või ametiasutuse päringu tõttu (${reason}).`,
    notChosen: 'Alles jäid, sest te ei palunud neid kustutada:',
    complain: (a, e) => `Kui te otsusega ei nõustu, võite pöörduda asutuse ${a} poole (${e}).`,
  },
  lv: {
    intro: 'Esam izskatījuši jūsu pieprasījumu dzēst jūsu personas datus.',
    erased: 'Mēs dzēsām:',
    nothingErased: 'Pašlaik nevaram dzēst nevienu jūsu datu daļu.',
    keptHeading: 'Šos datus mums saskaņā ar likumu jāglabā, tāpēc pašlaik tos nevaram dzēst:',
    kept: (w, until, rule) => `${w}${until ? ` – līdz ${until}` : ''} (${rule})`,
    held: (w, reason) => `${w} – glabājam tiesiska prasījuma vai iestādes pieprasījuma dēļ (${reason}).`,
    notChosen: 'Saglabāti, jo jūs nelūdzāt tos dzēst:',
    complain: (a, e) => `Ja nepiekrītat lēmumam, varat vērsties iestādē ${a} (${e}).`,
  },
  en: {
    intro: 'We have considered your request to erase your personal data.',
    erased: 'We erased:',
    nothingErased: 'At present we cannot erase any part of your data.',
    keptHeading: 'The law requires us to keep the following, so we cannot erase it now:',
    kept: (w, until, rule) => `${w}${until ? `, until ${until}` : ''} (${rule})`,
    held: (w, reason) => `${w}: kept for a legal claim or an authority's request (${reason}).`,
    notChosen: 'Kept because you did not ask us to erase them:',
    complain: (a, e) => `If you disagree with this decision, you may complain to ${a} (${e}).`,
  },
  ru: {
    intro: 'Мы рассмотрели ваше заявление об удалении ваших персональных данных.',
    erased: 'Мы удалили:',
    nothingErased: 'В настоящее время мы не можем удалить ни одну часть ваших данных.',
    keptHeading: 'Следующие данные мы обязаны хранить по закону, поэтому сейчас не можем их удалить:',
    kept: (w, until, rule) => `${w}${until ? ` — до ${until}` : ''} (${rule})`,
    held: (w, reason) => `${w} — храним в связи с правовым требованием или запросом органа власти (${reason}).`,
    notChosen: 'Сохранены, так как вы не просили их удалить:',
    complain: (a, e) => `Если вы не согласны с решением, вы можете обратиться в ${a} (${e}).`,
  },
};

/**
 * The law a rule cites, without the engine's English label of the records ("outpatient treatment
 * documents: <act>"): the category is already named in the person's language.
 */
const legalSource = (rule: string) => (rule.includes(': ') ? rule.slice(rule.indexOf(': ') + 2) : rule);

/** 2033-12-31 as the person reads a date: 31.12.2033 (English keeps the ISO form). */
const dateFor = (lang: Language, iso: string | null) =>
  iso && lang !== 'en' ? iso.split('-').reverse().join('.') : iso;

/** The answer to an erasure request, in the person's language: erased, kept (rule, until), held. */
export function erasureLetter(lang: Language, country: string, o: ErasureOutcome, note: string | null): string {
  const w = words[lang];
  const name = (t: string) => categories[lang][t] ?? t;
  const lines = [w.intro];
  if (o.erased.length) lines.push(w.erased, ...o.erased.map((t) => `- ${name(t)}`));
  else lines.push(w.nothingErased);
  if (o.kept.length) lines.push(w.keptHeading);
  for (const k of o.kept) lines.push(`- ${w.kept(name(k.target), dateFor(lang, k.until), legalSource(k.rule))}`);
  for (const h of o.held) lines.push(`- ${w.held(name(h.target), h.reason)}`);
  if (o.notChosen.length) lines.push(w.notChosen, ...o.notChosen.map((t) => `- ${name(t)}`));
  if (note) lines.push(note);
  if (o.kept.length || o.held.length) {
    const a = supervisoryAuthorities[country === 'LV' ? 'LV' : 'EE'];
    lines.push(w.complain(a.officialName, a.email));
  }
  return lines.join('\n');
}
