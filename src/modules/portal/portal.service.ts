import type { AuditService } from '../../platform/audit/audit.service';
import type { Clock } from '../../platform/clock';
import type { Db, DbOrTx, Tx } from '../../platform/db';
import { ForbiddenError, NotFoundError, ValidationError } from '../../platform/errors';
import type { Logger } from '../../platform/logger';
import type { Mailer } from '../../platform/mail';
import type { SmsSender } from '../../platform/sms';
import type { ClinicLookup } from '../clinics/clinics.service';
import type { ConsentsService } from '../consents/consents.service';
import type { PatientReads } from '../patients/patients.reads';
import type { QueueReads } from '../queue/queue.reads';
import { actingEntry, createRepresentationCheck, type PortalActing, type PortalEvent } from './portal.acting';
import { createPortalRepository } from './portal.repository';
import { createSignIn, publicContext, splitToken } from './portal.signin';

export interface PortalServiceDeps {
  db: Db;
  clock: Clock;
  audit: AuditService;
  mailer: Mailer;
  sms: SmsSender;
  logger: Pick<Logger, 'warn'>;
  consents: Pick<ConsentsService, 'stateForPerson' | 'recordByPerson'>;
  /** The clinic of a sign-in request (by slug) and of a signed-in person (by id). */
  clinics: Pick<ClinicLookup, 'findBySlug' | 'byId'>;
  /** Who may sign in with an address (as a patient or a representative), and what the portal shows. */
  patientReads: Pick<
    PatientReads,
    'activeByEmail' | 'activeByMobile' | 'forVisit' | 'ownDetails' | 'representationsByContact' | 'representationsByIds'
  >;
  /** The person's booked visits. */
  queueReads: Pick<QueueReads, 'upcomingForPatient'>;
  /** Where the browser app is reached, e.g. https://hoidja.example. */
  publicUrl: string;
  linkMinutes?: number;
  maxLinksPerWindow?: number;
  idleMinutes?: number;
  maxHours?: number;
}

/**
 * Who is signed in to the portal: one person of one clinic, acting for themselves or, through one
 * representation, for a person they represent (`patientId` is always the person acted for).
 */
export interface PortalSession extends PortalActing {
  csrfToken: string;
  /** SHA-256 of the session cookie's secret: the row of this session. */
  sessionId: string;
}

export type PortalService = ReturnType<typeof createPortalService>;

/**
 * The patient portal: password-less sign-in by a one-time link sent by e-mail or SMS, a session
 * bound to one clinic acting for one person at a time, and that person's reads and consent
 * choices, each audited as the act of the patient or of their representative.
 */
export function createPortalService(deps: PortalServiceDeps) {
  const { db, clock, audit, consents } = deps;
  const linkMinutes = deps.linkMinutes ?? 15;
  const maxLinks = deps.maxLinksPerWindow ?? 3;
  const idleMinutes = deps.idleMinutes ?? 30;
  const maxHours = deps.maxHours ?? 12;
  const repo = createPortalRepository();
  const reps = createRepresentationCheck(deps);
  const signIn = createSignIn(deps, repo, reps, { linkMinutes, maxLinks, maxHours });
  const isActivePatient = async (db: DbOrTx, clinicId: string, patientId: string) =>
    (await deps.patientReads.forVisit(db, clinicId, patientId))?.status === 'active';

  async function enter(token: string, requestId: string | null) {
    const r = await signIn.enter(token, requestId);
    return { cookie: r.cookie, csrfToken: r.csrfToken };
  }

  /**
   * Resolves a portal cookie, ending sessions that idled out, outlived 12 hours, whose patient is
   * gone, or whose representation no longer covers today (ended, expired, the child came of age).
   */
  async function authenticate(cookie: string): Promise<PortalSession | null> {
    const t = splitToken(cookie);
    if (!t) return null;
    const row = await repo.openSession(db, t.clinicId, t.hash);
    if (!row) return null;
    const now = clock.now();
    const idle = now.getTime() >= row.lastSeenAt.getTime() + idleMinutes * 60_000;
    const reason =
      now >= row.expiresAt
        ? 'expired'
        : idle
          ? 'idle'
          : row.representativeId
            ? (await reps.describe(db, t.clinicId, [row.representativeId]))[0]?.gap !== null
              ? 'representation_ended'
              : null
            : !(await isActivePatient(db, t.clinicId, row.patientId))
              ? 'patient_inactive'
              : null;
    if (reason) {
      await repo.endSession(db, t.clinicId, t.hash, now, reason);
      return null;
    }
    if (now.getTime() - row.lastSeenAt.getTime() > 60_000) await repo.touchSession(db, t.clinicId, t.hash, now);
    return {
      clinicId: row.clinicId,
      patientId: row.patientId,
      representativeId: row.representativeId,
      csrfToken: row.csrfToken,
      sessionId: t.hash,
    };
  }

  /**
   * Whom this sign-in may act for: the person themselves (when they signed in as a patient) and each
   * representation registered with their address, with why one cannot be used today.
   */
  async function choices(s: PortalSession, tx: DbOrTx) {
    const row = await repo.openSession(tx, s.clinicId, s.sessionId);
    if (!row) return [];
    const self = row.selfPatientId ? await deps.patientReads.forVisit(tx, s.clinicId, row.selfPatientId) : undefined;
    const represented = await reps.describe(tx, s.clinicId, row.representativeIds);
    return [
      ...(self
        ? [
            {
              representativeId: null,
              kind: 'self' as const,
              patientName: `${self.firstName} ${self.lastName}`,
              authorityUntil: null,
              available: self.status === 'active',
              gap: null,
            },
          ]
        : []),
      ...represented.map((r) => ({
        representativeId: r.representativeId,
        kind: r.kind,
        patientName: r.patientName,
        authorityUntil: r.authorityUntil,
        available: r.gap === null,
        gap: r.gap,
      })),
    ];
  }

  /**
   * Acts from now on for the person of this representation (null: for oneself). Refused, with
   * nothing changed, for a representation this sign-in did not open or one that does not cover today.
   */
  async function actFor(s: PortalSession, requestId: string | null, representativeId: string | null) {
    return db.transaction(async (tx) => {
      const row = await repo.openSession(tx, s.clinicId, s.sessionId);
      if (!row) throw new NotFoundError('no such portal session');
      let next: PortalActing;
      if (representativeId === null) {
        if (!row.selfPatientId)
          throw new ValidationError(
            'representativeId',
            'you signed in as a representative only: choose whom you act for',
          );
        next = { clinicId: s.clinicId, patientId: row.selfPatientId, representativeId: null };
      } else {
        if (!row.representativeIds.includes(representativeId))
          throw new ValidationError(
            'representativeId',
            'not a representation registered with the address you signed in with',
          );
        const [rep] = await reps.describe(tx, s.clinicId, [representativeId]);
        if (!rep) throw new ValidationError('representativeId', 'no such representation');
        if (rep.gap !== null)
          throw new ValidationError(
            'representativeId',
            `this authority to represent does not cover today (${rep.gap})`,
          );
        next = { clinicId: s.clinicId, patientId: rep.patientId, representativeId };
      }
      await repo.actFor(tx, s.clinicId, s.sessionId, next.patientId, next.representativeId);
      await audit.append(tx, publicContext(s.clinicId, requestId), [
        actingEntry(next, {
          action: 'portal.acting_for',
          entityType: 'patient',
          entityId: next.patientId,
          purpose: 'data_subject_rights',
        }),
      ]);
      return next;
    });
  }

  async function logout(cookie: string): Promise<void> {
    const t = splitToken(cookie);
    if (t) await repo.endSession(db, t.clinicId, t.hash, clock.now(), 'logout');
  }

  /** A read of the person's own data, recorded in the same transaction. */
  function audited<T>(
    s: PortalSession,
    requestId: string | null,
    entry: PortalEvent,
    read: (tx: Tx) => Promise<T>,
  ): Promise<T> {
    return db.transaction(async (tx) => {
      const result = await read(tx);
      await audit.append(tx, publicContext(s.clinicId, requestId), [actingEntry(s, entry)]);
      return result;
    });
  }

  async function me(s: PortalSession, requestId: string | null) {
    const { row, acting } = await audited(
      s,
      requestId,
      { action: 'portal.details.view', entityType: 'patient', entityId: s.patientId, purpose: 'transparency' },
      async (tx) => ({
        row: await deps.patientReads.ownDetails(tx, s.clinicId, s.patientId),
        acting: await choices(s, tx),
      }),
    );
    if (!row) throw new NotFoundError('no such patient');
    const current = acting.find((c) => c.representativeId === s.representativeId);
    const clinic = await deps.clinics.byId(s.clinicId);
    const address = row.street
      ? { street: row.street, city: row.city ?? '', postalCode: row.postalCode ?? '', country: row.country ?? '' }
      : null;
    return {
      patient: {
        firstName: row.firstName,
        lastName: row.lastName,
        birthDate: row.birthDate,
        mobile: row.mobile,
        email: row.email,
        address,
        preferredLanguage: row.preferredLanguage,
      },
      clinic: { name: clinic.name, contacts: clinic.contacts, dataProtectionContact: clinic.dataProtectionContact },
      actingAs: s.representativeId && current ? { representativeId: s.representativeId, kind: current.kind } : null,
      choices: acting,
    };
  }

  /**
   * Who looked at my data. The person's own portal actions (role 'patient' or 'representative') are left out: they
   * would crowd out the staff and system accesses the page is there to show. They are left out
   * after the read, so the newest 1000 events are looked at and the newest 200 others shown.
   */
  async function accessHistory(s: PortalSession, requestId: string | null) {
    const rows = await audited(
      s,
      requestId,
      { action: 'portal.access_history.view', entityType: 'audit_event', purpose: 'transparency' },
      (tx) => audit.patientAccessHistory(tx, s.clinicId, s.patientId, 1000),
    );
    return rows
      .filter((r) => r.role !== 'patient' && r.role !== 'representative')
      .slice(0, 200)
      .map((r) => ({
        at: r.at.toISOString(),
        staffName: r.staffName,
        role: r.role,
        action: r.action,
        entityType: r.entityType,
        purpose: r.purpose,
        reason: r.reason,
        breakGlass: r.breakGlass,
        outcome: r.outcome,
      }));
  }

  async function consentState(s: PortalSession, requestId: string | null) {
    const items = await consents.stateForPerson(s.clinicId, s.patientId, (tx) =>
      audit.append(tx, publicContext(s.clinicId, requestId), [
        actingEntry(s, { action: 'portal.consents.view', entityType: 'consent_event', purpose: 'consent_management' }),
      ]),
    );
    return items.map(({ withdrawUrl: _link, ...rest }) => ({
      ...rest,
      since: rest.since ? rest.since.toISOString() : null,
    }));
  }

  async function recordConsent(
    s: PortalSession,
    requestId: string | null,
    input: { purposeKey: string; action: string },
  ) {
    // The consent ledger records a portal choice as the person's own act; a representative's is taken at the desk.
    if (s.representativeId)
      throw new ForbiddenError(
        'a representative gives or withdraws consents for the person they represent at the clinic',
      );
    const row = await consents.recordByPerson(publicContext(s.clinicId, requestId), s.patientId, input);
    return {
      id: row.id,
      purposeKey: row.purposeKey,
      action: row.action,
      channel: row.channel,
      recordedAt: row.recordedAt.toISOString(),
    };
  }

  async function visits(s: PortalSession, requestId: string | null) {
    const rows = await audited(
      s,
      requestId,
      { action: 'portal.visits.view', entityType: 'queue_entry', purpose: 'transparency' },
      (tx) => deps.queueReads.upcomingForPatient(tx, s.clinicId, s.patientId, clock.now()),
    );
    return rows.map((v) => ({
      id: v.id,
      startsAt: v.startsAt!.toISOString(),
      endsAt: v.endsAt ? v.endsAt.toISOString() : null,
      professional: v.professionalFirst ? `${v.professionalFirst} ${v.professionalLast}` : null,
      service: v.serviceName ?? null,
      serviceNames: v.serviceNames ?? {},
    }));
  }

  return {
    requestLink: signIn.requestLink,
    enter,
    actFor,
    authenticate,
    logout,
    me,
    accessHistory,
    consentState,
    recordConsent,
    visits,
    idleMinutes,
    maxHours,
  };
}
