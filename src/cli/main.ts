#!/usr/bin/env -S node --import tsx
import { Command, CommanderError } from 'commander';
import { ConfigError } from '../platform/config';
import { AppError, safeError, ValidationError } from '../platform/errors';
import { CliUsageError } from './cli-error';
import { registerBillingCommands } from './commands/billing';
import { registerPlatformCommands } from './commands/platform';
import { registerRegisterCommands } from './commands/register';
import { registerWorkerCommands } from './commands/worker';

const program = new Command('hoidja')
  .description('Hoidja: patient data, treatment queue and data protection for small clinics')
  .exitOverride()
  .configureOutput({ writeErr: (s) => process.stderr.write(s) });

registerPlatformCommands(program);
// Feature commands register here, one line each.
registerBillingCommands(program);
registerRegisterCommands(program);
registerWorkerCommands(program);

try {
  await program.parseAsync(process.argv);
} catch (err) {
  if (err instanceof CommanderError) {
    // --help and --version end here too, with exit code 0.
    process.exit(err.exitCode === 0 ? 0 : 2);
  }
  const usage =
    err instanceof CliUsageError ||
    err instanceof ValidationError ||
    err instanceof ConfigError ||
    (err instanceof AppError && err.status < 500);
  process.stderr.write(`hoidja: ${safeError(err).message}\n`);
  process.exit(usage ? 2 : 1);
}
