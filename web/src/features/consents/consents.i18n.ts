import type { Language } from '../../shell/feature';

export const consentsStrings: Record<Language, Record<string, unknown>> = {
  et: {
    tab: 'Nõusolekud', title: 'Nõusolekud ja vastuväited', purpose: 'Eesmärk', basis: 'Alus', state: 'Seis', since: 'Alates', channel: 'Kanal', version: 'Teabe versioon',
    consent: 'nõusolek', legitimate_interest: 'õigustatud huvi', none: 'nõusolekut ei ole', given: 'antud', withdrawn: 'tagasi võetud', objected: 'vastuväide', not_objected: 'vastuväidet ei ole', objection_withdrawn: 'vastuväide tagasi võetud',
    give: 'Anna nõusolek', withdraw: 'Võta tagasi', object: 'Registreeri vastuväide', lift: 'Võta vastuväide tagasi', history: 'Ajalugu', empty: 'Registris ei ole nõusoleku ega õigustatud huvi alusel eesmärke.',
    channels: { on_site: 'kohapeal', paper: 'paberil', phone: 'telefonil', email: 'e-postiga', web: 'veebis', portal: 'portaalis', link: 'lingiga' }, back: 'Tagasi patsiendi juurde',
  },
  lv: {
    tab: 'Piekrišanas', title: 'Piekrišanas un iebildumi', purpose: 'Nolūks', basis: 'Pamats', state: 'Statuss', since: 'Kopš', channel: 'Kanāls', version: 'Paziņojuma versija',
    consent: 'piekrišana', legitimate_interest: 'leģitīmās intereses', none: 'piekrišanas nav', given: 'dota', withdrawn: 'atsaukta', objected: 'iebildums', not_objected: 'iebilduma nav', objection_withdrawn: 'iebildums atsaukts',
    give: 'Dot piekrišanu', withdraw: 'Atsaukt', object: 'Reģistrēt iebildumu', lift: 'Atsaukt iebildumu', history: 'Vēsture', empty: 'Reģistrā nav nolūku, kuru pamatā ir piekrišana vai leģitīmās intereses.',
    channels: { on_site: 'klātienē', paper: 'papīra formā', phone: 'pa tālruni', email: 'e-pastā', web: 'tīmeklī', portal: 'portālā', link: 'ar saiti' }, back: 'Atpakaļ pie pacienta',
  },
  en: {
    tab: 'Consents', title: 'Consents and objections', purpose: 'Purpose', basis: 'Basis', state: 'State', since: 'Since', channel: 'Channel', version: 'Notice version',
    consent: 'consent', legitimate_interest: 'legitimate interest', none: 'no consent', given: 'given', withdrawn: 'withdrawn', objected: 'objected', not_objected: 'no objection', objection_withdrawn: 'objection withdrawn',
    give: 'Record consent', withdraw: 'Withdraw', object: 'Record objection', lift: 'Lift objection', history: 'History', empty: 'The register has no purposes based on consent or legitimate interest.',
    channels: { on_site: 'on site', paper: 'on paper', phone: 'by phone', email: 'by e-mail', web: 'on the web', portal: 'in the portal', link: 'by link' }, back: 'Back to the patient',
  },
  ru: {
    tab: 'Согласия', title: 'Согласия и возражения', purpose: 'Цель', basis: 'Основание', state: 'Состояние', since: 'С', channel: 'Канал', version: 'Версия информации',
    consent: 'согласие', legitimate_interest: 'законный интерес', none: 'согласия нет', given: 'дано', withdrawn: 'отозвано', objected: 'возражение', not_objected: 'возражения нет', objection_withdrawn: 'возражение отозвано',
    give: 'Записать согласие', withdraw: 'Отозвать', object: 'Записать возражение', lift: 'Снять возражение', history: 'История', empty: 'В реестре нет целей на основании согласия или законного интереса.',
    channels: { on_site: 'на месте', paper: 'на бумаге', phone: 'по телефону', email: 'по эл. почте', web: 'в интернете', portal: 'в портале', link: 'по ссылке' }, back: 'Назад к пациенту',
  },
};
