import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { Language, WebFeature } from './feature';
import { reasonWords } from './reason-words';
import { shellStrings } from './shell.i18n';

const stored = (typeof localStorage !== 'undefined' && localStorage.getItem('hoidja.lang')) as Language | null;

/** One i18next instance for the app: the shell's strings plus every feature's namespace. */
export function initI18n(features: WebFeature[]) {
  const resources: Record<string, Record<string, Record<string, unknown>>> = {};
  for (const lang of ['et', 'lv', 'en', 'ru'] as Language[]) {
    resources[lang] = { shell: shellStrings[lang], reasons: reasonWords[lang] };
    for (const f of features) resources[lang]![f.id] = f.i18n[lang];
  }
  void i18next.use(initReactI18next).init({
    resources,
    lng: stored ?? 'et',
    fallbackLng: 'en',
    defaultNS: 'shell',
    ns: ['shell', 'reasons', ...features.map((f) => f.id)],
    interpolation: { escapeValue: false },
  });
  document.documentElement.lang = i18next.language;
  return i18next;
}

export function setLanguage(lang: Language) {
  localStorage.setItem('hoidja.lang', lang);
  void i18next.changeLanguage(lang);
  document.documentElement.lang = lang;
}
