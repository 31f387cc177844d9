import type { ClinicsService } from '../modules/clinics/clinics.service';
import { systemContext } from '../platform/access';
import { NotFoundError } from '../platform/errors';
import { createLogger } from '../platform/logger';
import { CliUsageError, type LocalServer, type ModuleCli } from '../platform/module';
import { loadConfig, openRuntime, type Runtime } from '../platform/runtime';
import { localServer, runningServer } from './local-server';

/** What the CLI needs of the composition (src/app.ts `createServices`, handed in by src/cli/main.ts). */
export interface CliServices {
  clinics: Pick<ClinicsService, 'bySlug'>;
  modules: Record<string, { services: unknown }>;
}

/**
 * The one CLI path. Every command that touches data goes through `run` (or `forClinic`): when
 * `hoidja serve` holds the embedded database it asks the server (one HTTP client, one error
 * format), otherwise it opens the database and builds the same services the server uses.
 */
export function createCliHost<S extends CliServices>(compose: (rt: Runtime) => S) {
  /** Opens the database directly, or explains what to do while a server holds the embedded one. */
  async function openDirect(what: string): Promise<Runtime> {
    const config = loadConfig();
    const lock = runningServer(config);
    if (lock)
      throw new CliUsageError(
        `the embedded database is in use by hoidja serve (pid ${lock.pid}); stop it first to ${what}, or use DATABASE_URL`,
      );
    return openRuntime(config, { logger: createLogger('warn') });
  }

  async function run<T>(how: {
    viaServer: (server: LocalServer) => Promise<T>;
    direct: (services: S, rt: Runtime) => Promise<T>;
  }): Promise<T> {
    const lock = runningServer(loadConfig());
    if (lock) return how.viaServer(localServer(lock));
    const rt = await openDirect('run this command');
    try {
      return await how.direct(compose(rt), rt);
    } finally {
      await rt.close();
    }
  }

  /** The clinic by its slug; only a clinic that does not exist is "no clinic" — a failing lookup stays a failure. */
  async function clinicBySlug(services: S, slug: string) {
    try {
      return await services.clinics.bySlug(slug);
    } catch (err) {
      if (err instanceof NotFoundError) return null;
      throw err;
    }
  }

  const noClinic = (slug: string) =>
    new CliUsageError(`no clinic ${slug} (create it first, or run hoidja serve once for the demo clinic)`);

  async function forClinic<T>(
    slug: string,
    how: {
      viaServer: (server: LocalServer) => Promise<T>;
      direct: (services: S, ctx: ReturnType<typeof systemContext>) => Promise<T>;
      missingClinic?: () => Promise<T>;
    },
  ): Promise<T> {
    return run({
      viaServer: how.viaServer,
      direct: async (services) => {
        const clinic = await clinicBySlug(services, slug);
        if (clinic) return how.direct(services, systemContext(clinic.id, 'cli'));
        if (how.missingClinic) return how.missingClinic();
        throw noClinic(slug);
      },
    });
  }

  /** The same path for a module's own commands, handing them that module's services. */
  function forModule<M>(name: string): ModuleCli<M> {
    return {
      forClinic: (slug, how) =>
        forClinic(slug, {
          ...how,
          direct: (services, ctx) => how.direct(services.modules[name]!.services as M, ctx),
        }),
      run: (how) =>
        run({ viaServer: how.viaServer, direct: (services) => how.direct(services.modules[name]!.services as M) }),
    };
  }

  return { openDirect, run, forClinic, clinicBySlug, noClinic, forModule };
}
export type CliHost<S extends CliServices> = ReturnType<typeof createCliHost<S>>;
