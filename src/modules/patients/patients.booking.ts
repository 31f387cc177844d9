import { type AccessContext, hasRole } from '../../platform/access';
import { auditEntry } from '../../platform/audit/audit.entry';
import type { AuditService } from '../../platform/audit/audit.service';
import type { Clock } from '../../platform/clock';
import { type FieldCipher, newId } from '../../platform/crypto';
import type { Db } from '../../platform/db';
import { ForbiddenError } from '../../platform/errors';
import { refuseFutureBirthDate } from '../../platform/input';
import { patientColumns } from './patients.columns';
import { createPatientsRepository, type PatientInsert } from './patients.repository';

/**
 * A patient known by name and birth date only: the queue regulation asks for the ID code "or, without
 * one, the birth date", so a booking request from someone with neither an Estonian nor a Latvian code
 * nor a document at hand can still end in a visit. Reception registers them from the request; the
 * identity document can be added on the record later. Stored as "other document" with no number and
 * no country, which the record's views already show (the patients module has no identity kind for it yet).
 */
export function createPatientBookingRegistration(deps: {
  db: Db;
  clock: Clock;
  cipher: FieldCipher;
  audit: AuditService;
}) {
  const { db, clock, cipher, audit } = deps;
  const repo = createPatientsRepository();

  async function registerByBirthDate(
    ctx: AccessContext,
    input: {
      firstName: string;
      lastName: string;
      birthDate: string;
      mobile: string | null;
      email: string | null;
      preferredLanguage: 'et' | 'lv' | 'en' | 'ru';
    },
    country: 'EE' | 'LV',
  ): Promise<{ id: string }> {
    if (!hasRole(ctx, 'receptionist', 'admin')) throw new ForbiddenError('only reception registers from a request');
    refuseFutureBirthDate(input.birthDate, clock, 'identity.birthDate');
    const now = clock.now();
    const id = newId();
    const cols = patientColumns(
      cipher,
      clock,
      {
        firstName: input.firstName,
        lastName: input.lastName,
        mobile: input.mobile,
        email: input.email,
        preferredLanguage: input.preferredLanguage,
      },
      country,
    );
    await audit.transaction(db, ctx, async (tx) => {
      await repo.insert(tx, {
        ...cols,
        clinicId: ctx.clinicId,
        id,
        idCountry: null,
        idCodeEnc: null,
        idCodeHash: null,
        idWarning: null,
        documentType: 'other',
        documentNumberEnc: null,
        documentCountry: '',
        birthDate: input.birthDate,
        sex: null,
        createdAt: now,
        updatedAt: now,
        version: 1,
      } as PatientInsert);
      await audit.append(tx, ctx, [
        auditEntry({
          action: 'patient.create',
          entityType: 'patient',
          entityId: id,
          patientRef: id,
          purpose: 'care',
          details: { identity: 'birth_date' },
        }),
      ]);
    });
    return { id };
  }

  return { registerByBirthDate };
}
