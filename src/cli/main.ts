#!/usr/bin/env -S node --import tsx
import { Command, CommanderError } from 'commander';
import { buildApp, createServices, moduleDefinitions } from '../app';
import { ConfigError } from '../platform/config';
import { AppError, safeError, ValidationError } from '../platform/errors';
import { CliUsageError, type ModuleDefinition } from '../platform/module';
import { createCliHost } from './cli-host';
import { registerPlatformCommands } from './commands/platform';
import { registerWorkerCommands } from './commands/worker';

const program = new Command('hoidja')
  .description('Hoidja: patient data, treatment queue and data protection for small clinics')
  .exitOverride()
  .configureOutput({ writeErr: (s) => process.stderr.write(s) });

const host = createCliHost(createServices);
registerPlatformCommands(program, { host, buildApp });
// Each module's own commands (`hoidja register …`, `hoidja billing …`), on the same path.
for (const m of moduleDefinitions as readonly ModuleDefinition<string, never, unknown>[])
  m.commands?.(program, host.forModule(m.name));
registerWorkerCommands(program, createServices);

/** One error format for every command: one line `hoidja: …`; bad input exits 2, any other failure 1. */
function exitCodeFor(err: unknown): 1 | 2 {
  const usage =
    err instanceof CliUsageError ||
    err instanceof ValidationError ||
    err instanceof ConfigError ||
    (err instanceof AppError && err.status < 500);
  return usage ? 2 : 1;
}

try {
  await program.parseAsync(process.argv);
} catch (err) {
  if (err instanceof CommanderError) {
    // --help and --version end here too, with exit code 0.
    process.exit(err.exitCode === 0 ? 0 : 2);
  }
  process.stderr.write(`hoidja: ${safeError(err).message}\n`);
  process.exit(exitCodeFor(err));
}
