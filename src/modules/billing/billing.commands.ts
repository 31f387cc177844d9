import type { Command } from 'commander';
import { formatEuros, parseEuros } from '../../modules/billing/billing.money';
import { parseBenefitGroup, quoteBenefit } from '../../modules/billing/billing.quote';
import { AppError, ValidationError } from '../../platform/errors';

/**
 * `hoidja billing …`. The quote is pure arithmetic on the rule tables, so it needs no database
 * and works while `hoidja serve` holds the embedded one.
 */
export interface QuoteOptions {
  date?: string;
  group?: string;
  amount?: string;
  used?: string;
}

export interface CommandResult {
  stdout: string;
  exitCode: number;
}

const errorLine = (message: string): CommandResult => ({ stdout: JSON.stringify({ error: message }), exitCode: 2 });

export function runBillingQuote(opts: QuoteOptions): CommandResult {
  try {
    for (const name of ['date', 'group', 'amount'] as const) {
      if (!opts[name]) throw new ValidationError(name, `--${name} is required`);
    }
    const quote = quoteBenefit({
      date: opts.date!,
      group: parseBenefitGroup(opts.group!),
      eligibleCents: parseEuros(opts.amount!, 'amount'),
      usedCents: parseEuros(opts.used ?? '0', 'used'),
    });
    return {
      stdout: JSON.stringify({
        benefit: formatEuros(quote.benefitCents),
        patientShare: formatEuros(quote.patientShareCents),
        rule: quote.rule.description,
      }),
      exitCode: 0,
    };
  } catch (err) {
    if (err instanceof AppError) return errorLine(err.message);
    throw err;
  }
}

function emit(result: CommandResult): void {
  process.stdout.write(`${result.stdout}\n`);
  // exitCode rather than exit(): let stdout drain when piped.
  process.exitCode = result.exitCode;
}

export function registerBillingCommands(program: Command): void {
  const billing = program.command('billing').description('invoices and the Health Insurance Fund dental benefits');
  billing
    .command('quote')
    .description('benefit and patient share for the benefit-eligible amount of a bill')
    .option('--date <date>', 'date of the bill, YYYY-MM-DD')
    .option(
      '--group <group>',
      'adult, pregnant, mother-of-infant, pensioner, reduced-work-ability, over-63, unemployed, child',
    )
    .option('--amount <euros>', 'benefit-eligible services in euros, e.g. 120.00')
    .option('--used <euros>', 'benefit already used this calendar year', '0')
    // Bad flags are bad input too: one JSON line and exit 2, like every other refusal.
    .configureOutput({ outputError: () => {} })
    .exitOverride((err) => {
      if (err.exitCode === 0) process.exit(0);
      emit(errorLine(err.message.replace(/^error: /, '')));
      process.exit(2);
    })
    .action((opts: QuoteOptions) => emit(runBillingQuote(opts)));
}
