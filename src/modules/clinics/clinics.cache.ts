import type { Clock } from '../../platform/clock';
import type { Db, DbOrTx } from '../../platform/db';
import type { ClinicRow, ClinicsRepository } from './clinics.repository';

/**
 * The one cache of clinic rows, by id and by slug: nearly every request needs the clinic's
 * country, zone or name, and they change seldom. Read through on a miss (inside the caller's
 * transaction when one is given: PGlite has one connection), forgotten when the clinic is changed
 * here, and re-read after `maxAgeMs` so a change made by another server instance shows up too.
 */
export function createClinicCache(deps: { db: Db; clock: Clock; repo: ClinicsRepository; maxAgeMs?: number }) {
  const { db, clock, repo } = deps;
  const maxAgeMs = deps.maxAgeMs ?? 60_000;
  const byId = new Map<string, { row: ClinicRow; at: number }>();
  const idOfSlug = new Map<string, string>();

  function fresh(id: string | undefined): ClinicRow | undefined {
    const hit = id === undefined ? undefined : byId.get(id);
    if (!hit) return undefined;
    const now = clock.now().getTime();
    // A clock set back (tests) counts as stale too.
    return hit.at <= now && now - hit.at < maxAgeMs ? hit.row : undefined;
  }

  function keep(row: ClinicRow | undefined): ClinicRow | undefined {
    if (!row) return undefined;
    byId.set(row.id, { row, at: clock.now().getTime() });
    idOfSlug.set(row.slug, row.id);
    return row;
  }

  return {
    async findById(id: string, tx: DbOrTx = db): Promise<ClinicRow | undefined> {
      return fresh(id) ?? keep(await repo.byId(tx, id));
    },
    async findBySlug(slug: string, tx: DbOrTx = db): Promise<ClinicRow | undefined> {
      return fresh(idOfSlug.get(slug)) ?? keep(await repo.bySlug(tx, slug));
    },
    /** After a change: the next read goes to the database. */
    forget(id: string) {
      byId.delete(id);
      for (const [slug, cached] of idOfSlug) if (cached === id) idOfSlug.delete(slug);
    },
  };
}
