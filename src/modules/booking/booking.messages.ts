/** What a person is told when their booking request ends without a visit, in the language they wrote in. */
export type RequestEnd = 'declined' | 'expired';
type Lang = 'et' | 'lv' | 'en' | 'ru';

const words: Record<
  Lang,
  {
    subject: (clinic: string) => string;
    hello: (name: string) => string;
    declined: string;
    expired: string;
    contact: (how: string) => string;
  }
> = {
  et: {
    subject: (c) => `${c}: vastus teie broneerimissoovile`,
    hello: (n) => `Tere, ${n}!`,
    declined: 'Me ei saa teie broneerimissoovi kahjuks kinnitada.',
    expired:
      'Vabandame: me ei jõudnud teie broneerimissoovile õigel ajal vastata ja soov on aegunud. Palun valige uus aeg või võtke meiega ühendust.',
    contact: (h) => `Küsimuste korral: ${h}`,
  },
  lv: {
    subject: (c) => `${c}: atbilde uz jūsu pieraksta pieprasījumu`,
    hello: (n) => `Labdien, ${n}!`,
    declined: 'Diemžēl mēs nevaram apstiprināt jūsu pieraksta pieprasījumu.',
    expired:
      'Atvainojamies: mēs laikus neatbildējām uz jūsu pieraksta pieprasījumu, un tā termiņš ir beidzies. Lūdzu, izvēlieties jaunu laiku vai sazinieties ar mums.',
    contact: (h) => `Jautājumu gadījumā: ${h}`,
  },
  en: {
    subject: (c) => `${c}: about your booking request`,
    hello: (n) => `Hello ${n},`,
    declined: 'We are sorry, we cannot confirm your booking request.',
    expired:
      'We are sorry: we did not answer your booking request in time and it has lapsed. Please choose a new time or contact us.',
    contact: (h) => `Questions: ${h}`,
  },
  ru: {
    subject: (c) => `${c}: ответ на вашу заявку на запись`,
    hello: (n) => `Здравствуйте, ${n}!`,
    declined: 'К сожалению, мы не можем подтвердить вашу заявку на запись.',
    expired:
      'Приносим извинения: мы не успели ответить на вашу заявку на запись, и её срок истёк. Пожалуйста, выберите новое время или свяжитесь с нами.',
    contact: (h) => `По вопросам: ${h}`,
  },
};

/** The e-mail (and the shorter SMS) telling the person that their request ended, with the clinic's message. */
export function requestEndMessage(
  lang: Lang,
  end: RequestEnd,
  p: { clinic: string; firstName: string; message: string | null; contacts: string | null },
) {
  const w = words[lang];
  const lines = [w.hello(p.firstName), '', w[end]];
  if (end === 'declined' && p.message) lines.push('', p.message);
  if (p.contacts) lines.push('', w.contact(p.contacts));
  lines.push('', p.clinic);
  const sms = [
    `${p.clinic}: ${w[end]}`,
    end === 'declined' ? p.message : null,
    p.contacts ? w.contact(p.contacts) : null,
  ]
    .filter(Boolean)
    .join(' ');
  return { subject: w.subject(p.clinic), text: lines.join('\n'), sms };
}
