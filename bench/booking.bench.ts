/**
 * `npm run bench -- booking`: booking throughput through the HTTP API on PostgreSQL at
 * concurrency 16 (with collisions on purpose) against the same transaction through the bare
 * driver in the same run; free-slot search for 10 professionals over 30 days (p50 / p95).
 * The results file carries `doubleBookings`, which must be 0.
 *
 * It follows bench/run.ts's shape (`benchmark.run(ctx)` → rows with value, baseline, ratio) but
 * keeps its own small types, so it stands alone.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import pg from 'pg';
import { buildApp } from '../src/app';
import { freeSlots } from '../src/modules/scheduling/free-slots';
import { systemContext } from '../src/platform/access';
import { systemClock } from '../src/platform/clock';
import { parseConfig } from '../src/platform/config';
import { createFieldCipher } from '../src/platform/crypto';
import { openDatabase } from '../src/platform/db';
import { createLogger } from '../src/platform/logger';
import { runMigrations } from '../src/platform/migrate';
import { generateSecrets } from '../src/platform/secrets';
import { isWorkingDay } from '../src/rules/holidays';
import { addDays, localDate, zonedInstant } from '../src/rules/zoned-time';
import { type BenchContext, type Benchmark, type BenchRow, percentile as percentileOfSorted, round } from './lib';

const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);
const REQUESTS = Number(process.env.BENCH_BOOKINGS ?? 1500);
const PROFESSIONALS = 10;
const DAYS = 30;
const PASSWORD = 'bench password long enough';

const percentile = (xs: number[], p: number) =>
  percentileOfSorted(
    [...xs].sort((a, b) => a - b),
    p,
  );

async function pool<T>(n: number, items: T[], fn: (item: T) => Promise<void>): Promise<number> {
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: n }, async () => {
      while (next < items.length) await fn(items[next++]!);
    }),
  );
  return performance.now() - t0;
}

const r3 = (n: number) => round(n, 3);

async function run(ctx: BenchContext): Promise<BenchRow[]> {
  const adminUrl = await ctx.postgresUrl();
  const dbName = `hoidja_bench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${dbName}`);
  const url = new URL(adminUrl);
  url.pathname = `/${dbName}`;
  const database = await openDatabase({ url: url.toString(), poolSize: 20 });
  await runMigrations(database);
  const secrets = generateSecrets();
  const config = parseConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', WORKER: 'off', ...secrets }, () => secrets);
  const cipher = createFieldCipher(
    config.FIELD_ENCRYPTION_KEYS,
    config.FIELD_ENCRYPTION_ACTIVE_KEY,
    config.SEARCH_HASH_KEY,
  );
  const { app, services } = await buildApp({
    config,
    database,
    clock: systemClock,
    logger: createLogger('silent'),
    cipher,
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
  try {
    // ---- setup (not measured): a clinic with 10 professionals, a service, 100 patients, a receptionist ----
    const tz = 'Europe/Tallinn';
    const firstDay = addDays(localDate(new Date(), tz), 7);
    // Working days only, so that every request is a fair attempt; a small window so that requests collide.
    const days = (from: string) =>
      Array.from({ length: DAYS }, (_, i) => addDays(from, i))
        .filter((d) => isWorkingDay('EE', d))
        .slice(0, 5);
    async function setupClinic(slug: string) {
      const clinic = await services.clinics.create({
        slug,
        name: `Bench Clinic ${slug}`,
        country: 'EE',
        registryCode: '10000000',
        addresses: [{ street: 'Ravi 7', city: 'Tallinn', postalCode: '10134', country: 'EE' }],
      });
      const sys = systemContext(clinic.id, 'cli');
      const recUser = await services.auth.createUser(sys, {
        email: `rec@${slug}.example`,
        fullName: 'Reception',
        roles: ['receptionist'],
        password: PASSWORD,
      });
      const adminUser = await services.auth.createUser(sys, {
        email: `admin@${slug}.example`,
        fullName: 'Admin',
        roles: ['admin'],
        password: PASSWORD,
      });
      const adminCtx = {
        clinicId: clinic.id,
        user: { id: adminUser.id, fullName: 'Admin', roles: ['admin' as const] },
        requestId: null,
        channel: 'cli' as const,
      };
      const recCtx = { ...adminCtx, user: { id: recUser.id, fullName: 'Reception', roles: ['receptionist' as const] } };
      const { id: serviceId } = await services.resources.addService(adminCtx, {
        name: 'Konsultatsioon',
        durationMinutes: 30,
      });
      const pros: string[] = [];
      for (let i = 0; i < PROFESSIONALS; i++) {
        const { id } = await services.resources.addProfessional(adminCtx, {
          firstName: 'Arst',
          lastName: `Nr${i}`,
          kind: 'dentist',
        });
        for (const weekday of [1, 2, 3, 4, 5])
          await services.resources.addSchedule(adminCtx, { professionalId: id, weekday, start: '09:00', end: '17:00' });
        pros.push(id);
      }
      const patients: string[] = [];
      for (let i = 0; i < 100; i++) {
        const r = await services.patients.register(recCtx, {
          firstName: 'Bench',
          lastName: `Patsient${i}`,
          identity: {
            kind: 'document',
            documentType: 'passport',
            documentNumber: `BX${100000 + i}`,
            documentCountry: 'FI',
            birthDate: '1980-01-01',
          },
          preferredLanguage: 'et',
        });
        patients.push(r.patient.id as string);
      }
      const login = await fetch(`${base}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ clinic: slug, email: `rec@${slug}.example`, password: PASSWORD }),
      });
      const cookie = login.headers
        .getSetCookie()
        .map((c) => c.split(';')[0])
        .join('; ');
      const { csrfToken } = (await login.json()) as { csrfToken: string };
      const candidates = (seed: number, from = firstDay) => {
        let x = seed * 2654435761;
        const rnd = () => {
          x = (x * 1103515245 + 12345) % 2147483648;
          return x / 2147483648;
        };
        const open = days(from);
        return Array.from({ length: REQUESTS }, (_, i) => {
          const k = Math.floor(rnd() * PROFESSIONALS * open.length * 31);
          const day = open[Math.floor(k / (PROFESSIONALS * 31)) % open.length]!;
          const minute = 9 * 60 + (k % 31) * 15; // 15-minute grid under 30-minute visits: overlaps on purpose
          return {
            pro: pros[Math.floor(k / 31) % PROFESSIONALS]!,
            start: zonedInstant(day, minute, tz),
            patient: patients[i % patients.length]!,
          };
        });
      };
      /** Books every candidate through the API at CONCURRENCY; the answers counted by status. */
      const book = async (list: ReturnType<typeof candidates>, status: Record<number, number>) =>
        pool(CONCURRENCY, list, async (c) => {
          const r = await fetch(`${base}/api/queue/entries`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken },
            body: JSON.stringify({
              patientId: c.patient,
              serviceId,
              channel: 'phone',
              professionalId: c.pro,
              startsAt: c.start.toISOString(),
              complaint: 'kontroll',
              reminderChannel: 'none',
            }),
          });
          await r.arrayBuffer();
          status[r.status] = (status[r.status] ?? 0) + 1;
        });
      return { clinic, serviceId, pros, patients, adminCtx, candidates, book };
    }
    const one = await setupClinic('bench');
    const other = await setupClinic('bench2');
    const { clinic, serviceId, candidates } = one;
    const q = services;

    // ---- warm-up, not measured (JIT, plans, pools): both clinics book in a range of their own ----
    await Promise.all([
      one.book(candidates(9, addDays(firstDay, 63)).slice(0, 200), {}),
      other.book(other.candidates(9, addDays(firstDay, 63)).slice(0, 200), {}),
    ]);

    // ---- bookings through the API: one clinic, then two clinics at once (each its own week) ----
    const apiStatus: Record<number, number> = {};
    const apiMs = await one.book(candidates(1), apiStatus);
    const pairStatus: Record<number, number> = {};
    const pairStart = performance.now();
    await Promise.all([
      one.book(candidates(2, addDays(firstDay, 21)), pairStatus),
      other.book(other.candidates(2, addDays(firstDay, 21)), pairStatus),
    ]);
    const pairMs = performance.now() - pairStart;

    // ---- the same transaction through the bare driver (its own day range, same collisions) ----
    const raw = database.pool!;
    const driverStatus = { booked: 0, taken: 0 };
    const driverMs = await pool(CONCURRENCY, candidates(1, addDays(firstDay, 42)), async (c) => {
      const client = await raw.connect();
      try {
        await client.query('begin');
        await client.query('select id from professionals where clinic_id = $1 and id = $2 for update', [
          clinic.id,
          c.pro,
        ]);
        const end = new Date(c.start.getTime() + 30 * 60000);
        const clash = await client.query(
          `select 1 from queue_entries where clinic_id = $1 and professional_id = $2 and status in ('booked','arrived','done') and starts_at < $4 and ends_at > $3 limit 1`,
          [clinic.id, c.pro, c.start, end],
        );
        if (clash.rowCount) {
          driverStatus.taken++;
          await client.query('rollback');
          return;
        }
        const id = randomUUID();
        await client.query(
          `insert into queue_entries (clinic_id, id, patient_id, language, service_id, professional_id, starts_at, ends_at, registered_at, channel, status, updated_at)
          values ($1, $2, $3, 'et', $4, $5, $6, $7, now(), 'phone', 'booked', now())`,
          [clinic.id, id, c.patient, serviceId, c.pro, c.start, end],
        );
        await client.query(
          `insert into queue_entry_changes (clinic_id, id, entry_id, at, by_channel, action, to_status) values ($1, $2, $3, now(), 'bench', 'registered', 'booked')`,
          [clinic.id, randomUUID(), id],
        );
        await client.query('commit');
        driverStatus.booked++;
      } catch (err) {
        await client.query('rollback');
        throw err;
      } finally {
        client.release();
      }
    });

    const [{ n: doubleBookings }] = (
      await raw.query(`select count(*)::int as n from queue_entries a join queue_entries b
      on a.clinic_id = b.clinic_id and a.professional_id = b.professional_id and a.id < b.id and a.starts_at < b.ends_at and b.starts_at < a.ends_at
      where a.status in ('booked','arrived','done') and b.status in ('booked','arrived','done')`)
    ).rows as [{ n: number }];

    // ---- free-slot search: 10 professionals over 30 days ----
    const searchMs: number[] = [];
    for (let i = 0; i < 40; i++) {
      const t0 = performance.now();
      const r = await q.slots.search(clinic.id, { serviceId, from: firstDay, to: addDays(firstDay, DAYS - 1) });
      searchMs.push(performance.now() - t0);
      if (i === 0 && r.slots.length === 0) throw new Error('no free slots found');
    }

    // Baseline of the search: the pure computation alone, with the calendars already loaded.
    const c = await q.slots.clinic(database.db, clinic.id);
    const proRows = await q.resources.repo.professionals(database.db, clinic.id);
    const pureMs: number[] = [];
    for (let i = 0; i < 40; i++) {
      const cals = await q.slots.calendars(
        database.db,
        clinic.id,
        proRows,
        firstDay,
        addDays(firstDay, DAYS - 1),
        c.timeZone,
      );
      const t0 = performance.now();
      freeSlots(
        {
          country: 'EE',
          timeZone: tz,
          from: firstDay,
          to: addDays(firstDay, DAYS - 1),
          durationMinutes: 30,
          stepMinutes: 15,
          notBefore: new Date(),
        },
        cals,
      );
      pureMs.push(performance.now() - t0);
    }

    const apiPerSec = (REQUESTS / apiMs) * 1000;
    const pairPerSec = ((2 * REQUESTS) / pairMs) * 1000;
    const driverPerSec = (REQUESTS / driverMs) * 1000;
    const common = { db: 'postgres', concurrency: CONCURRENCY, requests: REQUESTS, doubleBookings };
    const rows: BenchRow[] = [
      {
        name: 'booking.throughput',
        value: r3(apiPerSec),
        unit: 'requests/s',
        baseline: r3(driverPerSec),
        ratio: r3(apiPerSec / driverPerSec),
        ...common,
        booked: apiStatus[201] ?? 0,
        conflicts: apiStatus[409] ?? 0,
        rejected: Object.entries(apiStatus)
          .filter(([s]) => s !== '201' && s !== '409')
          .reduce((n, [, v]) => n + v, 0),
        baselineIs:
          'lock professional, overlap check, insert entry and change through the bare driver (no HTTP, session, schedule check or audit)',
        baselineBooked: driverStatus.booked,
        baselineConflicts: driverStatus.taken,
      },
      {
        name: 'booking.two-clinics',
        value: r3(pairPerSec),
        unit: 'requests/s',
        baseline: r3(apiPerSec),
        ratio: r3(pairPerSec / apiPerSec),
        ...common,
        concurrency: CONCURRENCY * 2,
        requests: REQUESTS * 2,
        booked: pairStatus[201] ?? 0,
        conflicts: pairStatus[409] ?? 0,
        baselineIs: 'one clinic booking alone at the same concurrency (bookings of two clinics share no lock)',
      },
      {
        name: 'booking.free-slot-search.p50',
        value: r3(percentile(searchMs, 50)),
        unit: 'ms',
        baseline: r3(percentile(pureMs, 50)),
        ratio: r3(percentile(searchMs, 50) / percentile(pureMs, 50)),
        professionals: PROFESSIONALS,
        days: DAYS,
        doubleBookings,
        baselineIs: 'the pure slot computation with calendars already loaded',
      },
      {
        name: 'booking.free-slot-search.p95',
        value: r3(percentile(searchMs, 95)),
        unit: 'ms',
        baseline: r3(percentile(pureMs, 95)),
        ratio: r3(percentile(searchMs, 95) / percentile(pureMs, 95)),
        professionals: PROFESSIONALS,
        days: DAYS,
        doubleBookings,
        baselineIs: 'the pure slot computation with calendars already loaded',
      },
      {
        name: 'booking.double-bookings',
        value: doubleBookings,
        unit: 'overlapping pairs',
        baseline: 0,
        ratio: doubleBookings === 0 ? 1 : 0,
        doubleBookings,
      },
    ];
    ctx.log(
      `booking: API ${r3(apiPerSec)} req/s vs driver ${r3(driverPerSec)} req/s; search p50 ${r3(percentile(searchMs, 50))} ms; doubleBookings ${doubleBookings}`,
    );
    if (doubleBookings !== 0) process.exitCode = 1;
    return rows;
  } finally {
    await app.close();
    await database.close();
    await admin.query(`drop database if exists ${dbName} with (force)`).catch(() => undefined);
    await admin.end();
  }
}

export const benchmark: Benchmark = {
  name: 'booking',
  description: `booking through the API at concurrency ${CONCURRENCY} on PostgreSQL vs the bare driver; free-slot search, ${PROFESSIONALS} professionals × ${DAYS} days`,
  run,
};
