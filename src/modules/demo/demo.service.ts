import { randomBytes } from 'node:crypto';
import { count, eq } from 'drizzle-orm';
import type { Services } from '../../app';
import { type AccessContext, systemContext } from '../../platform/access';
import { auditEntry } from '../../platform/audit/audit.entry';
import { generatePassword } from '../../platform/auth/password';
import { newId } from '../../platform/crypto';
import { normalizeName } from '../patients/patients.input';
import { patients } from '../patients/patients.schema';
import { seedDemoQueue } from '../queue/queue.module';
import { seedDemoRegister } from '../register/register.module';
import { syntheticPatient } from './synthetic';

export const DEMO_SLUG = 'demo';

/**
 * The demo clinic of a fresh install: a small Estonian dental clinic with its staff. Returns the
 * admin password once (generated unless HOIDJA_ADMIN_PASSWORD is set); null when it already exists.
 */
export async function seedDemoClinic(
  s: Services,
  adminPassword?: string,
): Promise<{ clinicId: string; adminEmail: string; adminPassword: string } | null> {
  const existing = await s.clinics.bySlug(DEMO_SLUG).catch(() => null);
  if (existing) return null;
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
  // Colleagues to show need-to-know; their passwords are set by the administrator.
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
  for (const u of staff)
    await s.auth.createUser(ctx, { ...u, roles: [...u.roles], password: generatePassword(randomBytes) });
  await generatePatients(s, ctx, 40);
  await seedDemoRegister(s.register, clinic.id);
  await seedDemoQueue(s, clinic.id);
  await seedDemoPriceList(s, { ...ctx, user: { id: admin.id, fullName: 'Demo Administraator', roles: ['admin'] } });
  return { clinicId: clinic.id, adminEmail, adminPassword: password };
}

/**
 * Adds synthetic patients in batches (one audit event per batch: the people are invented).
 * Continues numbering after the patients the clinic already has, so codes stay unique.
 */
export async function generatePatients(
  s: Services,
  ctx: AccessContext,
  total: number,
  onProgress?: (done: number) => void,
) {
  const [{ n }] = (await s.db.select({ n: count() }).from(patients).where(eq(patients.clinicId, ctx.clinicId))) as [
    { n: number },
  ];
  const offset = Number(n);
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
    onProgress?.(done + size);
  }
}

/** A dental price list (typical Estonian services; the Fund's benefit applies to the essential ones). */
async function seedDemoPriceList(s: Services, ctx: AccessContext) {
  const items = [
    {
      code: 'VISIT',
      kind: 'visit_fee' as const,
      price: '5.00',
      benefitEligible: false,
      names: { et: 'Visiiditasu', lv: 'Vizītes maksa', en: 'Visit fee', ru: 'Плата за визит' },
    },
    {
      code: 'EXAM',
      price: '35.00',
      benefitEligible: true,
      names: {
        et: 'Hambaarsti läbivaatus',
        lv: 'Zobārsta apskate',
        en: 'Dental examination',
        ru: 'Осмотр стоматолога',
      },
    },
    {
      code: 'XRAY',
      price: '15.00',
      benefitEligible: true,
      names: {
        et: 'Hamba röntgenülesvõte',
        lv: 'Zoba rentgenuzņēmums',
        en: 'Dental X-ray',
        ru: 'Рентгеновский снимок зуба',
      },
    },
    {
      code: 'FILL',
      price: '65.00',
      benefitEligible: true,
      names: {
        et: 'Plomb (üks pind)',
        lv: 'Plomba (viena virsma)',
        en: 'Filling (one surface)',
        ru: 'Пломба (одна поверхность)',
      },
    },
    {
      code: 'EXTR',
      price: '55.00',
      benefitEligible: true,
      names: { et: 'Hamba eemaldamine', lv: 'Zoba ekstrakcija', en: 'Tooth extraction', ru: 'Удаление зуба' },
    },
    {
      code: 'HYG',
      price: '70.00',
      benefitEligible: false,
      names: {
        et: 'Suuhügieeniprotseduur',
        lv: 'Mutes higiēnas procedūra',
        en: 'Dental hygiene treatment',
        ru: 'Профессиональная гигиена полости рта',
      },
    },
    {
      code: 'CROWN',
      kind: 'prosthesis' as const,
      price: '420.00',
      benefitEligible: true,
      names: {
        et: 'Metallkeraamiline kroon',
        lv: 'Metālkeramikas kronis',
        en: 'Metal-ceramic crown',
        ru: 'Металлокерамическая коронка',
      },
    },
  ];
  for (const item of items) await s.billing.addPriceItem(ctx, { validFrom: '2024-01-01', ...item });
}
