import type { Command } from 'commander';
import type { OutboxWorker } from '../../platform/jobs/worker';
import { CliUsageError } from '../../platform/module';
import { loadConfig, openRuntime, type Runtime } from '../../platform/runtime';
import { runningServer } from '../local-server';

/** What `hoidja worker` uses of the composition: the one worker and the modules' background hooks. */
export interface WorkerCliServices {
  worker: OutboxWorker;
  background: { start(opts?: { poll: boolean }): Promise<void>; stop(): Promise<void> };
}

/**
 * `hoidja worker`: the outbox worker alone (notices, reminders, retention), e.g. a second machine
 * next to the web servers. Several may run against one PostgreSQL: jobs are claimed with SKIP LOCKED.
 */
export function registerWorkerCommands(program: Command, compose: (rt: Runtime) => WorkerCliServices) {
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
      const { worker, background } = compose(rt);
      if (opts.once) {
        await background.start({ poll: false });
        const handled = await worker.drain();
        await background.stop();
        await rt.close();
        process.stdout.write(`${JSON.stringify({ handled })}\n`);
        return;
      }
      await background.start();
      process.stdout.write(`hoidja worker ${worker.workerId} is running (${rt.database.kind}); stop with Ctrl+C\n`);
      const stop = async () => {
        await background.stop();
        await rt.close();
        process.exit(0);
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
}
