import { boolean, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { classify } from '../../platform/data-categories';

/** A group of clinics, e.g. joint controllers: a clinic, its dental lab and its training company. */
export const clinicGroups = pgTable('clinic_groups', {
  id: uuid('id').primaryKey(),
  name: text('name').notNull(),
  jointControllers: boolean('joint_controllers').notNull().default(false),
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
});

export interface PostalAddress {
  street: string;
  city: string;
  postalCode: string;
  country: string;
}

/** A way to reach the clinic or a person, by channel. */
export interface ContactPoint {
  name?: string;
  email?: string;
  phone?: string;
  website?: string;
  address?: PostalAddress;
}

/** The clinic's account that patients pay invoices to; printed on every invoice. */
export interface BankAccount {
  iban: string;
  bank: string;
  bic?: string;
}

/** A clinic is a legal entity: the controller of its patients' data. Its id leads every other key. */
export const clinics = pgTable(
  'clinics',
  {
    id: uuid('id').primaryKey(),
    slug: text('slug').notNull(),
    /** The legal name in the business register, e.g. "Kliinik 32 OÜ". */
    name: text('name').notNull(),
    /** The name patients know the clinic by, when it differs from the legal name. */
    tradeName: text('trade_name'),
    groupId: uuid('group_id').references(() => clinicGroups.id),
    country: text('country', { enum: ['EE', 'LV'] }).notNull(),
    timeZone: text('time_zone').notNull(),
    registryCode: text('registry_code').notNull(),
    addresses: jsonb('addresses').$type<PostalAddress[]>().notNull().default([]),
    contacts: jsonb('contacts').$type<ContactPoint>().notNull().default({}),
    dataProtectionContact: jsonb('data_protection_contact').$type<ContactPoint>().notNull().default({}),
    supervisoryAuthority: jsonb('supervisory_authority').$type<ContactPoint>().notNull(),
    bankAccounts: jsonb('bank_accounts').$type<BankAccount[]>().notNull().default([]),
    defaultLanguage: text('default_language', { enum: ['et', 'lv', 'en', 'ru'] }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('clinics_slug_uq').on(t.slug)],
);

export const clinicGroupsColumns = classify(clinicGroups, {
  id: null,
  name: null,
  jointControllers: null,
  createdAt: null,
});

// A clinic's contacts are those of a legal entity; the data protection contact may name a person.
export const clinicsColumns = classify(clinics, {
  id: null,
  slug: null,
  name: null,
  tradeName: null,
  groupId: null,
  country: null,
  timeZone: null,
  registryCode: null,
  addresses: null,
  contacts: null,
  dataProtectionContact: 'contact',
  supervisoryAuthority: null,
  bankAccounts: null,
  defaultLanguage: null,
  createdAt: null,
});
