import type { Language } from '../../shell/feature';
import { en } from './i18n/en';
import { et } from './i18n/et';
import { lv } from './i18n/lv';
import { ru } from './i18n/ru';

export const retentionStrings: Record<Language, Record<string, unknown>> = { et, lv, en, ru };
