import { z } from 'zod';
import { dataCategories } from '../../platform/data-categories';

/**
 * The processing register (GDPR Art. 30) as a clinic writes it in YAML or JSON. Free text is
 * either a plain string (in the register's first language) or one string per language; the
 * notice falls back to another language, visibly marked, where a translation is missing.
 */
export const noticeLanguages = ['et', 'lv', 'en', 'ru'] as const;
export type NoticeLanguage = (typeof noticeLanguages)[number];

export const localizedText = z.union([
  z.string().min(1),
  z
    .partialRecord(z.enum(noticeLanguages), z.string().min(1))
    .refine((r) => Object.values(r).every((v) => v !== undefined), 'text')
    .refine((r) => Object.keys(r).length > 0, 'at least one language'),
]);
export type LocalizedText = z.infer<typeof localizedText>;

const key = z.string().regex(/^[a-z][a-z0-9_]*$/, 'a key is lower-case letters, digits and _');

const postalAddress = z.strictObject({
  street: z.string().min(1),
  city: z.string().min(1),
  postalCode: z.string().min(1),
  country: z.enum(['EE', 'LV', 'LT', 'FI', 'SE', 'DE']).default('EE'),
});

const contact = z.strictObject({
  name: localizedText.optional(),
  email: z.string().email().optional(),
  phone: z.string().optional(),
  address: postalAddress.optional(),
  website: z.string().optional(),
});

/** A legal entity that decides on the processing; a group of them may be joint controllers (Art. 26). */
export const controllerSchema = z.strictObject({
  key,
  /** The legal name in the business register. */
  name: z.string().min(1),
  /** The name patients know, e.g. "Kliinik 32" for Kliinik 32 OÜ; the clinic's profile supplies it when left out. */
  tradeName: z.string().min(1).optional(),
  registryCode: z.string().min(1).optional(),
  /** What this entity does in the group, e.g. "dental lab", "training courses". */
  role: localizedText.optional(),
  addresses: z.array(postalAddress).default([]),
  email: z.string().email().optional(),
  phone: z.string().optional(),
  website: z.string().optional(),
  /** Board members or the person in charge, as some notices name them. */
  representatives: z.array(z.string()).default([]),
});

/** GDPR Art. 6(1) letters. */
export const legalBases = ['a', 'b', 'c', 'd', 'e', 'f'] as const;
export type LegalBasis = (typeof legalBases)[number];
/** GDPR Art. 9(2) letters: the condition that lifts the ban on special categories. */
export const specialConditions = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j'] as const;
export type SpecialCondition = (typeof specialConditions)[number];

/** One legal basis of a purpose, with what it covers when the purpose has several. */
const legalBasisEntry = z.strictObject({
  basis: z.enum(legalBases),
  /** The part of the purpose this basis covers, e.g. "the treatment" (b) and "the health record" (c). */
  scope: localizedText.optional(),
  /** For (c) or (e): the law. */
  legalSource: localizedText.optional(),
});

export const recipientKinds = [
  'dental_lab',
  'healthcare_provider',
  'insurer',
  'credit_institution',
  'authority',
  'court',
  'law_enforcement',
  'it_provider',
  'ehealth_system',
  'health_insurance_fund',
  'professional_association',
  'debt_collector',
  'accounting',
  'legal_adviser',
  'event_service',
  'representative',
  'other_controller',
  'other',
] as const;

export const transferSchema = z.union([
  z.literal('none'),
  z.strictObject({
    country: z.string().min(2),
    safeguard: z.enum(['adequacy_decision', 'standard_clauses', 'binding_corporate_rules', 'derogation']),
    details: localizedText.optional(),
  }),
]);

/**
 * What a recipient is to the clinic: a processor works on its instructions (under a contract,
 * Art. 28); an independent controller decides on its own (a lab, an insurer); a public authority
 * receives by law; a joint controller decides together with the clinic (Art. 26).
 */
export const recipientRoles = ['processor', 'independent_controller', 'public_authority', 'joint_controller'] as const;
export type RecipientRole = (typeof recipientRoles)[number];

export const recipientSchema = z.strictObject({
  key,
  name: localizedText,
  role: z.enum(recipientRoles),
  kind: z.enum(recipientKinds),
  registryCode: z.string().min(1).optional(),
  /** Where the recipient is established (ISO 3166 code), e.g. EE, LV, IE. */
  country: z
    .string()
    .regex(/^[A-Z]{2}$/, 'a two-letter country code, e.g. EE')
    .optional(),
  /** For a processor: the date of the processing agreement (GDPR Art. 28(3)). */
  contractDate: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'a date YYYY-MM-DD')
    .optional(),
  /** Why and what it receives. */
  description: localizedText.optional(),
  legalSource: localizedText.optional(),
  /** Stated for every recipient: `none`, or where outside the EEA and under which safeguard. Never assumed. */
  transfer: transferSchema,
});

export const categorySchema = z.strictObject({
  key,
  name: localizedText,
  /** The platform catalogue categories this register category corresponds to (ties it to the schema). */
  catalogue: z
    .array(z.enum(Object.keys(dataCategories) as [keyof typeof dataCategories, ...(keyof typeof dataCategories)[]]))
    .default([]),
  /** Special categories of Art. 9 (health, …) need an Art. 9(2) condition in every purpose using them. */
  special: z.boolean().default(false),
  description: localizedText.optional(),
});

const namedEntry = z.strictObject({ key, name: localizedText, description: localizedText.optional() });

export const purposeSchema = z.strictObject({
  key,
  name: localizedText,
  description: localizedText.optional(),
  /** Which controllers of the group pursue this purpose; empty means all. */
  controllers: z.array(key).default([]),
  activities: z.array(localizedText).default([]),
  categories: z.array(key).min(1),
  subjects: z.array(key).default([]),
  sources: z.array(key).default([]),
  /**
   * One letter, a list, or entries with their own scope: `legalBasis: b`, `legalBasis: [b, c]`, or
   * `[{ basis: b, scope: the treatment }, { basis: c, scope: the health record, legalSource: … }]`.
   */
  legalBasis: z.preprocess(
    (v) => (typeof v === 'string' ? [v] : v),
    z.array(z.union([z.enum(legalBases), legalBasisEntry])).min(1),
  ),
  /** GDPR Art. 9(2) condition(s) for the special categories it uses: `h` or `[h, i]`. */
  specialCondition: z
    .preprocess((v) => (typeof v === 'string' ? [v] : v), z.array(z.enum(specialConditions)).min(1))
    .optional(),
  /** For basis (c) or (e): the law that requires or allows it. */
  legalSource: localizedText.optional(),
  /** For basis (f): the interest pursued (the person may object). */
  legitimateInterest: localizedText.optional(),
  /** For basis (a): the words the person agrees to; the ledger records this purpose's consents. */
  consentText: localizedText.optional(),
  recipients: z.array(key).default([]),
});

export const retentionPeriodSchema = z.union([
  z.object({ years: z.number().int().positive() }).strict(),
  z.object({ months: z.number().int().positive() }).strict(),
  z.object({ days: z.number().int().positive() }).strict(),
  z
    .object({ until: z.enum(['purpose_achieved', 'consent_withdrawn', 'contract_ended', 'claim_time_barred']) })
    .strict(),
]);
export type RetentionPeriod = z.infer<typeof retentionPeriodSchema>;

export const retentionStarts = [
  'service_date',
  'birth_date',
  'document_date',
  'end_of_financial_year',
  'collection',
  'last_visit',
  'contract_end',
  'recording',
  'event',
] as const;

export const retentionSchema = z.object({
  category: key,
  /** Optional narrower subject of the rule, e.g. "invoices" within billing data. */
  name: localizedText.optional(),
  period: retentionPeriodSchema,
  from: z.enum(retentionStarts).optional(),
  end: z.enum(['delete', 'anonymise', 'archive']),
  legalSource: localizedText.optional(),
  /** Automatic oldest-first deletion (CCTV) unless held for an incident. */
  automatic: z.boolean().default(false),
});

/**
 * Cookies and similar technologies on the clinic's website (ePrivacy Directive Art. 5(3)): strictly
 * necessary ones are used without consent; preferences, statistics and marketing ones only with the
 * visitor's consent, which the visitor consent ledger records by a pseudonymous id.
 */
export const cookieCategories = ['necessary', 'preferences', 'statistics', 'marketing'] as const;
export type CookieCategory = (typeof cookieCategories)[number];

export const cookieSchema = z.strictObject({
  key,
  /** The name the browser stores it under, e.g. `_ga` or `hoidja_session`. */
  name: z.string().min(1),
  category: z.enum(cookieCategories),
  technology: z.enum(['cookie', 'local_storage', 'pixel']).default('cookie'),
  /** The register purpose it serves; a cookie that needs consent names a purpose resting on consent. */
  purpose: key.optional(),
  /** What it does, in the visitor's words. */
  description: localizedText,
  /** Who sets it when not the clinic itself, e.g. "Google Ireland Ltd". */
  provider: z.string().min(1).optional(),
  /** How long it stays: `session` (until the browser is closed) or a period. */
  duration: z.union([
    z.literal('session'),
    z.object({ years: z.number().int().positive() }).strict(),
    z.object({ months: z.number().int().positive() }).strict(),
    z.object({ days: z.number().int().positive() }).strict(),
  ]),
});
export type Cookie = z.infer<typeof cookieSchema>;

export const requestChannelSchema = z.strictObject({
  kind: z.enum(['on_site', 'post', 'email', 'portal']),
  /** on_site/post: signed on paper; email: digitally signed. */
  signature: z.enum(['none', 'handwritten', 'digital']).default('none'),
  address: postalAddress.optional(),
  email: z.string().email().optional(),
  label: localizedText.optional(),
});

/** How the clinic verifies who asks: in person with a passport or ID card, a qualified e-signature, the signed-in portal. */
export const identityWays = ['in_person_id_document', 'qualified_e_signature', 'portal_login'] as const;
/** How the clinic sends its answers. */
export const answerWays = ['email', 'encrypted_email', 'phone', 'post'] as const;

/** How requests are handled, as the clinic's policy states it; the notice says exactly this. */
const requestHandlingSchema = z.strictObject({
  identity: z.array(z.enum(identityWays)).min(1),
  answerBy: z.array(z.enum(answerWays)).min(1),
  /** The clinic's own answer time in days, within the GDPR's one month. */
  answerDays: z.number().int().min(1).max(30).optional(),
});

export const registerSchema = z.strictObject({
  format: z.literal('hoidja-register/1'),
  slug: z.string().regex(/^[a-z0-9-]+$/),
  country: z.enum(['EE', 'LV']),
  /** Languages in which the free text is written; the first is the one plain strings are in. */
  languages: z.array(z.enum(noticeLanguages)).min(1),
  title: localizedText.optional(),
  controllers: z.array(controllerSchema).min(1),
  /** Set when the controllers decide jointly (Art. 26); the essence of their arrangement. */
  jointArrangement: localizedText.optional(),
  dataProtectionContact: contact,
  requestChannels: z.array(requestChannelSchema).min(1),
  requestHandling: requestHandlingSchema.optional(),
  subjects: z.array(namedEntry).min(1),
  sources: z.array(namedEntry).min(1),
  categories: z.array(categorySchema).min(1),
  purposes: z.array(purposeSchema).min(1),
  recipients: z.array(recipientSchema).default([]),
  retention: z.array(retentionSchema).default([]),
  cookies: z.array(cookieSchema).default([]),
  security: localizedText.optional(),
  /** Date the text was last reviewed, shown in the notice. */
  updated: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .optional(),
});

export type Register = z.infer<typeof registerSchema>;
export type Purpose = Register['purposes'][number];

export interface PurposeBasis {
  basis: LegalBasis;
  scope?: LocalizedText;
  legalSource?: LocalizedText;
}

/** A purpose's legal bases as entries (a bare letter has no scope of its own). */
export function basesOf(p: Pick<Purpose, 'legalBasis'>): PurposeBasis[] {
  return p.legalBasis.map((b) => (typeof b === 'string' ? { basis: b } : b));
}

export function basisLetters(p: Pick<Purpose, 'legalBasis'>): LegalBasis[] {
  return basesOf(p).map((b) => b.basis);
}

export function conditionsOf(p: Pick<Purpose, 'specialCondition'>): SpecialCondition[] {
  return p.specialCondition ?? [];
}

/**
 * Which of the person's choices a purpose allows, from its bases exactly: withdrawal only where
 * consent (Art. 6(1)(a) or 9(2)(a)) is a basis; objection (Art. 21) only against legitimate
 * interest (f) or a public task (e), and not where the law requires the processing (c).
 */
export function purposeRights(p: Pick<Purpose, 'legalBasis' | 'specialCondition'>): {
  withdraw: boolean;
  object: boolean;
} {
  const letters = basisLetters(p);
  return {
    withdraw: letters.includes('a') || conditionsOf(p).includes('a'),
    object: (letters.includes('f') || letters.includes('e')) && !letters.includes('c'),
  };
}
