import { createHash, randomBytes } from 'node:crypto';
import type { AccessContext } from '../../platform/access';
import { type AuditEntryFields, auditEntry, patientSelf } from '../../platform/audit/audit.entry';
import type { AuditService } from '../../platform/audit/audit.service';
import type { Clock } from '../../platform/clock';
import type { Db, DbOrTx, Tx } from '../../platform/db';
import { NotFoundError, UnauthenticatedError } from '../../platform/errors';
import type { Logger } from '../../platform/logger';
import type { Mailer } from '../../platform/mail';
import type { ClinicLookup } from '../clinics/clinics.service';
import type { ConsentsService } from '../consents/consents.service';
import type { PatientReads } from '../patients/patients.reads';
import type { QueueReads } from '../queue/queue.reads';
import { type PortalLang, signInLetters } from './portal.mail';
import { createPortalRepository } from './portal.repository';

export interface PortalServiceDeps {
  db: Db;
  clock: Clock;
  audit: AuditService;
  mailer: Mailer;
  logger: Pick<Logger, 'warn'>;
  consents: Pick<ConsentsService, 'stateForPerson' | 'recordByPerson'>;
  /** The clinic of a sign-in request (by slug) and of a signed-in person (by id). */
  clinics: Pick<ClinicLookup, 'findBySlug' | 'byId'>;
  /** Who may sign in with an address, and what the portal shows the person of their own record. */
  patientReads: Pick<PatientReads, 'activeByEmail' | 'forVisit' | 'ownDetails'>;
  /** The person's booked visits. */
  queueReads: Pick<QueueReads, 'upcomingForPatient'>;
  /** Where the browser app is reached, e.g. https://hoidja.example. */
  publicUrl: string;
  linkMinutes?: number;
  maxLinksPerWindow?: number;
  idleMinutes?: number;
  maxHours?: number;
}

/** Who is signed in to the portal: one person of one clinic. */
export interface PortalSession {
  clinicId: string;
  patientId: string;
  csrfToken: string;
}

const sha256 = (s: string) => createHash('sha256').update(s).digest('base64url');
const normEmail = (e: string) => e.trim().toLowerCase();
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Splits `<clinicId>.<secret>` (link tokens and cookies name the clinic so the lookup uses its key). */
function splitToken(token: string): { clinicId: string; hash: string } | null {
  const dot = token.indexOf('.');
  if (dot < 0) return null;
  const clinicId = token.slice(0, dot);
  const secret = token.slice(dot + 1);
  if (!UUID.test(clinicId) || secret.length < 20 || secret.length > 100) return null;
  return { clinicId, hash: sha256(secret) };
}

export type PortalService = ReturnType<typeof createPortalService>;

/** An audit event of the portal: always about the signed-in person, as their own act. */
type PortalEvent = Omit<AuditEntryFields, 'patientRef' | 'role'>;

/**
 * The patient portal: password-less sign-in by a one-time e-mailed link, a session bound to one
 * (clinic, patient), and the person's own reads and consent choices, each audited as the patient's act.
 */
export function createPortalService(deps: PortalServiceDeps) {
  const { db, clock, audit, mailer, consents } = deps;
  const linkMinutes = deps.linkMinutes ?? 15;
  const maxLinks = deps.maxLinksPerWindow ?? 3;
  const idleMinutes = deps.idleMinutes ?? 30;
  const maxHours = deps.maxHours ?? 12;
  const repo = createPortalRepository();
  const isActivePatient = async (db: DbOrTx, clinicId: string, patientId: string) =>
    (await deps.patientReads.forVisit(db, clinicId, patientId))?.status === 'active';

  const contextOf = (clinicId: string, requestId: string | null): AccessContext => ({
    clinicId,
    user: null,
    requestId,
    channel: 'public',
  });
  /** The person's own act on their own data. */
  const asPatient = (patientId: string, e: PortalEvent) => auditEntry({ ...e, patientRef: patientId }, patientSelf);

  /**
   * Sends a sign-in link when an active patient of the clinic has this address; otherwise, and
   * beyond the rate limit, does nothing. The caller answers the same either way, and before this
   * work is done, so neither the answer nor its timing tells whether the address is known.
   */
  async function requestLink(input: {
    clinicSlug: string;
    email: string;
    lang?: PortalLang;
    requestId: string | null;
  }): Promise<{ delivery: Promise<void> }> {
    const none = { delivery: Promise.resolve() };
    const clinic = await deps.clinics.findBySlug(input.clinicSlug);
    if (!clinic) return none;
    const email = normEmail(input.email);
    const people = await deps.patientReads.activeByEmail(db, clinic.id, email);
    if (people.length === 0) return none;
    const now = clock.now();
    const emailHash = sha256(`${clinic.id}:${email}`);
    const links = people.map((p) => ({ person: p, token: `${clinic.id}.${randomBytes(32).toString('base64url')}` }));
    const sent = await db.transaction(async (tx) => {
      // One request per address at a time, so the limit holds when several arrive together.
      await repo.lockAddress(tx, emailHash);
      if (
        (await repo.linksSince(tx, clinic.id, emailHash, new Date(now.getTime() - linkMinutes * 60_000))) >=
        maxLinks * people.length
      )
        return false;
      await repo.insertLinks(
        tx,
        links.map((l) => ({
          clinicId: clinic.id,
          id: splitToken(l.token)!.hash,
          patientId: l.person.id,
          emailHash,
          createdAt: now,
          expiresAt: new Date(now.getTime() + linkMinutes * 60_000),
        })),
      );
      await audit.append(
        tx,
        contextOf(clinic.id, input.requestId),
        links.map((l) =>
          asPatient(l.person.id, {
            action: 'portal.link_sent',
            entityType: 'patient',
            entityId: l.person.id,
            purpose: 'transparency',
            details: { channel: 'email' },
          }),
        ),
      );
      return true;
    });
    if (!sent) return none;
    const lang = (people[0]!.lang ?? 'et') as PortalLang;
    const words = signInLetters[lang];
    const query = input.lang ? `&lang=${input.lang}` : '';
    const delivery = mailer
      .send({
        to: email,
        subject: words.subject(clinic.name),
        text: words.body({
          clinic: clinic.name,
          minutes: linkMinutes,
          links: links.map((l) => ({
            name: `${l.person.firstName} ${l.person.lastName}`,
            url: `${deps.publicUrl.replace(/\/+$/, '')}/portal/enter?token=${encodeURIComponent(l.token)}${query}`,
          })),
        }),
      })
      .then(
        () => undefined,
        (err: unknown) =>
          deps.logger.warn(
            { err: (err as Error).name, code: (err as { code?: string }).code, clinicId: clinic.id },
            'portal sign-in mail not sent',
          ),
      );
    return { delivery };
  }

  /** Exchanges a sign-in link for a session; the link is spent at once. */
  async function enter(
    token: string,
    requestId: string | null,
  ): Promise<{ cookie: string; csrfToken: string; session: PortalSession }> {
    const refused = new UnauthenticatedError(
      'this sign-in link is not valid, was already used or has expired; ask for a new one',
    );
    const t = splitToken(token);
    if (!t) throw refused;
    const now = clock.now();
    const secret = randomBytes(32).toString('base64url');
    const csrfToken = randomBytes(24).toString('base64url');
    const patientId = await db.transaction(async (tx) => {
      const id = await repo.consumeLink(tx, t.clinicId, t.hash, now);
      if (!id || !(await isActivePatient(tx, t.clinicId, id))) return null;
      await repo.insertSession(tx, {
        clinicId: t.clinicId,
        id: sha256(secret),
        patientId: id,
        csrfToken,
        createdAt: now,
        lastSeenAt: now,
        expiresAt: new Date(now.getTime() + maxHours * 3_600_000),
      });
      await audit.append(tx, contextOf(t.clinicId, requestId), [
        asPatient(id, { action: 'portal.login', entityType: 'patient', entityId: id, purpose: 'security' }),
      ]);
      return id;
    });
    if (!patientId) throw refused;
    return { cookie: `${t.clinicId}.${secret}`, csrfToken, session: { clinicId: t.clinicId, patientId, csrfToken } };
  }

  /** Resolves a portal cookie, ending sessions that idled out, outlived 12 hours or whose patient is gone. */
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
          : !(await isActivePatient(db, t.clinicId, row.patientId))
            ? 'patient_inactive'
            : null;
    if (reason) {
      await repo.endSession(db, t.clinicId, t.hash, now, reason);
      return null;
    }
    if (now.getTime() - row.lastSeenAt.getTime() > 60_000) await repo.touchSession(db, t.clinicId, t.hash, now);
    return { clinicId: row.clinicId, patientId: row.patientId, csrfToken: row.csrfToken };
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
      await audit.append(tx, contextOf(s.clinicId, requestId), [asPatient(s.patientId, entry)]);
      return result;
    });
  }

  async function me(s: PortalSession, requestId: string | null) {
    const row = await audited(
      s,
      requestId,
      { action: 'portal.details.view', entityType: 'patient', entityId: s.patientId, purpose: 'transparency' },
      (tx) => deps.patientReads.ownDetails(tx, s.clinicId, s.patientId),
    );
    if (!row) throw new NotFoundError('no such patient');
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
    };
  }

  /**
   * Who looked at my data. The person's own portal actions (role 'patient') are left out: they
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
      .filter((r) => r.role !== 'patient')
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
      audit.append(tx, contextOf(s.clinicId, requestId), [
        asPatient(s.patientId, {
          action: 'portal.consents.view',
          entityType: 'consent_event',
          purpose: 'consent_management',
        }),
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
    const row = await consents.recordByPerson(contextOf(s.clinicId, requestId), s.patientId, input);
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
    requestLink,
    enter,
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
