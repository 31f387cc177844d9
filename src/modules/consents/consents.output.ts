import { z } from 'zod';
import { instant, recordId } from '../../platform/http/contract';
import { consentActions, consentChannels } from './consents.schema';

/** The ledger's actions and channels as the contract names them (the portal shows them too). */
export const consentAction = z.enum(consentActions);
export const consentChannel = z.enum(consentChannels);

/** Text of the register in one language, or per language. */
export const registerText = z.union([
  z.string(),
  z.object({
    et: z.string().optional(),
    lv: z.string().optional(),
    en: z.string().optional(),
    ru: z.string().optional(),
  }),
]);

/** A consent event of the ledger as staff see it. */
export const consentEventOutput = z.object({
  id: recordId,
  patientId: recordId,
  purposeKey: z.string(),
  action: consentAction,
  channel: consentChannel,
  representativeId: recordId.nullable(),
  noticeVersion: z.number().int().nullable(),
  note: z.string().nullable(),
  recordedAt: instant,
  recordedBy: recordId.nullable(),
});

/** Where a patient stands on one purpose of the register. */
export const consentStateOutput = z.object({
  purposeKey: z.string(),
  name: registerText,
  basis: z.enum(['consent', 'legitimate_interest']),
  consentText: registerText.nullable(),
  state: z.string(),
  allowed: z.boolean(),
  since: instant.nullable(),
  channel: consentChannel.nullable(),
  noticeVersion: z.number().int().nullable(),
  withdrawUrl: z.string().nullable(),
});

export const linkWithdrawalOutput = z.object({ purposeKey: z.string(), recorded: z.boolean() });

/** A website visitor's cookie choices in force: necessary cookies always, the others as chosen. */
export const visitorChoicesOutput = z.object({
  visitorId: z.string(),
  necessary: z.literal(true),
  /** Each category the clinic's website uses beyond the necessary: whether the visitor allowed it. */
  choices: z.object({
    preferences: z.boolean().optional(),
    statistics: z.boolean().optional(),
    marketing: z.boolean().optional(),
  }),
  /** The published notice version of the latest choice (null when none was published yet). */
  noticeVersion: z.number().int().nullable(),
});
