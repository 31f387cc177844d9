import { stringify } from 'yaml';
import { type AccessContext, hasRole } from '../../platform/access';
import { auditEntry } from '../../platform/audit/audit.entry';
import type { AuditService } from '../../platform/audit/audit.service';
import type { AuditAction } from '../../platform/audit/audit.vocabulary';
import type { Clock } from '../../platform/clock';
import type { Db } from '../../platform/db';
import { ForbiddenError, NotFoundError, ValidationError } from '../../platform/errors';
import type { ClinicLookup, ClinicsService } from '../clinics/clinics.service';
import { buildNotice } from '../notices/notice.build';
import type { NoticeDocument } from '../notices/notice.document';
import { loadSchemaTables, registerCategoryTables, uncoveredCatalogue } from './register.catalogue';
import { diffRegisters } from './register.diff';
import { parseRegister } from './register.import';
import { type NoticeLanguage, noticeLanguages, type Register, registerSchema } from './register.model';
import { createRegisterRepository } from './register.repository';
import { retentionWarnings } from './register.retention';
import { upgradeStoredRegister } from './register.upgrade';

export interface RegisterServiceDeps {
  db: Db;
  clock: Clock;
  audit: AuditService;
  /** The clinic whose register it is (its slug goes into the document) and of a public page. */
  clinics: Pick<ClinicLookup, 'byId' | 'findBySlug'> & Pick<ClinicsService, 'groupOf'>;
  /** Queues "our privacy notice changed" to patients; optional, the queue module owns sending. */
  announceChange?: (
    tx: Parameters<Parameters<Db['transaction']>[0]>[0],
    clinicId: string,
    version: number,
  ) => Promise<void>;
}

export type RegisterService = ReturnType<typeof createRegisterService>;

const EDITORS = ['dpo', 'admin'] as const;

/** The clinic's processing register: import, edit, export, publish as notice versions. */
export function createRegisterService(deps: RegisterServiceDeps) {
  const { db, clock, audit } = deps;
  const repo = createRegisterRepository();

  // The CLI acts as the system (no user); over HTTP only the DPO or an administrator may edit.
  const mayEdit = (ctx: AccessContext) => (ctx.user === null && ctx.channel === 'cli') || hasRole(ctx, ...EDITORS);
  function requireEditor(ctx: AccessContext) {
    if (!mayEdit(ctx))
      throw new ForbiddenError('only the data protection officer or an administrator changes the register');
  }
  function requireStaff(ctx: AccessContext) {
    if (!ctx.user && ctx.channel !== 'cli') throw new ForbiddenError('staff only');
  }

  async function current(ctx: AccessContext) {
    requireStaff(ctx);
    const row = await repo.current(db, ctx.clinicId);
    if (!row) return null;
    // jsonb keeps keys in its own order; parsing restores the register's reading order.
    return {
      document: registerSchema.parse(upgradeStoredRegister(row.document)),
      revision: row.revision,
      updatedAt: row.updatedAt,
    };
  }

  /** Replaces the register in force with a validated one, in one transaction with its audit record. */
  async function replace(ctx: AccessContext, reg: Register, action: AuditAction, details: Record<string, unknown>) {
    const clinic = await deps.clinics.byId(ctx.clinicId);
    // A preset is a template: it takes the slug of the clinic it is imported into.
    const document = { ...reg, slug: clinic.slug };
    return db.transaction(async (tx) => {
      const revision = await repo.save(tx, {
        clinicId: ctx.clinicId,
        document,
        updatedAt: clock.now(),
        updatedBy: ctx.user?.id ?? null,
      });
      await audit.append(tx, ctx, [
        auditEntry({
          action,
          entityType: 'processing_register',
          entityId: ctx.clinicId,
          purpose: 'data_protection',
          details: { revision, ...details },
        }),
      ]);
      return {
        revision,
        purposes: document.purposes.length,
        categories: document.categories.length,
        warnings: retentionWarnings(document, clock.now().toISOString().slice(0, 10)),
      };
    });
  }

  /** Imports YAML or JSON; a bad file changes nothing and says where (RegisterImportError). */
  async function importText(ctx: AccessContext, text: string, file = 'register.yaml') {
    requireEditor(ctx);
    const clinic = { ...(await deps.clinics.byId(ctx.clinicId)), group: await deps.clinics.groupOf(ctx.clinicId) };
    return replace(ctx, parseRegister(text, file, clinic), 'register.import', { file });
  }

  /** Saves a register edited in the browser; errors point into its JSON text. */
  async function save(ctx: AccessContext, document: unknown) {
    requireEditor(ctx);
    const clinic = { ...(await deps.clinics.byId(ctx.clinicId)), group: await deps.clinics.groupOf(ctx.clinicId) };
    const text = JSON.stringify(document, null, 2);
    return replace(ctx, parseRegister(text, 'register.json', clinic), 'register.update', {});
  }

  async function exportText(ctx: AccessContext, format: 'yaml' | 'json' = 'yaml') {
    const cur = await current(ctx);
    if (!cur)
      throw new NotFoundError('this clinic has no processing register yet: import one (hoidja register import FILE)');
    return format === 'json' ? `${JSON.stringify(cur.document, null, 2)}\n` : stringify(cur.document, { lineWidth: 0 });
  }

  /**
   * The register as the notice states it: the clinic's trade name from its profile goes to the
   * controller that is the clinic (same registry code, or the only one) when the register names none.
   */
  function withProfile(clinic: { registryCode: string; tradeName: string | null }, reg: Register): Register {
    if (!clinic.tradeName) return reg;
    const own = (c: Register['controllers'][number]) =>
      c.registryCode ? c.registryCode === clinic.registryCode : reg.controllers.length === 1;
    return {
      ...reg,
      controllers: reg.controllers.map((c) => (own(c) && !c.tradeName ? { ...c, tradeName: clinic.tradeName! } : c)),
    };
  }

  function languageOf(reg: Register, lang: string | undefined): NoticeLanguage {
    if (lang === undefined) return reg.languages[0]!;
    if (!(noticeLanguages as readonly string[]).includes(lang))
      throw new ValidationError('lang', `use one of ${noticeLanguages.join(', ')}`);
    return lang as NoticeLanguage;
  }

  /** The notice of the register in force, not yet published: for the DPO's preview. */
  async function preview(ctx: AccessContext, lang?: string): Promise<NoticeDocument> {
    const cur = await current(ctx);
    if (!cur) throw new NotFoundError('this clinic has no processing register yet');
    return buildNotice(
      withProfile(await deps.clinics.byId(ctx.clinicId), cur.document),
      languageOf(cur.document, lang),
    );
  }

  /** Publishes the register in force as the next immutable, dated notice version. */
  async function publish(ctx: AccessContext, opts: { summary?: string; announce?: boolean } = {}) {
    requireEditor(ctx);
    // Read before the transaction: PGlite has one connection, and the clinic comes from its cache.
    const clinic = await deps.clinics.byId(ctx.clinicId);
    return db.transaction(async (tx) => {
      const row = await repo.current(tx, ctx.clinicId, true);
      if (!row) throw new NotFoundError('nothing to publish: import or write the register first');
      const document = withProfile(clinic, upgradeStoredRegister(row.document));
      const latest = await repo.latestVersion(tx, ctx.clinicId);
      const version = (latest?.version ?? 0) + 1;
      const publishedAt = clock.now();
      const day = publishedAt.toISOString().slice(0, 10);
      const notices = Object.fromEntries(
        noticeLanguages.map((l) => [l, buildNotice(document, l, { version: { number: version, publishedAt: day } })]),
      ) as Record<NoticeLanguage, NoticeDocument>;
      await repo.insertVersion(tx, {
        clinicId: ctx.clinicId,
        version,
        publishedAt,
        publishedBy: ctx.user?.id ?? null,
        summary: opts.summary ?? null,
        document,
        notices,
      });
      await audit.append(tx, ctx, [
        auditEntry({
          action: 'register.publish',
          entityType: 'notice_version',
          entityId: String(version),
          purpose: 'data_protection',
          details: { version, announce: !!opts.announce },
        }),
      ]);
      if (opts.announce && latest && deps.announceChange) await deps.announceChange(tx, ctx.clinicId, version);
      return { version, publishedAt };
    });
  }

  async function versions(ctx: AccessContext) {
    requireStaff(ctx);
    return repo.versions(db, ctx.clinicId);
  }

  async function version(ctx: AccessContext, n: number) {
    requireStaff(ctx);
    const row = await repo.version(db, ctx.clinicId, n);
    if (!row) throw new NotFoundError(`no published version ${n}`);
    return { ...row, document: upgradeStoredRegister(row.document) };
  }

  async function diff(ctx: AccessContext, from: number, to: number) {
    const [a, b] = [await version(ctx, from), await version(ctx, to)];
    return { from, to, changes: diffRegisters(a.document, b.document) };
  }

  /**
   * The published notice of a clinic for its public page (no login). Only a published version
   * is public; `allowDraft` (the CLI, for staff) falls back to the register in force before the
   * first publication.
   */
  async function publicNotice(slug: string, lang?: string, opts: { allowDraft?: boolean } = {}) {
    const found = await deps.clinics.findBySlug(slug);
    if (!found) throw new NotFoundError('no such clinic');
    const { id, name, country, defaultLanguage } = found;
    const clinic = { id, slug, name, country, defaultLanguage };
    const latest = await repo.latestVersion(db, clinic.id);
    if (latest)
      return {
        clinic,
        version: latest.version,
        languages: latest.document.languages,
        notice: latest.notices[languageOf(latest.document, lang)],
      };
    const row = opts.allowDraft ? await repo.current(db, clinic.id) : undefined;
    if (!row) throw new NotFoundError('this clinic has not published a privacy notice yet');
    return {
      clinic,
      version: null,
      languages: row.document.languages,
      notice: buildNotice(withProfile(found, upgradeStoredRegister(row.document)), languageOf(row.document, lang)),
    };
  }

  /** The published version a notice of version `n` refers to, or the latest; for the consent ledger. */
  async function latestVersionNumber(clinicId: string): Promise<number | null> {
    return (await repo.latestVersion(db, clinicId))?.version ?? null;
  }

  /** The register in force, for services that must ask it at the moment of processing. */
  async function inForce(clinicId: string): Promise<Register | null> {
    const row = await repo.current(db, clinicId);
    return row ? upgradeStoredRegister(row.document) : null;
  }

  /** For each category of the register, the database tables that hold it, and what the register misses. */
  async function categoryTables(ctx: AccessContext, root = process.cwd()) {
    const cur = await current(ctx);
    if (!cur) throw new NotFoundError('this clinic has no processing register yet');
    const tables = await loadSchemaTables(root);
    return {
      categories: registerCategoryTables(cur.document, tables),
      uncovered: uncoveredCatalogue(cur.document, tables),
    };
  }

  return {
    current,
    importText,
    save,
    exportText,
    preview,
    publish,
    versions,
    version,
    diff,
    publicNotice,
    latestVersionNumber,
    inForce,
    categoryTables,
  };
}
