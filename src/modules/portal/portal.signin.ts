import { createHash, randomBytes } from 'node:crypto';
import type { AccessContext } from '../../platform/access';
import type { AuditService } from '../../platform/audit/audit.service';
import type { Clock } from '../../platform/clock';
import type { Db, DbOrTx } from '../../platform/db';
import { UnauthenticatedError, ValidationError } from '../../platform/errors';
import { normalizeMobile } from '../../platform/input';
import type { Logger } from '../../platform/logger';
import type { Mailer } from '../../platform/mail';
import type { SmsSender } from '../../platform/sms';
import type { ClinicLookup } from '../clinics/clinics.service';
import type { PatientReads } from '../patients/patients.reads';
import { actingEntry, type PortalActing, type RepresentationCheck } from './portal.acting';
import { type PortalLang, signInLetters, signInTexts } from './portal.mail';
import type { PortalRepository } from './portal.repository';

export const sha256 = (s: string) => createHash('sha256').update(s).digest('base64url');
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Splits `<clinicId>.<secret>` (link tokens and cookies name the clinic so the lookup uses its key). */
export function splitToken(token: string): { clinicId: string; hash: string } | null {
  const dot = token.indexOf('.');
  if (dot < 0) return null;
  const clinicId = token.slice(0, dot);
  const secret = token.slice(dot + 1);
  if (!UUID.test(clinicId) || secret.length < 20 || secret.length > 100) return null;
  return { clinicId, hash: sha256(secret) };
}

export const publicContext = (clinicId: string, requestId: string | null): AccessContext => ({
  clinicId,
  user: null,
  requestId,
  channel: 'public',
});

export interface SignInDeps {
  db: Db;
  clock: Clock;
  audit: AuditService;
  mailer: Mailer;
  /** Sign-in links asked for by mobile go by SMS. */
  sms: SmsSender;
  logger: Pick<Logger, 'warn'>;
  clinics: Pick<ClinicLookup, 'findBySlug' | 'byId'>;
  patientReads: Pick<PatientReads, 'activeByEmail' | 'activeByMobile' | 'forVisit'>;
  publicUrl: string;
}

/** Where a sign-in link goes: an e-mail address or a mobile number (as typed; read in the clinic's country). */
export type SignInAddress = { email: string; mobile?: undefined } | { mobile: string; email?: undefined };

/**
 * Password-less sign-in: a one-time link to a verified e-mail address or mobile number. The link
 * opens the person's own record (one link per patient with the address, as a family may share one)
 * and every representation registered with the same address; a representative who is not a
 * patient gets one link that acts for the people they represent.
 */
export function createSignIn(
  deps: SignInDeps,
  repo: PortalRepository,
  reps: RepresentationCheck,
  opts: { linkMinutes: number; maxLinks: number; maxHours: number },
) {
  const { db, clock, audit } = deps;
  const { linkMinutes, maxLinks, maxHours } = opts;
  const isActivePatient = async (tx: DbOrTx, clinicId: string, patientId: string) =>
    (await deps.patientReads.forVisit(tx, clinicId, patientId))?.status === 'active';

  /**
   * Sends a sign-in link when an active patient or a representative of the clinic has this address;
   * otherwise, and beyond the rate limit, does nothing. The caller answers the same either way, and
   * before this work is done, so neither the answer nor its timing tells whether the address is known.
   */
  async function requestLink(
    input: { clinicSlug: string; lang?: PortalLang; requestId: string | null } & SignInAddress,
  ): Promise<{ delivery: Promise<void> }> {
    const none = { delivery: Promise.resolve() };
    const clinic = await deps.clinics.findBySlug(input.clinicSlug);
    if (!clinic) return none;
    let contact: { email: string } | { mobile: string };
    if (input.email !== undefined) contact = { email: input.email.trim().toLowerCase() };
    else {
      try {
        contact = { mobile: normalizeMobile(input.mobile, clinic.country as 'EE' | 'LV') };
      } catch (e) {
        if (e instanceof ValidationError) return none;
        throw e;
      }
    }
    const people =
      'email' in contact
        ? await deps.patientReads.activeByEmail(db, clinic.id, contact.email)
        : await deps.patientReads.activeByMobile(db, clinic.id, contact.mobile);
    const represented = await reps.usableByContact(db, clinic.id, contact);
    if (people.length === 0 && represented.length === 0) return none;
    const now = clock.now();
    const addressHash = sha256(
      'email' in contact ? `${clinic.id}:${contact.email}` : `${clinic.id}:sms:${contact.mobile}`,
    );
    const repIds = represented.map((r) => r.id);
    const selves =
      people.length > 0
        ? people.map((p) => ({ id: p.id as string | null, name: `${p.firstName} ${p.lastName}` }))
        : [{ id: null, name: '' }];
    const links = selves.map((p) => ({ ...p, token: `${clinic.id}.${randomBytes(32).toString('base64url')}` }));
    const channel = 'email' in contact ? 'email' : 'sms';
    const sent = await db.transaction(async (tx) => {
      // One request per address at a time, so the limit holds when several arrive together.
      await repo.lockAddress(tx, addressHash);
      const since = new Date(now.getTime() - linkMinutes * 60_000);
      if ((await repo.linksSince(tx, clinic.id, addressHash, since)) >= maxLinks * links.length) return false;
      await repo.insertLinks(
        tx,
        links.map((l) => ({
          clinicId: clinic.id,
          id: splitToken(l.token)!.hash,
          patientId: l.id,
          representativeIds: repIds,
          emailHash: addressHash,
          createdAt: now,
          expiresAt: new Date(now.getTime() + linkMinutes * 60_000),
        })),
      );
      const acts: PortalActing[] = [
        ...people.map((p) => ({ clinicId: clinic.id, patientId: p.id, representativeId: null })),
        ...represented.map((r) => ({ clinicId: clinic.id, patientId: r.patientId, representativeId: r.id })),
      ];
      await audit.append(
        tx,
        publicContext(clinic.id, input.requestId),
        acts.map((a) =>
          actingEntry(a, {
            action: 'portal.link_sent',
            entityType: 'patient',
            entityId: a.patientId,
            purpose: 'transparency',
            details: { channel },
          }),
        ),
      );
      return true;
    });
    if (!sent) return none;
    const lang = (people[0]?.lang ?? input.lang ?? represented[0]?.patientLang ?? 'et') as PortalLang;
    const query = input.lang ? `&lang=${input.lang}` : '';
    const base = deps.publicUrl.replace(/\/+$/, '');
    const letter = {
      clinic: clinic.name,
      minutes: linkMinutes,
      links: links.map((l) => ({
        name: l.name,
        url: `${base}/portal/enter?token=${encodeURIComponent(l.token)}${query}`,
      })),
      represents: represented.map((r) => `${r.patientFirstName} ${r.patientLastName}`),
    };
    const sending =
      'email' in contact
        ? deps.mailer.send({
            to: contact.email,
            subject: signInLetters[lang].subject(clinic.name),
            text: signInLetters[lang].body(letter),
          })
        : deps.sms.send({ to: contact.mobile, text: signInTexts[lang](letter) });
    const delivery = sending.then(
      () => undefined,
      (err: unknown) =>
        deps.logger.warn(
          { err: (err as Error).name, code: (err as { code?: string }).code, clinicId: clinic.id, channel },
          'portal sign-in link not sent',
        ),
    );
    return { delivery };
  }

  /**
   * Exchanges a sign-in link for a session; the link is spent at once. The session acts for the
   * person themselves, or (a representative who is not a patient) for the first person they may
   * represent today; a sign-in that can act for nobody is refused.
   */
  async function enter(token: string, requestId: string | null) {
    const refused = new UnauthenticatedError(
      'this sign-in link is not valid, was already used or has expired; ask for a new one',
    );
    const t = splitToken(token);
    if (!t) throw refused;
    const now = clock.now();
    const secret = randomBytes(32).toString('base64url');
    const csrfToken = randomBytes(24).toString('base64url');
    const acting = await db.transaction(async (tx) => {
      const link = await repo.consumeLink(tx, t.clinicId, t.hash, now);
      if (!link) return null;
      const self = link.patientId && (await isActivePatient(tx, t.clinicId, link.patientId)) ? link.patientId : null;
      const usable = (await reps.describe(tx, t.clinicId, link.representativeIds)).filter((r) => r.gap === null);
      const first = usable[0];
      const a: PortalActing | null = self
        ? { clinicId: t.clinicId, patientId: self, representativeId: null }
        : first
          ? { clinicId: t.clinicId, patientId: first.patientId, representativeId: first.representativeId }
          : null;
      if (!a) return null;
      await repo.insertSession(tx, {
        clinicId: t.clinicId,
        id: sha256(secret),
        patientId: a.patientId,
        selfPatientId: self,
        representativeId: a.representativeId,
        representativeIds: link.representativeIds,
        csrfToken,
        createdAt: now,
        lastSeenAt: now,
        expiresAt: new Date(now.getTime() + maxHours * 3_600_000),
      });
      await audit.append(tx, publicContext(t.clinicId, requestId), [
        actingEntry(a, { action: 'portal.login', entityType: 'patient', entityId: a.patientId, purpose: 'security' }),
      ]);
      return a;
    });
    if (!acting) throw refused;
    return { cookie: `${t.clinicId}.${secret}`, csrfToken, acting };
  }

  return { requestLink, enter };
}
