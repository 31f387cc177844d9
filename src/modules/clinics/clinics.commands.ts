import type { Command } from 'commander';
import { parseInput } from '../../platform/input';
import { CliUsageError, type ModuleCli } from '../../platform/module';
import { type ClinicGroupInput, clinicGroupInput, type OnboardClinicInput, onboardClinicInput } from './clinics.input';
import type { ClinicsService } from './clinics.service';

type Onboarded = Awaited<ReturnType<ClinicsService['onboard']>>;
type Grouped = Awaited<ReturnType<ClinicsService['formGroup']>>;

/** `hoidja clinic add`: the deployment's operator sets up a clinic and its first administrator. */
export function clinicsCommands(program: Command, cli: ModuleCli<{ clinics: ClinicsService }>) {
  const clinic = program.command('clinic').description('clinics (controllers) of this deployment');
  clinic
    .command('add')
    .description("add a clinic and its first administrator (prints the administrator's password once)")
    .requiredOption('--slug <slug>', 'short name in addresses and at login: lower-case letters, digits, hyphens')
    .requiredOption('--name <name>', 'legal name, e.g. "Kliinik OÜ" or "SIA Klīnika"')
    .option('--trade-name <name>', 'the name patients know, when it differs from the legal name')
    .requiredOption('--country <country>', 'EE or LV')
    .requiredOption('--registry-code <code>', 'business register code (EE: 8 digits, LV: 11 digits)')
    .option('--admin-email <email>', "the administrator's login e-mail (default admin@SLUG.hoidja.local)")
    .option('--admin-name <name>', "the administrator's full name")
    .option('--language <lang>', 'default language of the clinic: et, lv, en or ru (default: the country’s)')
    .action(
      async (opts: {
        slug: string;
        name: string;
        tradeName?: string;
        country: string;
        registryCode: string;
        adminEmail?: string;
        adminName?: string;
        language?: string;
      }) => {
        const country = opts.country.toUpperCase();
        if (country !== 'EE' && country !== 'LV') throw new CliUsageError('--country must be EE or LV');
        const body: OnboardClinicInput = {
          slug: opts.slug,
          name: opts.name,
          country,
          registryCode: opts.registryCode,
          ...(opts.tradeName ? { tradeName: opts.tradeName } : {}),
          ...(opts.adminEmail ? { adminEmail: opts.adminEmail } : {}),
          ...(opts.adminName ? { adminName: opts.adminName } : {}),
          ...(opts.language ? { defaultLanguage: opts.language as 'et' } : {}),
        };
        // Bad input is refused here, before the database is opened (the service checks it again).
        parseInput(onboardClinicInput, body);
        const r = await cli.run<Onboarded>({
          direct: (s) => s.clinics.onboard('cli', body),
          viaServer: (server) => server.post('/internal/clinics', body),
        });
        process.stdout.write(
          `clinic ${r.clinic.slug} (${r.clinic.name}, ${r.clinic.country}) added.\n` +
            `Its administrator logs in with\n  clinic:   ${r.clinic.slug}\n  e-mail:   ${r.admin.email}\n  password: ${r.admin.password}\n` +
            'This password is shown only once. Next: complete the clinic profile in the web app, then import its register.\n',
        );
      },
    );

  clinic
    .command('group')
    .description('group clinics as joint controllers: their register and notice name them together')
    .requiredOption('--name <name>', 'the group, e.g. "Kliinik 32"')
    .requiredOption('--clinics <slugs>', 'comma-separated slugs of existing clinics (at least two)')
    .option('--not-joint', 'a group of clinics that are not joint controllers')
    .action(async (opts: { name: string; clinics: string; notJoint?: boolean }) => {
      const body: ClinicGroupInput = {
        name: opts.name,
        clinics: opts.clinics
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean),
        jointControllers: !opts.notJoint,
      };
      parseInput(clinicGroupInput, body);
      const r = await cli.run<Grouped>({
        direct: (s) => s.clinics.formGroup('cli', body),
        viaServer: (server) => server.post('/internal/clinic-groups', body),
      });
      process.stdout.write(
        `group ${r.name} formed: ${r.clinics.join(', ')}${r.jointControllers ? ' (joint controllers: each register names all of them)' : ''}\n`,
      );
    });
}
