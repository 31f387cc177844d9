import type { Clock } from '../../platform/clock';
import type { FieldCipher } from '../../platform/crypto';
import { normalizeMobile } from '../../platform/input';
import { normalizeName, type PatientInput, resolveIdentity } from './patients.input';
import type { PatientInsert } from './patients.repository';

/**
 * The normalised, encrypted columns of a patient from validated input: names with their search
 * forms, the identity with its ID code encrypted and hashed, the mobile in the clinic's country format.
 */
export function patientColumns(
  cipher: FieldCipher,
  clock: Clock,
  input: Partial<PatientInput>,
  country: 'EE' | 'LV',
): Partial<PatientInsert> {
  const out: Partial<PatientInsert> = {};
  if (input.firstName !== undefined)
    Object.assign(out, { firstName: input.firstName, firstNameNorm: normalizeName(input.firstName) });
  if (input.lastName !== undefined)
    Object.assign(out, { lastName: input.lastName, lastNameNorm: normalizeName(input.lastName) });
  if (input.identity !== undefined) {
    const id = resolveIdentity(input.identity, clock);
    Object.assign(out, {
      idCountry: id.idCountry,
      idCodeEnc: id.idCode ? cipher.encrypt(id.idCode) : null,
      idCodeHash: id.idCode ? cipher.searchHash(id.idCode) : null,
      idWarning: id.idWarning,
      documentType: id.documentType,
      documentNumberEnc: id.documentNumber ? cipher.encrypt(id.documentNumber) : null,
      documentCountry: id.documentCountry,
      birthDate: id.birthDate,
      sex: id.sex,
    });
  }
  if (input.mobile !== undefined) out.mobile = input.mobile ? normalizeMobile(input.mobile, country) : null;
  if (input.email !== undefined) out.email = input.email ? input.email.toLowerCase() : null;
  if (input.address !== undefined) {
    Object.assign(out, {
      addressStreet: input.address?.street ?? null,
      addressCity: input.address?.city ?? null,
      addressPostalCode: input.address?.postalCode ?? null,
      addressCountry: input.address?.country ?? null,
    });
  }
  if (input.preferredLanguage !== undefined) out.preferredLanguage = input.preferredLanguage;
  if (input.insurance !== undefined) out.insuranceEnc = input.insurance ? cipher.encryptJson(input.insurance) : null;
  if (input.occupation !== undefined) out.occupation = input.occupation ?? null;
  if (input.workplace !== undefined) out.workplace = input.workplace ?? null;
  if (input.healthNotes !== undefined)
    out.healthNotesEnc = input.healthNotes ? cipher.encrypt(input.healthNotes) : null;
  return out;
}
