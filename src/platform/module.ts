import type { Command } from 'commander';
import type { AccessContext } from './access';
import type { Role } from './auth/auth.schema';
import type { App } from './http/server';
import type { JobHandlers } from './jobs/worker';

/**
 * The one shape of a feature module (docs/CONVENTIONS.md, "Modules"). Each feature exports one
 * `defineModule(...)` object from `src/modules/<feature>/<feature>.module.ts`; src/app.ts alone
 * calls `create` once per module, in dependency order, and wires what it returns.
 */
export interface ModuleParts<Services> {
  /** What other modules may call (they receive it through their own narrowed dependencies). */
  services: Services;
  /** The module's HTTP routes (a Fastify plugin). */
  routes?: (app: App) => Promise<void>;
  /**
   * Routes that only the CLI on this machine calls while `hoidja serve` holds the embedded
   * database. Mounted under the local-token guard (src/cli/internal.routes.ts), and only then.
   */
  internalRoutes?: (app: App) => Promise<void>;
  /** Outbox job handlers, keyed by the job kinds this module owns; one worker runs them all. */
  jobs?: JobHandlers;
  /** Adds this module's part of the demo clinic; the demo module runs every seed in module order. */
  seedDemo?: (clinic: DemoClinic) => Promise<void>;
  /** Background work begins (the worker starts: `hoidja serve` with WORKER=on, or `hoidja worker`). */
  start?: () => Promise<void>;
  /** Background work ends; resources are released. Called in reverse module order. */
  stop?: () => Promise<void>;
}

export interface ModuleDefinition<Name extends string, Deps, Services> {
  name: Name;
  /** Builds the module from only the dependencies it uses (an interface or `Pick<...>` of them). */
  create(deps: Deps): ModuleParts<Services>;
  /** `hoidja …` commands of this module; they reach its services through `cli`. */
  commands?: (program: Command, cli: ModuleCli<Services>) => void;
}

export function defineModule<Name extends string, Deps, Services>(
  definition: ModuleDefinition<Name, Deps, Services>,
): ModuleDefinition<Name, Deps, Services> {
  return definition;
}

/** What a module's demo seed gets: the demo clinic, its administrator and its staff accounts. */
export interface DemoClinic {
  clinicId: string;
  /** The administrator, for changes that need one (e.g. the price list). */
  admin: AccessContext;
  staff: { id: string; email: string; fullName: string; roles: Role[] }[];
  /** A few of the synthetic patients, for visits in the calendar. */
  patientIds: string[];
}

/** The running server, asked over loopback with the local token (one client for every command). */
export interface LocalServer {
  /** POSTs a JSON body and reads the JSON answer. A 4xx answer is the user's input (exit 2), any other a failure (exit 1). */
  post<T>(path: string, body?: unknown): Promise<T>;
  /** Any other request (a public page, a download), with the same error handling. */
  fetch(path: string, init?: RequestInit): Promise<Response>;
}

/** How a module's command reaches its services: the one CLI path (src/cli/cli-host.ts). */
export interface ModuleCli<Services> {
  /**
   * Runs a command for one clinic: through the running server when `hoidja serve` holds the
   * embedded database, otherwise on the opened database with this module's services. A clinic that
   * does not exist is bad input (exit 2) unless `missingClinic` says what to do; a failing lookup is
   * a failure (exit 1), never "no such clinic".
   */
  forClinic<T>(
    slug: string,
    run: {
      direct: (services: Services, ctx: AccessContext) => Promise<T>;
      viaServer: (server: LocalServer) => Promise<T>;
      missingClinic?: () => Promise<T>;
    },
  ): Promise<T>;
  /** The same path for a command that names no existing clinic (e.g. `hoidja clinic add`). */
  run<T>(how: {
    direct: (services: Services) => Promise<T>;
    viaServer: (server: LocalServer) => Promise<T>;
  }): Promise<T>;
}

/** A command's bad input: exit code 2 and one line `hoidja: …` (any other failure exits 1). */
export class CliUsageError extends Error {}
