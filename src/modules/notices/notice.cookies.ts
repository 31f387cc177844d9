import type { Cookie, CookieCategory, LocalizedText, NoticeLanguage, Register } from '../register/register.model';
import type { Block } from './notice.document';
import type { Wording } from './notice.wording';

interface CookieWording {
  heading: string;
  category: Record<CookieCategory, string>;
  technology: Record<Exclude<Cookie['technology'], 'cookie'>, string>;
  /** Who sets it. */
  setBy: string;
  /** How long it stays: a period from the notice's wording, or until the browser is closed. */
  kept(period: string | null): string;
  /** Strictly necessary ones go without consent; `law` is the country's act beside the directive. */
  necessaryNote(law: string): string;
  consentNote(law: string): string;
  /** The national act that transposes ePrivacy Art. 5(3), in this language, per country. */
  law: Record<'EE' | 'LV', string>;
}

// Each country's act on storing information in a user's device, beside the ePrivacy Directive.
const cookieWordings: Record<NoticeLanguage, CookieWording> = {
  et: {
    heading: 'Küpsised ja sarnased tehnoloogiad',
    category: {
      necessary: 'Hädavajalikud küpsised',
      preferences: 'Eelistuste küpsised',
      statistics: 'Statistikaküpsised',
      marketing: 'Turundusküpsised',
    },
    technology: { local_storage: 'brauseri kohalik salvestus', pixel: 'jälgimispiksel' },
    setBy: 'Seadja',
    kept: (p) => (p ? `säilib ${p}` : 'säilib kuni brauseri sulgemiseni'),
    necessaryNote: (law) =>
      `Hädavajalikke küpsiseid kasutame ilma nõusolekuta, sest ilma nendeta veebileht ei tööta (e-privaatsuse direktiivi 2002/58/EÜ artikli 5 lõige 3, ${law}).`,
    consentNote: (law) =>
      `Muid küpsiseid ja sarnaseid tehnoloogiaid kasutame ainult teie nõusolekul (e-privaatsuse direktiivi 2002/58/EÜ artikli 5 lõige 3, ${law}). Nõusoleku saate anda ja igal ajal tagasi võtta veebilehe küpsiste seadetes; tagasivõtmine ei mõjuta enne seda toimunud töötlemise seaduslikkust.`,
    law: { EE: 'elektroonilise side seadus', LV: 'Läti infoühiskonna teenuste seadus' },
  },
  lv: {
    heading: 'Sīkdatnes un līdzīgas tehnoloģijas',
    category: {
      necessary: 'Nepieciešamās sīkdatnes',
      preferences: 'Izvēļu sīkdatnes',
      statistics: 'Statistikas sīkdatnes',
      marketing: 'Mārketinga sīkdatnes',
    },
    technology: { local_storage: 'pārlūkprogrammas lokālā krātuve', pixel: 'izsekošanas pikselis' },
    setBy: 'Iestata',
    kept: (p) => (p ? `glabājas ${p}` : 'glabājas līdz pārlūkprogrammas aizvēršanai'),
    necessaryNote: (law) =>
      `Nepieciešamās sīkdatnes izmantojam bez piekrišanas, jo bez tām tīmekļvietne nedarbojas (Direktīvas 2002/58/EK 5. panta 3. punkts, ${law}).`,
    consentNote: (law) =>
      `Citas sīkdatnes un līdzīgas tehnoloģijas izmantojam tikai ar jūsu piekrišanu (Direktīvas 2002/58/EK 5. panta 3. punkts, ${law}). Piekrišanu varat dot un jebkurā laikā atsaukt tīmekļvietnes sīkdatņu iestatījumos; atsaukums neietekmē līdz tam veiktās apstrādes likumību.`,
    law: { EE: 'Igaunijas Elektronisko sakaru likums', LV: 'Informācijas sabiedrības pakalpojumu likums' },
  },
  en: {
    heading: 'Cookies and similar technologies',
    category: {
      necessary: 'Strictly necessary cookies',
      preferences: 'Preference cookies',
      statistics: 'Statistics cookies',
      marketing: 'Marketing cookies',
    },
    technology: { local_storage: "the browser's local storage", pixel: 'tracking pixel' },
    setBy: 'Set by',
    kept: (p) => (p ? `kept for ${p}` : 'kept until the browser is closed'),
    necessaryNote: (law) =>
      `We use strictly necessary cookies without consent, because the website does not work without them (Article 5(3) of Directive 2002/58/EC, ${law}).`,
    consentNote: (law) =>
      `We use other cookies and similar technologies only with your consent (Article 5(3) of Directive 2002/58/EC, ${law}). You can give or withdraw it at any time in the cookie settings of the website; withdrawing does not affect the lawfulness of the processing before it.`,
    law: { EE: 'the Estonian Electronic Communications Act', LV: 'the Latvian Information Society Services Law' },
  },
  ru: {
    heading: 'Файлы cookie и аналогичные технологии',
    category: {
      necessary: 'Строго необходимые файлы cookie',
      preferences: 'Файлы cookie настроек',
      statistics: 'Статистические файлы cookie',
      marketing: 'Маркетинговые файлы cookie',
    },
    technology: { local_storage: 'локальное хранилище браузера', pixel: 'пиксель отслеживания' },
    setBy: 'Устанавливает',
    kept: (p) => (p ? `хранится ${p}` : 'хранится до закрытия браузера'),
    necessaryNote: (law) =>
      `Строго необходимые файлы cookie мы используем без согласия, так как без них веб-сайт не работает (пункт 3 статьи 5 Директивы 2002/58/ЕС, ${law}).`,
    consentNote: (law) =>
      `Другие файлы cookie и аналогичные технологии мы используем только с вашего согласия (пункт 3 статьи 5 Директивы 2002/58/ЕС, ${law}). Согласие можно дать и в любой момент отозвать в настройках файлов cookie на веб-сайте; отзыв не влияет на законность обработки до него.`,
    law: { EE: 'Закон Эстонии об электронной связи', LV: 'Закон Латвии об услугах информационного общества' },
  },
};

const order: CookieCategory[] = ['necessary', 'preferences', 'statistics', 'marketing'];

/**
 * The notice's part on cookies: each category the website uses with its cookies, the rule that
 * only strictly necessary ones go without consent, and how consent is given and withdrawn. Said
 * only when the register lists cookies, and the consent sentence only when some need consent.
 */
export function cookieBlocks(
  reg: Register,
  lang: NoticeLanguage,
  w: Wording,
  t: (text: LocalizedText | undefined) => string,
): Block[] {
  if (reg.cookies.length === 0) return [];
  const cw = cookieWordings[lang];
  const law = cw.law[reg.country];
  const own = reg.controllers[0]!.tradeName ?? reg.controllers[0]!.name;
  const blocks: Block[] = [{ type: 'heading', level: 3, text: cw.heading }];
  if (reg.cookies.some((c) => c.category === 'necessary'))
    blocks.push({ type: 'paragraph', text: cw.necessaryNote(law) });
  if (reg.cookies.some((c) => c.category !== 'necessary'))
    blocks.push({ type: 'paragraph', text: cw.consentNote(law) });
  for (const category of order) {
    const cookies = reg.cookies.filter((c) => c.category === category);
    if (cookies.length === 0) continue;
    blocks.push({ type: 'paragraph', text: cw.category[category], strong: true });
    blocks.push({
      type: 'list',
      items: cookies.map((c) => {
        const tech = c.technology === 'cookie' ? '' : ` (${cw.technology[c.technology]})`;
        const kept = cw.kept(c.duration === 'session' ? null : w.period(c.duration));
        const desc = t(c.description);
        return {
          term: `${c.name}${tech}`,
          text: `${/[.!?…]$/.test(desc) ? desc : `${desc}.`} ${cw.setBy}: ${c.provider ?? own}; ${kept}.`,
        };
      }),
    });
  }
  return blocks;
}
