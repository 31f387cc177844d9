import { wordings } from '../notices/notice.build';
import { localize } from '../notices/notice.document';
import type { LocalizedText, NoticeLanguage, Register } from '../register/register.model';

/** The small public page behind a withdrawal link, in the person's language. */
const words = {
  et: {
    title: 'Nõusoleku tagasivõtmine',
    ask: 'Võtate tagasi oma nõusoleku:',
    button: 'Võtan nõusoleku tagasi',
    done: 'Nõusolek on tagasi võetud. Me ei töötle teie andmeid sel eesmärgil enam.',
    already: 'Nõusolek on juba tagasi võetud.',
    objectAsk: 'Esitate vastuväite töötlemisele:',
    objectButton: 'Esitan vastuväite',
    objectDone: 'Vastuväide on registreeritud. Lõpetame töötlemise sel eesmärgil.',
  },
  lv: {
    title: 'Piekrišanas atsaukšana',
    ask: 'Jūs atsaucat savu piekrišanu:',
    button: 'Atsaukt piekrišanu',
    done: 'Piekrišana ir atsaukta. Mēs vairs neapstrādāsim jūsu datus šim nolūkam.',
    already: 'Piekrišana jau ir atsaukta.',
    objectAsk: 'Jūs iebilstat pret apstrādi:',
    objectButton: 'Iebilst',
    objectDone: 'Iebildums ir reģistrēts. Mēs pārtraucam apstrādi šim nolūkam.',
  },
  en: {
    title: 'Withdrawing consent',
    ask: 'You are withdrawing your consent to:',
    button: 'Withdraw my consent',
    done: 'Your consent has been withdrawn. We no longer process your data for this purpose.',
    already: 'This consent has already been withdrawn.',
    objectAsk: 'You are objecting to:',
    objectButton: 'Object',
    objectDone: 'Your objection is recorded. We stop processing your data for this purpose.',
  },
  ru: {
    title: 'Отзыв согласия',
    ask: 'Вы отзываете своё согласие на:',
    button: 'Отозвать согласие',
    done: 'Согласие отозвано. Мы больше не обрабатываем ваши данные для этой цели.',
    already: 'Согласие уже отозвано.',
    objectAsk: 'Вы возражаете против обработки:',
    objectButton: 'Возразить',
    objectDone: 'Возражение зарегистрировано. Мы прекращаем обработку ваших данных для этой цели.',
  },
} satisfies Record<NoticeLanguage, Record<string, string>>;

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export function pickLanguage(reg: Register, asked: string | undefined): NoticeLanguage {
  return (['et', 'lv', 'en', 'ru'] as const).find((l) => l === asked) ?? reg.languages[0]!;
}

export function withdrawPage(opts: {
  lang: NoticeLanguage;
  register: Register;
  purposeName: LocalizedText;
  token: string;
  state: 'ask' | 'done' | 'already';
  objection: boolean;
}): string {
  const w = words[opts.lang];
  const name = localize(opts.purposeName, opts.lang, opts.register.languages, wordings[opts.lang].fallback);
  const body =
    opts.state === 'ask'
      ? `<p>${esc(opts.objection ? w.objectAsk : w.ask)}</p><p><strong>${esc(name)}</strong></p>
<form method="post" action="/consents/withdraw?lang=${opts.lang}"><input type="hidden" name="token" value="${esc(opts.token)}"><button type="submit">${esc(opts.objection ? w.objectButton : w.button)}</button></form>`
      : `<p role="status">${esc(opts.state === 'already' ? w.already : opts.objection ? w.objectDone : w.done)}</p><p><strong>${esc(name)}</strong></p>`;
  return `<!doctype html><html lang="${opts.lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${esc(w.title)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:36rem;margin:3rem auto;padding:0 1rem;line-height:1.5}button{font-size:1.1rem;padding:.6rem 1.2rem}</style></head>
<body><h1>${esc(w.title)}</h1><p>${esc(opts.register.controllers.map((c) => c.name).join(', '))}</p>${body}</body></html>`;
}
