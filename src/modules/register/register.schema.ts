import { index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { classify } from '../../platform/data-categories';
import { clinics } from '../clinics/clinics.schema';
import type { NoticeDocument } from '../notices/notice.document';
import type { NoticeLanguage, Register } from './register.model';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/**
 * The processing register in force for a clinic: the DPO edits it, imports it, and publishes it.
 * One row per clinic; every change is in the audit log and every publication is a version.
 */
export const processingRegisters = pgTable(
  'processing_registers',
  {
    clinicId: uuid('clinic_id')
      .notNull()
      .references(() => clinics.id),
    document: jsonb('document').$type<Register>().notNull(),
    revision: integer('revision').notNull().default(1),
    updatedAt: ts('updated_at').notNull(),
    updatedBy: uuid('updated_by'),
  },
  (t) => [primaryKey({ columns: [t.clinicId] })],
);

/**
 * A published privacy notice: the register as it was, and the notice as it was rendered in each
 * language, so an old version reads exactly as the patient saw it. Never changed (a trigger refuses).
 */
export const noticeVersions = pgTable(
  'notice_versions',
  {
    clinicId: uuid('clinic_id')
      .notNull()
      .references(() => clinics.id),
    version: integer('version').notNull(),
    publishedAt: ts('published_at').notNull(),
    publishedBy: uuid('published_by'),
    summary: text('summary'),
    document: jsonb('document').$type<Register>().notNull(),
    notices: jsonb('notices').$type<Record<NoticeLanguage, NoticeDocument>>().notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.clinicId, t.version] }),
    index('notice_versions_published_idx').on(t.clinicId, t.publishedAt),
  ],
);

// The register names the clinic's contact persons and board members: contact data.
export const processingRegistersColumns = classify(processingRegisters, {
  clinicId: null,
  document: 'contact',
  revision: null,
  updatedAt: null,
  updatedBy: 'access_log',
});
export const noticeVersionsColumns = classify(noticeVersions, {
  clinicId: null,
  version: null,
  publishedAt: null,
  publishedBy: 'access_log',
  summary: null,
  document: 'contact',
  notices: 'contact',
});
