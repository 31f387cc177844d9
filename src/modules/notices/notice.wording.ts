import type { SupervisoryAuthority } from '../../rules/supervisory-authorities';
import type {
  answerWays,
  identityWays,
  LegalBasis,
  NoticeLanguage,
  RecipientRole,
  Register,
  RetentionPeriod,
  retentionStarts,
  SpecialCondition,
} from '../register/register.model';

export type RightKey =
  | 'access'
  | 'rectification'
  | 'erasure'
  | 'restriction'
  | 'portability'
  | 'objection'
  | 'withdrawal'
  | 'automated';
export type RetentionStart = (typeof retentionStarts)[number];
export type EndAction = 'delete' | 'anonymise' | 'archive';
type Channel = Register['requestChannels'][number];
type Safeguard = Exclude<Register['recipients'][number]['transfer'], 'none'>['safeguard'];

/**
 * Everything a notice says that does not come from the register, in one language. Each
 * language is written on its own terms (its citation style, its word for the regulation),
 * not translated sentence by sentence.
 */
export interface Wording {
  lang: NoticeLanguage;
  /** "[in English]": marks register text shown in another language than the notice. */
  fallback(from: NoticeLanguage): string;
  title: string;
  subtitle(controllers: string, plural: boolean): string;
  /** A date as a lawyer of the country writes it, from YYYY-MM-DD. */
  date(iso: string): string;
  updated(date: string): string;
  version(n: number, date: string): string;
  headings: {
    controller: string;
    contact: string;
    subjects: string;
    sources: string;
    categories: string;
    purposes: string;
    recipients: string;
    processors: string;
    thirdParties: string;
    transfers: string;
    retention: string;
    security: string;
    rights: string;
    exercise: string;
    answer: string;
    complaints: string;
    changes: string;
  };
  intro(controllers: string, plural: boolean): string;
  /** The controller and its registry code, in the terms of the controller's country. */
  controllerLine(name: string, registryCode: string, country: string): string;
  labels: {
    address: string;
    email: string;
    phone: string;
    website: string;
    board: string;
    /** The name patients know the controller by, beside its legal name. */
    tradeName: string;
    role: string;
    activities: string;
    categories: string;
    basis: string;
    special: string;
    interest: string;
    consent: string;
    legalSource: string;
    recipients: string;
    controllers: string;
    subjects: string;
    sources: string;
    specialMark: string;
  };
  joint(arrangement: string): string;
  dpoIntro: string;
  subjectsIntro: string;
  sourcesIntro: string;
  categoriesIntro: string;
  purposesIntro: string;
  basisGroup(letter: LegalBasis): string;
  basisGroupNote: Partial<Record<LegalBasis, string>>;
  basisName: Record<LegalBasis, string>;
  cite6(letter: LegalBasis): string;
  cite9(letter: SpecialCondition): string;
  specialName: Record<SpecialCondition, string>;
  consentNote: string;
  objectionNote: string;
  recipientsIntro: string;
  processorsNote: string;
  thirdPartiesNote: string;
  transfersNone: string;
  /**
   * A recipient's role, registry code, country and processing agreement in one clause; the terms
   * follow the recipient's country (Russian: "регистрационный код" in Estonia, "номер" in Latvia).
   */
  recipientFacts(f: RecipientFacts): string;
  transfer(recipient: string, country: string, safeguard: Safeguard): string;
  retentionIntro: string;
  retentionHead: [string, string, string, string];
  period(p: RetentionPeriod): string;
  from: Record<RetentionStart, string>;
  end: Record<EndAction, string>;
  automaticNote: string;
  anonymiseNote: string;
  rightsIntro: string;
  rights: Record<RightKey, [string, string]>;
  /**
   * The right to withdraw consent and the ways the clinic really offers: the portal only when it
   * uses one, the link only when it sends messages on consent; telling the clinic always.
   */
  withdrawal(ways: { portal: boolean; link: boolean }): string;
  exerciseIntro: string;
  channel(c: Channel, address: string): string;
  identity: string;
  /** The ways the clinic verifies identity, from the register. */
  identityBy(ways: (typeof identityWays)[number][]): string;
  /** The clinic's own answer time, within the one month. */
  answerWithin(days: number): string;
  answerBy(ways: (typeof answerWays)[number][]): string;
  answer: string[];
  refusal: string;
  complaints(a: SupervisoryAuthority, clinicEmail: string): string[];
  changes: string;
  securityDefault: string;
  address(a: { street: string; postalCode: string; city: string; country: string }): string;
}

export interface RecipientFacts {
  role: RecipientRole;
  registryCode?: string;
  /** The recipient's country, or the clinic's when the register does not say. */
  country: string;
  /** Shown only when the recipient is established in another country than the clinic. */
  foreign: boolean;
  contractDate?: string;
}

/** A country's name in a language (ICU), e.g. "Läti", "Латвия". */
export function countryName(lang: NoticeLanguage, code: string): string {
  return new Intl.DisplayNames([lang], { type: 'region' }).of(code) ?? code;
}

/** "a, b or c" in a language's words. */
export function orList(items: string[], or: string): string {
  return items.length > 1 ? `${items.slice(0, -1).join(', ')} ${or} ${items.at(-1)}` : (items[0] ?? '');
}

/** Plural forms of Russian nouns: 1 год, 2 года, 5 лет. */
export function ruPlural(n: number, one: string, few: string, many: string): string {
  const m10 = n % 10;
  const m100 = n % 100;
  if (m10 === 1 && m100 !== 11) return one;
  if (m10 >= 2 && m10 <= 4 && (m100 < 12 || m100 > 14)) return few;
  return many;
}

/** Latvian: numbers ending in 1 (not 11) take the singular, "21 gadu", "30 gadus". */
export function lvPlural(n: number, one: string, many: string): string {
  return n % 10 === 1 && n % 100 !== 11 ? one : many;
}
