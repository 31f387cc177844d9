export type PortalLang = 'et' | 'lv' | 'en' | 'ru';

export interface SignInLink {
  name: string;
  url: string;
}

interface Wording {
  subject: (clinic: string) => string;
  body: (v: SignInLetter) => string;
}

export interface SignInLetter {
  clinic: string;
  links: SignInLink[];
  minutes: number;
  /** The people the one signing in may act for as their representative. */
  represents: string[];
}

const list = (links: SignInLink[], one: (url: string) => string) =>
  links.length === 1 ? one(links[0]!.url) : links.map((l) => `${l.name}: ${l.url}`).join('\n');

const also = (names: string[], words: string) => (names.length > 0 ? `\n\n${words}${names.join(', ')}.` : '');

/** The sign-in letter of the patient portal, in the patient's language. */
export const signInLetters: Record<PortalLang, Wording> = {
  et: {
    subject: (c) => `${c}: sisselogimislink patsiendiportaali`,
    body: (v) =>
      `Tere!\n\nKeegi (loodetavasti teie) palus linki, et siseneda kliiniku ${v.clinic} patsiendiportaali. Portaalis näete, kes on teie andmeid vaadanud, ning saate oma nõusolekuid anda ja tagasi võtta.\n\n${list(v.links, (u) => `Sisenemiseks avage see link:\n${u}`)}${also(v.represents, 'Portaalis saate tegutseda ka nende eest, keda esindate: ')}\n\nLink kehtib ${v.minutes} minutit ja seda saab kasutada ühe korra. Kui te linki ei küsinud, jätke see kiri lihtsalt tähelepanuta – ilma lingita ei pääse keegi teie andmetele ligi.\n\n${v.clinic}\n`,
  },
  lv: {
    subject: (c) => `${c}: pieteikšanās saite pacienta portālam`,
    body: (v) =>
      `Labdien!\n\nKāds (cerams, jūs) pieprasīja saiti, lai pieteiktos ${v.clinic} pacienta portālā. Portālā varat redzēt, kas ir skatījis jūsu datus, kā arī dot un atsaukt savas piekrišanas.\n\n${list(v.links, (u) => `Lai pieteiktos, atveriet šo saiti:\n${u}`)}${also(v.represents, 'Portālā varat rīkoties arī to personu vārdā, kuras pārstāvat: ')}\n\nSaite ir derīga ${v.minutes} minūtes, un to var izmantot tikai vienu reizi. Ja jūs saiti nepieprasījāt, vienkārši neņemiet šo vēstuli vērā – bez saites neviens nevar piekļūt jūsu datiem.\n\n${v.clinic}\n`,
  },
  en: {
    subject: (c) => `${c}: your sign-in link to the patient portal`,
    body: (v) =>
      `Hello,\n\nSomeone (hopefully you) asked for a link to sign in to the patient portal of ${v.clinic}. In the portal you can see who has looked at your data and give or withdraw your consents.\n\n${list(v.links, (u) => `To sign in, open this link:\n${u}`)}${also(v.represents, 'In the portal you can also act for those you represent: ')}\n\nThe link is valid for ${v.minutes} minutes and works only once. If you did not ask for it, simply ignore this e-mail: nobody can reach your data without the link.\n\n${v.clinic}\n`,
  },
  ru: {
    subject: (c) => `${c}: ссылка для входа на портал пациента`,
    body: (v) =>
      `Здравствуйте!\n\nКто-то (надеемся, что вы) запросил ссылку для входа на портал пациента клиники ${v.clinic}. На портале можно увидеть, кто просматривал ваши данные, а также дать или отозвать свои согласия.\n\n${list(v.links, (u) => `Чтобы войти, откройте эту ссылку:\n${u}`)}${also(v.represents, 'На портале вы также можете действовать от имени тех, кого представляете: ')}\n\nСсылка действует ${v.minutes} минут и срабатывает только один раз. Если вы её не запрашивали, просто не обращайте внимания на это письмо: без ссылки никто не получит доступа к вашим данным.\n\n${v.clinic}\n`,
  },
};

/** The sign-in text message (a link asked for by mobile), in the person's language. */
export const signInTexts: Record<PortalLang, (v: SignInLetter) => string> = {
  et: (v) => `${v.clinic}: sisselogimislink patsiendiportaali (kehtib ${v.minutes} min):\n${urls(v.links)}`,
  lv: (v) => `${v.clinic}: pieteikšanās saite pacienta portālam (derīga ${v.minutes} min):\n${urls(v.links)}`,
  en: (v) => `${v.clinic}: your sign-in link to the patient portal (valid ${v.minutes} min):\n${urls(v.links)}`,
  ru: (v) => `${v.clinic}: ссылка для входа на портал пациента (действует ${v.minutes} мин):\n${urls(v.links)}`,
};
const urls = (links: SignInLink[]) => list(links, (u) => u);
