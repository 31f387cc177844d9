import type { RefusalReason, RequestKind } from './requests.schema';

type Language = 'et' | 'lv' | 'en' | 'ru';
/** The steps the person is told of: the extension notice (Art. 12(3)) and the answer. */
export type ToldStep = 'extended' | 'answered' | 'refused' | 'erasure_decided';

export interface AnswerFacts {
  clinic: string;
  kind: RequestKind;
  receivedOn: string;
  extendedDueOn: string | null;
  extensionReasons: string | null;
  answer: string | null;
  refusalReason: RefusalReason | null;
  authority: string | null;
  /** Set when the answer is read in the portal: the mail only says it is there. */
  portalUrl: string | null;
}

const kinds: Record<Language, Record<RequestKind, string>> = {
  et: {
    access: 'juurdepääs andmetele',
    portability: 'andmete ülekandmine',
    rectification: 'andmete parandamine',
    erasure: 'andmete kustutamine',
    restriction: 'töötlemise piiramine',
    objection: 'vastuväide töötlemisele',
    consent_withdrawal: 'nõusoleku tagasivõtmine',
  },
  lv: {
    access: 'piekļuve datiem',
    portability: 'datu pārnesamība',
    rectification: 'datu labošana',
    erasure: 'datu dzēšana',
    restriction: 'apstrādes ierobežošana',
    objection: 'iebildums pret apstrādi',
    consent_withdrawal: 'piekrišanas atsaukšana',
  },
  en: {
    access: 'access to your data',
    portability: 'data portability',
    rectification: 'rectification',
    erasure: 'erasure',
    restriction: 'restriction of processing',
    objection: 'objection to processing',
    consent_withdrawal: 'withdrawal of consent',
  },
  ru: {
    access: 'доступ к данным',
    portability: 'перенос данных',
    rectification: 'исправление данных',
    erasure: 'удаление данных',
    restriction: 'ограничение обработки',
    objection: 'возражение против обработки',
    consent_withdrawal: 'отзыв согласия',
  },
};

interface Wording {
  subject: (clinic: string) => string;
  hello: string;
  about: (kind: string, received: string) => string;
  extended: (until: string, reasons: string) => string;
  answered: string;
  refused: (reason: string) => string;
  inPortal: (url: string) => string;
  complain: (authority: string) => string;
}

const words: Record<Language, Wording> = {
  et: {
    subject: (c) => `${c}: teie andmekaitsetaotlus`,
    hello: 'Tere!',
    about: (k, d) => `Teie taotlus (${k}) saabus meile ${d}.`,
    extended: (u, r) => `Vajame vastamiseks rohkem aega ja vastame hiljemalt ${u}. Põhjus: ${r}`,
    answered: 'Meie vastus:',
    refused: (r) => `Me ei saa teie taotlust täita. Õiguslik alus: ${r}.`,
    inPortal: (u) => `Vastus on teile patsiendiportaalis. Lugemiseks logige sisse: ${u}`,
    complain: (a) => `Kui te vastusega ei nõustu, võite pöörduda asutuse ${a} poole.`,
  },
  lv: {
    subject: (c) => `${c}: jūsu datu aizsardzības pieprasījums`,
    hello: 'Labdien!',
    about: (k, d) => `Jūsu pieprasījumu (${k}) saņēmām ${d}.`,
    extended: (u, r) => `Atbildei mums vajadzīgs vairāk laika, un mēs atbildēsim ne vēlāk kā ${u}. Iemesls: ${r}`,
    answered: 'Mūsu atbilde:',
    refused: (r) => `Mēs nevaram izpildīt jūsu pieprasījumu. Juridiskais pamats: ${r}.`,
    inPortal: (u) => `Atbilde jums ir pieejama pacientu portālā. Lai to izlasītu, piesakieties: ${u}`,
    complain: (a) => `Ja nepiekrītat atbildei, varat vērsties iestādē ${a}.`,
  },
  en: {
    subject: (c) => `${c}: your data protection request`,
    hello: 'Hello,',
    about: (k, d) => `We received your request (${k}) on ${d}.`,
    extended: (u, r) => `We need more time to answer and will answer by ${u} at the latest. The reason: ${r}`,
    answered: 'Our answer:',
    refused: (r) => `We cannot grant your request. The legal reason: ${r}.`,
    inPortal: (u) => `Your answer is waiting in the patient portal. Sign in to read it: ${u}`,
    complain: (a) => `If you disagree with the answer, you may complain to ${a}.`,
  },
  ru: {
    subject: (c) => `${c}: ваш запрос о защите данных`,
    hello: 'Здравствуйте!',
    about: (k, d) => `Ваш запрос (${k}) поступил к нам ${d}.`,
    extended: (u, r) => `Нам нужно больше времени, и мы ответим не позднее ${u}. Причина: ${r}`,
    answered: 'Наш ответ:',
    refused: (r) => `Мы не можем выполнить ваш запрос. Правовое основание: ${r}.`,
    inPortal: (u) => `Ответ ждёт вас на портале пациента. Войдите, чтобы прочитать его: ${u}`,
    complain: (a) => `Если вы не согласны с ответом, вы можете обратиться в ${a}.`,
  },
};

/** The refusal reasons with their article, as the person reads them. */
const reasons: Record<Language, Record<RefusalReason, string>> = {
  et: {
    identity_not_established: 'isikut ei õnnestunud tuvastada (IKÜM art 12 lg 2)',
    manifestly_unfounded: 'taotlus on ilmselgelt põhjendamatu (IKÜM art 12 lg 5)',
    excessive: 'taotlus on ülemäärane (IKÜM art 12 lg 5)',
    rights_of_others: 'vastus kahjustaks teiste isikute õigusi (IKÜM art 15 lg 4)',
    legal_claims: 'andmed on vajalikud õigusnõuete jaoks (IKÜM art 17 lg 3 p e)',
    legal_retention_duty: 'seadusest tulenev säilitamiskohustus (IKÜM art 17 lg 3 p b)',
    crime_prevention: 'süütegude tõkestamine või menetlemine (IKÜM art 23)',
    national_security: 'riigi julgeolek (IKÜM art 23)',
  },
  lv: {
    identity_not_established: 'identitāti neizdevās noskaidrot (VDAR 12. panta 2. punkts)',
    manifestly_unfounded: 'pieprasījums ir acīmredzami nepamatots (VDAR 12. panta 5. punkts)',
    excessive: 'pieprasījums ir pārmērīgs (VDAR 12. panta 5. punkts)',
    rights_of_others: 'atbilde nelabvēlīgi ietekmētu citu personu tiesības (VDAR 15. panta 4. punkts)',
    legal_claims: 'dati vajadzīgi likumīgām prasībām (VDAR 17. panta 3. punkta e) apakšpunkts)',
    legal_retention_duty: 'likumā noteikts glabāšanas pienākums (VDAR 17. panta 3. punkta b) apakšpunkts)',
    crime_prevention: 'noziedzīgu nodarījumu novēršana vai izmeklēšana (VDAR 23. pants)',
    national_security: 'valsts drošība (VDAR 23. pants)',
  },
  en: {
    identity_not_established: 'your identity could not be established (GDPR Art. 12(2))',
    manifestly_unfounded: 'the request is manifestly unfounded (GDPR Art. 12(5))',
    excessive: 'the request is excessive (GDPR Art. 12(5))',
    rights_of_others: 'answering would adversely affect the rights of others (GDPR Art. 15(4))',
    legal_claims: 'the data is needed for legal claims (GDPR Art. 17(3)(e))',
    legal_retention_duty: 'a legal duty to keep the data (GDPR Art. 17(3)(b))',
    crime_prevention: 'the prevention or investigation of offences (GDPR Art. 23)',
    national_security: 'national security (GDPR Art. 23)',
  },
  ru: {
    identity_not_established: 'не удалось установить вашу личность (ст. 12(2) GDPR)',
    manifestly_unfounded: 'запрос явно необоснован (ст. 12(5) GDPR)',
    excessive: 'запрос чрезмерен (ст. 12(5) GDPR)',
    rights_of_others: 'ответ нарушил бы права других лиц (ст. 15(4) GDPR)',
    legal_claims: 'данные необходимы для правовых требований (ст. 17(3)(e) GDPR)',
    legal_retention_duty: 'обязанность хранить данные по закону (ст. 17(3)(b) GDPR)',
    crime_prevention: 'предотвращение или расследование правонарушений (ст. 23 GDPR)',
    national_security: 'государственная безопасность (ст. 23 GDPR)',
  },
};

const dateFor = (lang: Language, iso: string) => (lang === 'en' ? iso : iso.split('-').reverse().join('.'));

/**
 * The e-mail telling the person of a step, in their language: the extension with its reasons, or
 * the answer (the refusal with its legal reason and the authority to complain to). When the
 * answer is read in the portal, the mail says only that it is there.
 */
export function answerMail(lang: Language, step: ToldStep, f: AnswerFacts): { subject: string; text: string } {
  const w = words[lang];
  const lines = [w.hello, '', w.about(kinds[lang][f.kind], dateFor(lang, f.receivedOn)), ''];
  if (step === 'extended') lines.push(w.extended(dateFor(lang, f.extendedDueOn ?? ''), f.extensionReasons ?? ''));
  else if (f.portalUrl) lines.push(w.inPortal(f.portalUrl));
  else {
    if (step === 'refused' && f.refusalReason) lines.push(w.refused(reasons[lang][f.refusalReason]), '');
    else lines.push(w.answered, '');
    lines.push(f.answer ?? '');
    if (step === 'refused' && f.authority) lines.push('', w.complain(f.authority));
  }
  lines.push('', f.clinic, '');
  return { subject: w.subject(f.clinic), text: lines.join('\n') };
}
