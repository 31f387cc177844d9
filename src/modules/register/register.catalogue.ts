import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { getTableColumns, getTableName, is } from 'drizzle-orm';
import { PgTable } from 'drizzle-orm/pg-core';
import { type ClassifiedTable, type DataCategory, dataCategories } from '../../platform/data-categories';
import type { Register } from './register.model';

/** One database table as the schema files declare it, with the category of each column. */
export interface SchemaTable {
  file: string;
  tableName: string;
  columns: string[];
  classified: Record<string, DataCategory | null>;
  /** Columns that no classify(...) descriptor mentions: each one is a gap in the register. */
  unclassified: string[];
}

function isClassifiedTable(v: unknown): v is ClassifiedTable {
  return (
    !!v && typeof v === 'object' && 'tableName' in v && 'columns' in v && is((v as ClassifiedTable).table, PgTable)
  );
}

/** Every `*.schema.ts` under `src/`, by path relative to the repository root. */
export function schemaFiles(root: string): string[] {
  return (readdirSync(join(root, 'src'), { recursive: true }) as string[])
    .filter((f) => f.endsWith('.schema.ts'))
    .map((f) => join('src', f))
    .sort();
}

/**
 * Loads every schema file and pairs each table with its classify(...) descriptor. A table may
 * be classified in another file than its own (rare), so descriptors are gathered first.
 */
export async function loadSchemaTables(root: string): Promise<SchemaTable[]> {
  const tables = new Map<string, { file: string; columns: string[] }>();
  const classified = new Map<string, Record<string, DataCategory | null>>();
  for (const file of schemaFiles(root)) {
    const mod = (await import(pathToFileURL(join(root, file)).href)) as Record<string, unknown>;
    for (const value of Object.values(mod)) {
      if (is(value, PgTable)) {
        const cols = Object.values(getTableColumns(value)).map((c) => c.name);
        tables.set(getTableName(value), { file: relative(root, join(root, file)), columns: cols });
      } else if (isClassifiedTable(value)) {
        classified.set(value.tableName, { ...(classified.get(value.tableName) ?? {}), ...value.columns });
      }
    }
  }
  return [...tables.entries()]
    .map(([tableName, t]) => {
      const cls = classified.get(tableName) ?? {};
      return {
        file: t.file,
        tableName,
        columns: t.columns,
        classified: cls,
        unclassified: t.columns.filter((c) => !(c in cls)),
      };
    })
    .sort((a, b) => a.tableName.localeCompare(b.tableName));
}

export interface CategoryHolding {
  catalogue: DataCategory;
  label: string;
  tables: { tableName: string; columns: string[] }[];
}

/** For each catalogue category, the tables and columns that hold it. */
export function tablesByCategory(tables: SchemaTable[]): CategoryHolding[] {
  return (Object.keys(dataCategories) as DataCategory[]).map((catalogue) => ({
    catalogue,
    label: dataCategories[catalogue],
    tables: tables
      .map((t) => ({
        tableName: t.tableName,
        columns: Object.entries(t.classified)
          .filter(([, c]) => c === catalogue)
          .map(([col]) => col),
      }))
      .filter((t) => t.columns.length > 0),
  }));
}

/** For each category of a register, the tables of the database that hold it. */
export function registerCategoryTables(reg: Register, tables: SchemaTable[]) {
  const holdings = new Map(tablesByCategory(tables).map((h) => [h.catalogue, h.tables]));
  return reg.categories.map((c) => ({
    key: c.key,
    catalogue: c.catalogue,
    tables: [...new Set(c.catalogue.flatMap((k) => (holdings.get(k) ?? []).map((t) => t.tableName)))].sort(),
  }));
}

/** Catalogue categories that the database holds but the register names in none of its categories. */
export function uncoveredCatalogue(reg: Register, tables: SchemaTable[]): DataCategory[] {
  const covered = new Set(reg.categories.flatMap((c) => c.catalogue));
  return tablesByCategory(tables)
    .filter((h) => h.tables.length > 0 && !covered.has(h.catalogue))
    .map((h) => h.catalogue);
}
