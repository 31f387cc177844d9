import type { FieldCipher } from '../../platform/crypto';
import type { PatientRow } from './patients.repository';
import type { patientBillPayers, patientRepresentatives } from './patients.schema';

/** How a patient is shown: decrypted for the people allowed to see it, health data only with a grant. */
export function patientView(cipher: FieldCipher, p: PatientRow, withHealth: boolean) {
  return {
    id: p.id,
    firstName: p.firstName,
    lastName: p.lastName,
    identity: p.idCodeEnc
      ? { kind: 'national' as const, country: p.idCountry!, code: cipher.decrypt(p.idCodeEnc), warning: p.idWarning }
      : {
          kind: 'document' as const,
          documentType: p.documentType!,
          documentNumber: p.documentNumberEnc ? cipher.decrypt(p.documentNumberEnc) : '',
          documentCountry: p.documentCountry!,
        },
    birthDate: p.birthDate,
    sex: p.sex,
    mobile: p.mobile,
    email: p.email,
    address: p.addressStreet
      ? {
          street: p.addressStreet,
          city: p.addressCity ?? '',
          postalCode: p.addressPostalCode ?? '',
          country: p.addressCountry ?? '',
        }
      : null,
    preferredLanguage: p.preferredLanguage,
    insurance: p.insuranceEnc
      ? cipher.decryptJson<{ status: string; insurer?: string; validUntil?: string }>(p.insuranceEnc)
      : null,
    occupation: p.occupation,
    workplace: p.workplace,
    healthNotes: withHealth && p.healthNotesEnc ? cipher.decrypt(p.healthNotesEnc) : null,
    healthVisible: withHealth,
    processingRestricted: p.processingRestricted,
    status: p.status,
    archivedAt: p.archivedAt?.toISOString() ?? null,
    version: p.version,
    createdAt: p.createdAt.toISOString(),
    updatedAt: p.updatedAt.toISOString(),
  };
}

/** A search hit shows no full ID code: the last digits are enough to tell people apart. */
export function patientListItem(cipher: FieldCipher, p: PatientRow) {
  const code = p.idCodeEnc ? cipher.decrypt(p.idCodeEnc) : null;
  return {
    id: p.id,
    firstName: p.firstName,
    lastName: p.lastName,
    birthDate: p.birthDate,
    idCodeMasked: code ? `${'•'.repeat(Math.max(0, code.length - 4))}${code.slice(-4)}` : null,
    mobile: p.mobile,
    email: p.email,
    status: p.status,
  };
}

export function representativeView(cipher: FieldCipher, r: typeof patientRepresentatives.$inferSelect) {
  return {
    id: r.id,
    kind: r.kind,
    firstName: r.firstName,
    lastName: r.lastName,
    identity: r.idCodeEnc
      ? { kind: 'national' as const, country: r.idCountry!, code: cipher.decrypt(r.idCodeEnc) }
      : {
          kind: 'document' as const,
          documentType: r.documentType ?? 'other',
          documentNumber: r.documentNumberEnc ? cipher.decrypt(r.documentNumberEnc) : '',
          documentCountry: r.documentCountry ?? '',
        },
    birthDate: r.birthDate,
    mobile: r.mobile,
    email: r.email,
    basis: r.basis,
    authorityFrom: r.authorityFrom,
    authorityUntil: r.authorityUntil,
    endedAt: r.endedAt?.toISOString() ?? null,
  };
}

export function billPayerView(b: typeof patientBillPayers.$inferSelect) {
  return {
    id: b.id,
    kind: b.kind,
    name: b.name,
    registryCode: b.registryCode,
    email: b.email,
    phone: b.phone,
    address: b.address,
    reference: b.reference,
    validFrom: b.validFrom,
    validUntil: b.validUntil,
    endedAt: b.endedAt?.toISOString() ?? null,
  };
}
