import type { AccessContext } from '../../platform/access';
import { type AuditGrant, auditEntry } from '../../platform/audit/audit.entry';
import { NotFoundError } from '../../platform/errors';
import { parseInput } from '../../platform/input';
import type { PortalActor, RequestsCore, RequestsServiceDeps } from './requests.core';
import { portalRequestInput } from './requests.input';
import { view } from './requests.view';

/** The person's own side (the portal): file a request for oneself or the one represented, and follow it. */
export function createPersonRequests(deps: RequestsServiceDeps, core: RequestsCore) {
  const { db } = deps;
  const { repo, patientOf, objections, syncRestriction, today, checkRepresentative, event, entry, newRow } = core;
  const { audit } = deps;

  /**
   * The person (or their representative) files a request in the portal. The caller (the portal
   * session) has established who they are and for whom they act; received today, identity by sign-in.
   */
  async function fileByPerson(actor: PortalActor, raw: unknown) {
    const input = parseInput(portalRequestInput, raw);
    const ctx: AccessContext = { clinicId: actor.clinicId, user: null, requestId: actor.requestId, channel: 'public' };
    const role = actor.representativeId ? 'representative' : 'patient';
    await objections.check(actor.clinicId, input.kind, input.purposeKeys);
    const filed = await db.transaction(async (tx) => {
      const now = await today(actor.clinicId, tx);
      const patient = await patientOf(tx, actor.clinicId, actor.patientId);
      if (!patient) throw new NotFoundError('no such patient');
      if (actor.representativeId)
        await checkRepresentative(tx, actor.clinicId, actor.patientId, actor.representativeId, now.date);
      const row = newRow(actor.clinicId, actor.patientId, input, {
        channel: 'portal',
        receivedOn: now.date,
        identityCheck: 'portal_login',
        identityNote: null,
        representativeId: actor.representativeId,
        language: patient.language,
        createdBy: null,
      });
      await repo.insert(tx, row);
      if (row.kind === 'restriction') await syncRestriction(tx, actor.clinicId, row.patientId);
      const who = { id: null, role };
      await event(tx, row, 'received', who, null, { channel: 'portal', receivedOn: now.date });
      await event(tx, row, 'identity_verified', who, null, { how: 'portal_login' });
      const grant: AuditGrant = { role, breakGlass: false, reason: null };
      await audit.append(tx, ctx, [
        entry('rights_request.create', row, grant, { channel: 'portal', representativeId: actor.representativeId }),
      ]);
      return view(row, await repo.events(tx, actor.clinicId, [row.id]), now);
    });
    await objections.apply(ctx, filed, true);
    return filed;
  }

  /** The person's own requests with their timelines (portal): the read is recorded as theirs. */
  async function listForPerson(actor: PortalActor) {
    const ctx: AccessContext = { clinicId: actor.clinicId, user: null, requestId: actor.requestId, channel: 'public' };
    const role = actor.representativeId ? 'representative' : 'patient';
    return db.transaction(async (tx) => {
      const now = await today(actor.clinicId, tx);
      const rows = await repo.list(tx, actor.clinicId, { patientId: actor.patientId, limit: 500 });
      const events = await repo.events(
        tx,
        actor.clinicId,
        rows.map((r) => r.id),
      );
      await audit.append(tx, ctx, [
        auditEntry(
          {
            action: 'portal.requests.view',
            entityType: 'rights_request',
            patientRef: actor.patientId,
            purpose: 'transparency',
          },
          { role, breakGlass: false, reason: null },
        ),
      ]);
      return rows.map((r) =>
        view(
          r,
          events.filter((e) => e.requestId === r.id),
          now,
        ),
      );
    });
  }

  return { fileByPerson, listForPerson };
}
