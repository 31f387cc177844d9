import { getTableColumns, getTableName, type Table } from 'drizzle-orm';

/**
 * The data categories of the processing register. Every column of every table is mapped to
 * one of these or declared not personal (`null`), so the register cannot drift from the schema.
 */
export const dataCategories = {
  name: 'Name',
  national_id: 'National identification code',
  identity_document: 'Identity document',
  demographic: 'Birth date, sex and language',
  contact: 'Contact details (phone, e-mail, address)',
  health: 'Health data (special category)',
  health_insurance: 'Health-insurance details',
  employment: 'Occupation and workplace',
  financial: 'Billing and payment data',
  representation: 'Legal representation and authority',
  staff_account: 'Staff account and credentials',
  online_identifier: 'IP address, session and device identifiers',
  access_log: 'Access and audit trail',
  communication: 'Correspondence and messages',
  consent: 'Consents and objections',
  recording: 'Camera and sound recordings',
} as const;

export type DataCategory = keyof typeof dataCategories;

export interface ClassifiedTable {
  table: Table;
  tableName: string;
  columns: Record<string, DataCategory | null>;
}

/**
 * Declares the data category of every column of a table. The mapped type makes the compiler
 * demand an entry for each column; the schema test checks the same at run time.
 */
export function classify<T extends Table>(
  table: T,
  columns: { [K in keyof T['_']['columns']]: DataCategory | null },
): ClassifiedTable {
  const byDbName: Record<string, DataCategory | null> = {};
  const tableColumns = getTableColumns(table) as Record<string, { name: string }>;
  for (const [key, category] of Object.entries(columns as Record<string, DataCategory | null>)) {
    byDbName[tableColumns[key]!.name] = category;
  }
  return { table, tableName: getTableName(table), columns: byDbName };
}
