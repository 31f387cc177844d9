import { randomBytes } from 'node:crypto';
import { type AccessContext, systemContext } from '../../platform/access';
import { auditEntry } from '../../platform/audit/audit.entry';
import type { AuditService } from '../../platform/audit/audit.service';
import type { AuthService } from '../../platform/auth/auth.service';
import { generatePassword } from '../../platform/auth/password';
import type { Clock } from '../../platform/clock';
import { type FieldCipher, newId } from '../../platform/crypto';
import type { Db } from '../../platform/db';
import { NotFoundError } from '../../platform/errors';
import type { DemoClinic } from '../../platform/module';
import type { ClinicsService } from '../clinics/clinics.service';
import { normalizeName } from '../patients/patients.input';
import type { PatientsService } from '../patients/patients.service';
import { syntheticPatient } from './synthetic';

export const DEMO_SLUG = 'demo';

export interface DemoDeps {
  db: Db;
  clock: Clock;
  cipher: FieldCipher;
  audit: AuditService;
  clinics: Pick<ClinicsService, 'bySlug' | 'create'>;
  auth: Pick<AuthService, 'createUser'>;
  patients: Pick<PatientsService, 'insertMany'> & { system: Pick<PatientsService['system'], 'count'> };
  /** Every module's part of the demo clinic (its `seedDemo`), in module order. */
  seeds: ((clinic: DemoClinic) => Promise<void>)[];
}

export type DemoService = ReturnType<typeof createDemoService>;

export function createDemoService(deps: DemoDeps) {
  return {
    seedClinic: (adminPassword?: string) => seedDemoClinic(deps, adminPassword),
    generatePatients: (ctx: AccessContext, total: number, onProgress?: (done: number) => void) =>
      generatePatients(deps, ctx, total, onProgress),
  };
}

/** The demo clinic, or null before it is first created (any other failure is thrown, not taken for "none"). */
async function demoClinic(s: DemoDeps) {
  try {
    return await s.clinics.bySlug(DEMO_SLUG);
  } catch (err) {
    if (err instanceof NotFoundError) return null;
    throw err;
  }
}

/**
 * The demo clinic of a fresh install: a small Estonian dental clinic with its staff; then every
 * module adds its part (register, calendar, price list …). Returns the admin password once
 * (generated unless HOIDJA_ADMIN_PASSWORD is set); null when it already exists.
 */
async function seedDemoClinic(
  s: DemoDeps,
  adminPassword?: string,
): Promise<{
  clinicId: string;
  adminEmail: string;
  adminPassword: string;
  staff: { email: string; fullName: string; password: string }[];
} | null> {
  if (await demoClinic(s)) return null;
  const clinic = await s.clinics.create({
    slug: DEMO_SLUG,
    name: 'Hoidja Demo Hambakliinik OÜ',
    country: 'EE',
    registryCode: '12345678',
    addresses: [{ street: 'Tartu mnt 1', city: 'Tallinn', postalCode: '10115', country: 'EE' }],
    contacts: { email: 'info@demo.hoidja.ee', phone: '+3726000000' },
    dataProtectionContact: { name: 'Andmekaitsespetsialist', email: 'andmekaitse@demo.hoidja.ee' },
  });
  const ctx = systemContext(clinic.id, 'cli');
  const password = adminPassword ?? generatePassword(randomBytes);
  const adminEmail = 'admin@demo.hoidja.ee';
  const admin = await s.auth.createUser(ctx, {
    email: adminEmail,
    fullName: 'Demo Administraator',
    roles: ['admin', 'receptionist', 'dpo'],
    password,
  });
  // Colleagues to show need-to-know, each with a one-time password.
  const staff = [
    { email: 'registratuur@demo.hoidja.ee', fullName: 'Kati Registratuur', roles: ['receptionist'] as const },
    {
      email: 'dr.tamm@demo.hoidja.ee',
      fullName: 'Dr. Peeter Tamm',
      roles: ['doctor'] as const,
      professionalCode: 'D01234',
    },
    {
      email: 'dr.saar@demo.hoidja.ee',
      fullName: 'Dr. Liis Saar',
      roles: ['doctor'] as const,
      professionalCode: 'D05678',
    },
    { email: 'raamatupidaja@demo.hoidja.ee', fullName: 'Malle Raamatupidaja', roles: ['accountant'] as const },
  ];
  const accounts: DemoClinic['staff'] = [
    { id: admin.id, email: adminEmail, fullName: 'Demo Administraator', roles: ['admin', 'receptionist', 'dpo'] },
  ];
  // Printed once with the administrator's; each is changed at its first login.
  const passwords: { email: string; fullName: string; password: string }[] = [];
  for (const u of staff) {
    const staffPassword = generatePassword(randomBytes);
    const { id } = await s.auth.createUser(ctx, {
      ...u,
      roles: [...u.roles],
      password: staffPassword,
      mustChangePassword: true,
    });
    accounts.push({ id, email: u.email, fullName: u.fullName, roles: [...u.roles] });
    passwords.push({ email: u.email, fullName: u.fullName, password: staffPassword });
  }
  const patientIds = await generatePatients(s, ctx, 40);
  const demo: DemoClinic = {
    clinicId: clinic.id,
    admin: { ...ctx, user: { id: admin.id, fullName: 'Demo Administraator', roles: ['admin'] } },
    staff: accounts,
    patientIds,
  };
  for (const seed of s.seeds) await seed(demo);
  return { clinicId: clinic.id, adminEmail, adminPassword: password, staff: passwords };
}

/**
 * Adds synthetic patients in batches (one audit event per batch: the people are invented).
 * Continues numbering after the patients the clinic already has, so codes stay unique.
 * Returns the ids of the first few.
 */
async function generatePatients(
  s: DemoDeps,
  ctx: AccessContext,
  total: number,
  onProgress?: (done: number) => void,
): Promise<string[]> {
  const offset = await s.patients.system.count(ctx.clinicId);
  const first: string[] = [];
  const batch = 1000;
  const now = s.clock.now();
  for (let done = 0; done < total; done += batch) {
    const size = Math.min(batch, total - done);
    const rows = Array.from({ length: size }, (_, k) => {
      const p = syntheticPatient(done + k, offset);
      return {
        clinicId: ctx.clinicId,
        id: newId(),
        firstName: p.firstName,
        lastName: p.lastName,
        firstNameNorm: normalizeName(p.firstName),
        lastNameNorm: normalizeName(p.lastName),
        idCountry: 'EE' as const,
        idCodeEnc: s.cipher.encrypt(p.idCode),
        idCodeHash: s.cipher.searchHash(p.idCode),
        birthDate: p.birthDate,
        sex: p.sex,
        mobile: p.mobile,
        email: p.email,
        preferredLanguage: p.preferredLanguage,
        insuranceEnc: s.cipher.encryptJson({ status: 'insured', insurer: 'Tervisekassa' }),
        createdAt: now,
        updatedAt: now,
      };
    });
    await s.db.transaction(async (tx) => {
      await s.patients.insertMany(tx, rows);
      await s.audit.append(tx, ctx, [
        auditEntry({
          action: 'demo.generate_patients',
          entityType: 'patient',
          purpose: 'demonstration',
          details: { count: size, synthetic: true },
        }),
      ]);
    });
    first.push(...rows.slice(0, 10 - first.length).map((r) => r.id));
    onProgress?.(done + size);
  }
  return first;
}
