import type { Command } from 'commander';
import { createServices } from '../../app';
import { loadConfig, openRuntime } from '../../platform/runtime';
import { CliUsageError } from '../cli-error';
import { runningServer } from '../local-server';

/**
 * `hoidja worker`: the outbox worker alone (notices, reminders), e.g. a second machine next to
 * the web servers. Several may run against one PostgreSQL: jobs are claimed with SKIP LOCKED.
 */
export function registerWorkerCommands(program: Command) {
  program
    .command('worker')
    .description('send queued notices and reminders (the outbox worker) without the web server')
    .option('--once', 'handle what is due now, then exit')
    .action(async (opts: { once?: boolean }) => {
      const config = loadConfig();
      const server = runningServer(config);
      if (server && !config.DATABASE_URL) {
        throw new CliUsageError(
          `hoidja serve (pid ${server.pid}) holds the embedded database and already runs the worker; a separate worker needs DATABASE_URL (PostgreSQL)`,
        );
      }
      const rt = await openRuntime(config);
      const { queue, retention } = createServices(rt);
      await retention.schedule();
      if (opts.once) {
        const handled = await queue.worker.drain();
        queue.mailer.close();
        await rt.close();
        process.stdout.write(`${JSON.stringify({ handled })}\n`);
        return;
      }
      queue.worker.start();
      process.stdout.write(
        `hoidja worker ${queue.worker.workerId} is running (${rt.database.kind}); stop with Ctrl+C\n`,
      );
      const stop = async () => {
        await queue.worker.stop();
        queue.mailer.close();
        await rt.close();
        process.exit(0);
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
}
