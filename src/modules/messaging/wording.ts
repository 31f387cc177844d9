/**
 * What the patient reads, in the four languages of the clinics (et, lv, en, ru). Reminder texts
 * carry no health details (no service, no professional) unless the clinic's own template adds
 * {service} or {professional}: a psychotherapy visit must not show on a locked phone screen.
 */
export type Lang = 'et' | 'lv' | 'en' | 'ru';

export interface Wording {
  noticeSubject: (clinic: string, date: string, time: string) => string;
  noticeTitle: string;
  noticeIntro: (name: string) => string;
  time: string;
  professional: string;
  address: string;
  contacts: string;
  cancel: string;
  defaultCancel: (phone: string, email: string) => string;
  at: string;
  reminderSubject: (clinic: string) => string;
  cancelledSubject: (clinic: string, date: string, time: string) => string;
  cancelledText: (name: string, date: string, time: string, phone: string) => string;
  movedSubject: (clinic: string, date: string, time: string) => string;
  movedText: (name: string, from: string, to: string, phone: string) => string;
  reminderDefault: string;
  optOutLine: (url: string) => string;
}

export const wording: Record<Lang, Wording> = {
  et: {
    noticeSubject: (c, d, t) => `${c}: vastuvõtt ${d} kell ${t}`,
    noticeTitle: 'Teatis vastuvõtu aja kohta',
    noticeIntro: (n) => `Lugupeetud ${n}! Olete registreeritud vastuvõtule.`,
    time: 'Aeg',
    professional: 'Arst',
    address: 'Aadress',
    contacts: 'Kontaktid',
    cancel: 'Aja muutmine või tühistamine',
    defaultCancel: (p, e) =>
      `Palun teatage aja muutmisest või tühistamisest vähemalt 24 tundi ette: ${[p, e].filter(Boolean).join(', ')}.`,
    at: 'kell',
    cancelledSubject: (c, d, t) => `${c}: vastuvõtt ${d} kell ${t} on tühistatud`,
    cancelledText: (n, d, t, p) =>
      `Lugupeetud ${n}! Kahjuks tuli kliinikul Teie vastuvõtt ${d} kell ${t} tühistada. Uue aja leidmiseks helistage ${p}.`,
    movedSubject: (c, d, t) => `${c}: Teie vastuvõtt on nüüd ${d} kell ${t}`,
    movedText: (n, f, t, p) =>
      `Lugupeetud ${n}! Kliinik pidi Teie vastuvõtu aega muutma: ${f} asemel on uus aeg ${t}. Kui see aeg ei sobi, helistage ${p}.`,
    reminderSubject: (c) => `${c}: meeldetuletus`,
    reminderDefault:
      '{clinic}: meeldetuletus – Teie vastuvõtt on {date} kell {time}. Muutmiseks või tühistamiseks: {phone}.',
    optOutLine: (u) => `Meeldetuletustest loobumine: ${u}`,
  },
  lv: {
    noticeSubject: (c, d, t) => `${c}: vizīte ${d} plkst. ${t}`,
    noticeTitle: 'Paziņojums par vizītes laiku',
    noticeIntro: (n) => `Cienījamais(-ā) ${n}! Jūs esat pierakstīts(-a) uz vizīti.`,
    time: 'Laiks',
    professional: 'Ārsts',
    address: 'Adrese',
    contacts: 'Kontakti',
    cancel: 'Vizītes maiņa vai atcelšana',
    defaultCancel: (p, e) =>
      `Lūdzu, paziņojiet par vizītes maiņu vai atcelšanu vismaz 24 stundas iepriekš: ${[p, e].filter(Boolean).join(', ')}.`,
    at: 'plkst.',
    cancelledSubject: (c, d, t) => `${c}: vizīte ${d} plkst. ${t} ir atcelta`,
    cancelledText: (n, d, t, p) =>
      `Cienījamais(-ā) ${n}! Diemžēl klīnikai bija jāatceļ Jūsu vizīte ${d} plkst. ${t}. Lai vienotos par jaunu laiku, zvaniet ${p}.`,
    movedSubject: (c, d, t) => `${c}: Jūsu vizīte tagad ir ${d} plkst. ${t}`,
    movedText: (n, f, t, p) =>
      `Cienījamais(-ā) ${n}! Klīnikai bija jāmaina Jūsu vizītes laiks: ${f} vietā jaunais laiks ir ${t}. Ja šis laiks neder, zvaniet ${p}.`,
    reminderSubject: (c) => `${c}: atgādinājums`,
    reminderDefault: '{clinic}: atgādinājums – Jūsu vizīte ir {date} plkst. {time}. Maiņai vai atcelšanai: {phone}.',
    optOutLine: (u) => `Atteikties no atgādinājumiem: ${u}`,
  },
  en: {
    noticeSubject: (c, d, t) => `${c}: appointment on ${d} at ${t}`,
    noticeTitle: 'Notice of your appointment',
    noticeIntro: (n) => `Dear ${n}, you have been registered for an appointment.`,
    time: 'Time',
    professional: 'Doctor',
    address: 'Address',
    contacts: 'Contacts',
    cancel: 'Changing or cancelling',
    defaultCancel: (p, e) =>
      `Please let us know at least 24 hours in advance if you need to change or cancel: ${[p, e].filter(Boolean).join(', ')}.`,
    at: 'at',
    cancelledSubject: (c, d, t) => `${c}: your appointment on ${d} at ${t} is cancelled`,
    cancelledText: (n, d, t, p) =>
      `Dear ${n}, unfortunately the clinic had to cancel your appointment on ${d} at ${t}. To find a new time, please call ${p}.`,
    movedSubject: (c, d, t) => `${c}: your appointment is now on ${d} at ${t}`,
    movedText: (n, f, t, p) =>
      `Dear ${n}, the clinic had to change the time of your appointment: instead of ${f}, the new time is ${t}. If it does not suit you, please call ${p}.`,
    reminderSubject: (c) => `${c}: reminder`,
    reminderDefault: '{clinic}: reminder – your appointment is on {date} at {time}. To change or cancel: {phone}.',
    optOutLine: (u) => `Stop reminders: ${u}`,
  },
  ru: {
    noticeSubject: (c, d, t) => `${c}: приём ${d} в ${t}`,
    noticeTitle: 'Уведомление о времени приёма',
    noticeIntro: (n) => `Уважаемый(-ая) ${n}! Вы записаны на приём.`,
    time: 'Время',
    professional: 'Врач',
    address: 'Адрес',
    contacts: 'Контакты',
    cancel: 'Изменение или отмена',
    defaultCancel: (p, e) =>
      `Пожалуйста, сообщите об изменении или отмене не позднее чем за 24 часа: ${[p, e].filter(Boolean).join(', ')}.`,
    at: 'в',
    cancelledSubject: (c, d, t) => `${c}: приём ${d} в ${t} отменён`,
    cancelledText: (n, d, t, p) =>
      `Уважаемый(-ая) ${n}! К сожалению, клинике пришлось отменить ваш приём ${d} в ${t}. Чтобы подобрать новое время, позвоните ${p}.`,
    movedSubject: (c, d, t) => `${c}: ваш приём перенесён на ${d} в ${t}`,
    movedText: (n, f, t, p) =>
      `Уважаемый(-ая) ${n}! Клинике пришлось изменить время вашего приёма: вместо ${f} новое время — ${t}. Если оно вам не подходит, позвоните ${p}.`,
    reminderSubject: (c) => `${c}: напоминание`,
    reminderDefault: '{clinic}: напоминание – ваш приём {date} в {time}. Для изменения или отмены: {phone}.',
    optOutLine: (u) => `Отказаться от напоминаний: ${u}`,
  },
};

/** Fills {placeholders}; unknown ones are left out rather than shown raw. */
export function fill(template: string, values: Record<string, string>): string {
  return template
    .replace(/\{(\w+)\}/g, (_m, k: string) => values[k] ?? '')
    .replace(/\s{2,}/g, ' ')
    .trim();
}
