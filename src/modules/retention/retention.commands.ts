import type { Command } from 'commander';
import { systemContext } from '../../platform/access';
import { CliUsageError, type ModuleCli } from '../../platform/module';
import type { ReportLine, RetentionPlan } from './retention.rules';
import type { RetentionService, RunProgress } from './retention.service';

function printPlan(p: RetentionPlan) {
  const out = [`retention plan for ${p.runDate}:`];
  for (const l of p.lines) {
    const rules = l.rules
      .map((r) => `${r.rule} (${r.period} from ${r.from}${r.floor ? `, ${r.floor}` : ''})`)
      .join('; ');
    out.push(
      `  ${l.target.padEnd(16)} ${String(l.count).padStart(8)} to ${l.end ?? 'keep'}${l.oldest ? `, oldest ${l.oldest}` : ''}${l.held ? `, ${l.held} held` : ''}${rules ? ` — ${rules}` : ''}${l.note ? ` [${l.note}]` : ''}`,
    );
  }
  process.stdout.write(`${out.join('\n')}\n`);
}

function printReport(r: { id: string; runDate: string; resumed: boolean; report: ReportLine[] }) {
  const out = [`retention run ${r.id} for ${r.runDate}${r.resumed ? ' (resumed)' : ''}: done`];
  for (const l of r.report) {
    out.push(
      `  ${l.target.padEnd(16)} deleted ${l.deleted}, anonymised ${l.anonymised}, archived ${l.archived}${l.note ? ` [${l.note}]` : ''}`,
    );
  }
  process.stdout.write(`${out.join('\n')}\n`);
}

/** A one-line progress bar on a terminal, one line per target elsewhere. */
function progressBar() {
  const tty = process.stderr.isTTY;
  let last = '';
  return (p: RunProgress) => {
    const width = 30;
    const share = p.total > 0 ? Math.min(1, p.done / p.total) : 1;
    const bar = `${'#'.repeat(Math.round(share * width)).padEnd(width, '.')}`;
    const line = `${p.target.padEnd(16)} [${bar}] ${p.done}/${p.total}`;
    if (tty) process.stderr.write(`\r${line}`);
    else if (line !== last) process.stderr.write(`${line}\n`);
    last = line;
  };
}

/** `hoidja retention plan|run`: what would go, and doing it (batched, resumable, idempotent). */
export function retentionCommands(program: Command, cli: ModuleCli<{ retention: RetentionService }>) {
  const cmd = program.command('retention').description('the retention engine driven by the processing register');
  cmd
    .command('plan')
    .description('list what a run would delete, anonymise or archive, by target and rule')
    .requiredOption('--clinic <slug>', 'the clinic')
    .action(async (opts: { clinic: string }) => {
      const p = await cli.forClinic(opts.clinic, {
        direct: (s, ctx) => s.retention.plan(ctx),
        viaServer: (server) => server.post<RetentionPlan>('/internal/retention/plan', { clinic: opts.clinic }),
      });
      printPlan(p);
    });
  cmd
    .command('run')
    .description('run retention now in batches; an unfinished run is resumed')
    .requiredOption('--clinic <slug>', 'the clinic')
    .option('--batch <n>', 'rows per transaction', '500')
    .action(async (opts: { clinic: string; batch: string }) => {
      const batchSize = Number(opts.batch);
      if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 100_000)
        throw new CliUsageError('--batch must be a whole number from 1 to 100000');
      const onProgress = progressBar();
      const r = await cli.forClinic(opts.clinic, {
        direct: (s, ctx) =>
          s.retention.run(systemContext(ctx.clinicId, 'cli'), { trigger: 'cli', batchSize, onProgress }),
        viaServer: (server) =>
          server.post<{ id: string; runDate: string; resumed: boolean; report: ReportLine[] }>(
            '/internal/retention/run',
            {
              clinic: opts.clinic,
              batchSize,
            },
          ),
      });
      if (process.stderr.isTTY) process.stderr.write('\n');
      printReport(r);
    });
}
