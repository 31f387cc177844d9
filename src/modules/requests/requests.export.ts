import type { Readable } from 'node:stream';
import { type AccessContext, hasRole } from '../../platform/access';
import { type AuditGrant, auditEntry } from '../../platform/audit/audit.entry';
import type { AuditService } from '../../platform/audit/audit.service';
import type { Clock } from '../../platform/clock';
import type { FieldCipher } from '../../platform/crypto';
import type { Db, DbOrTx } from '../../platform/db';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../platform/errors';
import { supervisoryAuthorities } from '../../rules/supervisory-authorities';
import type { ClinicLookup } from '../clinics/clinics.service';
import type { Register } from '../register/register.model';
import type { RegisterService } from '../register/register.service';
import { article15, exportPdf, readableRows } from './export.document';
import { writeExport } from './export.stream';
import type { PortalActor } from './requests.core';
import { createRequestsRepository } from './requests.repository';

export const exportFormats = ['fhir', 'csv', 'pdf'] as const;
export type ExportFormat = (typeof exportFormats)[number];

export interface ExportDeps {
  db: Db;
  clock: Clock;
  audit: AuditService;
  cipher: FieldCipher;
  clinics: Pick<ClinicLookup, 'byId'>;
  register: Pick<RegisterService, 'inForce'>;
}

export type RequestExports = ReturnType<typeof createRequestExports>;

export interface ExportFile {
  contentType: string;
  filename: string;
  /** The PDF in memory; FHIR and CSV streamed from a temporary file (export.stream.ts). */
  body: Buffer | Readable;
  bytes: number;
}

/**
 * The access and portability copy (GDPR Art. 15 and 20): every row about the person from every
 * table of the export catalogue, as an HL7 FHIR R4 Bundle, a CSV of every value, and a PDF with the
 * Art. 15 answer from the processing register in the person's language.
 */
export function createRequestExports(deps: ExportDeps) {
  const { db, clock, audit, cipher, clinics, register } = deps;
  const repo = createRequestsRepository();

  async function build(
    tx: DbOrTx,
    reg: Register | null,
    clinicId: string,
    patientId: string,
    format: ExportFormat,
    language?: string,
    password?: string,
  ): Promise<ExportFile> {
    const clinic = await clinics.byId(clinicId, tx);
    if (format !== 'pdf') return writeExport(tx, { clock, cipher, repo }, clinic, patientId, format);
    // The PDF is laid out whole (pdfkit): its rows are read at once.
    const data = readableRows(await repo.personRows(tx, clinicId, patientId), (s) => cipher.decrypt(s));
    const person = data.patients?.[0];
    if (!person) throw new NotFoundError('no such patient');
    const stamp = clock.now().toISOString().slice(0, 10);
    const base = `hoidja-${stamp}-${String(patientId).slice(0, 8)}`;
    const lang = (['et', 'lv', 'en', 'ru'] as const).find((l) => l === (language ?? person.preferred_language)) ?? 'en';
    const a = supervisoryAuthorities[clinic.country === 'LV' ? 'LV' : 'EE'];
    const answer = article15(
      reg,
      data.disclosures ?? [],
      lang,
      `${a.name[lang]} (${a.officialName}), ${a.street}, ${a.postalCode} ${a.city}, ${a.email}`,
    );
    const body = await exportPdf({
      lang,
      clinicName: clinic.name,
      personName: `${person.first_name ?? ''} ${person.last_name ?? ''}`.trim(),
      answer,
      data,
      password,
    });
    return { contentType: 'application/pdf', filename: `${base}.pdf`, body, bytes: body.length };
  }

  function checkFormat(format: string): ExportFormat {
    const f = exportFormats.find((x) => x === format);
    if (!f) throw new ValidationError('format', 'one of fhir, csv, pdf');
    return f;
  }

  /**
   * The copy that answers an access or portability request, made by the DPO or an administrator.
   * The request is the need-to-know: the copy holds health data too, as the person is owed it.
   */
  async function forRequest(
    ctx: AccessContext,
    requestId: string,
    format: string,
    opts: { password?: string } = {},
  ): Promise<ExportFile> {
    if (!hasRole(ctx, 'dpo', 'admin')) throw new ForbiddenError('your role cannot prepare the copy of a person’s data');
    const f = checkFormat(format);
    // The register is read before the transaction: PGlite has one connection.
    const reg = await register.inForce(ctx.clinicId);
    return audit.transaction(db, ctx, async (tx) => {
      const r = await repo.find(tx, ctx.clinicId, requestId);
      if (!r) throw new NotFoundError('no such request');
      if (r.kind !== 'access' && r.kind !== 'portability')
        throw new ConflictError(`a copy of the data answers an access or portability request, not ${r.kind}`);
      if (r.status === 'refused' || r.status === 'withdrawn') throw new ConflictError(`this request is ${r.status}`);
      const file = await build(tx, reg, ctx.clinicId, r.patientId, f, r.language, opts.password);
      const grant: AuditGrant = {
        role: ctx.user?.roles.includes('dpo') ? 'dpo' : 'admin',
        breakGlass: false,
        reason: null,
      };
      await audit.append(tx, ctx, [
        auditEntry(
          {
            action: 'rights_request.export',
            entityType: 'rights_request',
            entityId: r.id,
            patientRef: r.patientId,
            purpose: 'data_subject_rights',
            details: { format: f, bytes: file.bytes, encrypted: Boolean(opts.password) },
          },
          grant,
        ),
      ]);
      return file;
    });
  }

  /** The person downloads their own copy in the portal (or a representative, for the person they act for). */
  async function forPerson(actor: PortalActor, format: string): Promise<ExportFile> {
    const f = checkFormat(format);
    const ctx: AccessContext = { clinicId: actor.clinicId, user: null, requestId: actor.requestId, channel: 'public' };
    const reg = await register.inForce(actor.clinicId);
    return db.transaction(async (tx) => {
      const file = await build(tx, reg, actor.clinicId, actor.patientId, f);
      const role = actor.representativeId ? 'representative' : 'patient';
      await audit.append(tx, ctx, [
        auditEntry(
          {
            action: 'portal.export',
            entityType: 'patient',
            entityId: actor.patientId,
            patientRef: actor.patientId,
            purpose: 'transparency',
            details: { format: f, representativeId: actor.representativeId },
          },
          { role, breakGlass: false, reason: null },
        ),
      ]);
      return file;
    });
  }

  return { forRequest, forPerson };
}
