import { z } from 'zod';
import { instant } from '../../platform/http/contract';
import { noticeLanguages } from './register.model';

/**
 * What the register's routes answer. The register document is the clinic's own published
 * description of its processing (no personal data): it is sent as imported, its identifying head
 * named here and the sections (controllers, purposes, categories, ...) as the format defines them.
 */
const registerDocumentOutput = z
  .object({
    format: z.literal('hoidja-register/1'),
    slug: z.string(),
    country: z.enum(['EE', 'LV']),
    languages: z.array(z.enum(noticeLanguages)),
  })
  .catchall(z.unknown());

export const currentRegisterOutput = z.object({
  document: registerDocumentOutput.nullable(),
  revision: z.number().int(),
  updatedAt: instant.nullable(),
});

export const registerSavedOutput = z.object({
  revision: z.number().int(),
  purposes: z.number().int(),
  categories: z.number().int(),
  warnings: z.array(z.string()),
});

export const noticeHtmlOutput = z.object({ lang: z.enum(noticeLanguages), title: z.string(), html: z.string() });

export const categoryTablesOutput = z.object({
  categories: z.array(z.object({ key: z.string(), catalogue: z.array(z.string()), tables: z.array(z.string()) })),
  uncovered: z.array(z.string()),
});

export const publishedOutput = z.object({ version: z.number().int(), publishedAt: instant });

export const versionListOutput = z.object({
  items: z.array(
    z.object({
      version: z.number().int(),
      publishedAt: instant,
      publishedBy: z.string().nullable(),
      summary: z.string().nullable(),
    }),
  ),
});

export const versionOutput = z.object({
  version: z.number().int(),
  publishedAt: instant,
  summary: z.string().nullable(),
  lang: z.enum(noticeLanguages),
  html: z.string(),
  document: registerDocumentOutput,
});

export const diffOutput = z.object({
  from: z.number().int(),
  to: z.number().int(),
  changes: z.array(
    z.object({
      section: z.string(),
      key: z.string(),
      change: z.enum(['added', 'removed', 'changed']),
      fields: z.array(z.object({ field: z.string(), before: z.unknown(), after: z.unknown() })).optional(),
    }),
  ),
});

export const publicNoticeOutput = z.object({
  clinic: z.string(),
  /** Null while the register is a draft that has not been published. */
  version: z.number().int().nullable(),
  lang: z.enum(noticeLanguages),
  title: z.string(),
  html: z.string(),
});
