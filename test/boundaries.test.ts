/**
 * Each rule of `npm run lint` fails on a deliberately introduced violation: a probe folder with
 * the offending files is written into src/, the tool runs on it (as narrowly as it allows), and
 * the folder is removed again whatever happens. No database.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';

const root = process.cwd();
const probe = 'src/modules/zz-boundary-probe';

function withProbe(files: Record<string, string>, check: () => void) {
  rmSync(join(root, probe), { recursive: true, force: true });
  mkdirSync(join(root, probe), { recursive: true });
  try {
    for (const [name, text] of Object.entries(files)) writeFileSync(join(root, probe, name), text);
    check();
  } finally {
    rmSync(join(root, probe), { recursive: true, force: true });
  }
}

function run(command: string, args: string[]) {
  const r = spawnSync(command, args, { cwd: root, encoding: 'utf8', timeout: 120_000 });
  return { status: r.status, output: `${r.stdout}${r.stderr}` };
}

const depcruise = () => run(process.execPath, ['scripts/depcruise.mjs', probe]);

describe('import boundaries (dependency-cruiser)', () => {
  test('an import cycle', () => {
    withProbe(
      {
        'a.ts': "import { b } from './b';\nexport const a = () => b;\n",
        'b.ts': "import { a } from './a';\nexport const b = () => a;\n",
      },
      () => {
        const r = depcruise();
        assert.equal(r.status, 1, r.output);
        assert.match(r.output, /no-cycle: src\/modules\/zz-boundary-probe\/a\.ts/);
      },
    );
  });

  test('drizzle-orm outside a repository or schema', () => {
    withProbe({ 'probe.service.ts': "import { sql } from 'drizzle-orm';\nexport const q = sql`select 1`;\n" }, () => {
      const r = depcruise();
      assert.equal(r.status, 1, r.output);
      assert.match(r.output, /database-only-in-repositories: src\/modules\/zz-boundary-probe\/probe\.service\.ts/);
    });
  });

  test('the same query in the module’s repository is allowed', () => {
    withProbe(
      { 'probe.repository.ts': "import { sql } from 'drizzle-orm';\nexport const q = sql`select 1`;\n" },
      () => {
        const r = depcruise();
        assert.equal(r.status, 0, r.output);
      },
    );
  });

  test("another module's repository", () => {
    withProbe(
      {
        'probe.service.ts':
          "import { createPatientsRepository } from '../patients/patients.repository';\nexport const repo = createPatientsRepository();\n",
      },
      () => {
        const r = depcruise();
        assert.equal(r.status, 1, r.output);
        assert.match(
          r.output,
          /no-other-modules-repository: src\/modules\/zz-boundary-probe\/probe\.service\.ts → src\/modules\/patients\/patients\.repository\.ts/,
        );
      },
    );
  });

  test("another module's tables", () => {
    withProbe(
      {
        'probe.repository.ts':
          "import { eq } from 'drizzle-orm';\nimport { patients } from '../patients/patients.schema';\nexport const byId = (id: string) => eq(patients.id, id);\n",
      },
      () => {
        const r = depcruise();
        assert.equal(r.status, 1, r.output);
        assert.match(
          r.output,
          /no-other-modules-tables: src\/modules\/zz-boundary-probe\/probe\.repository\.ts → src\/modules\/patients\/patients\.schema\.ts/,
        );
      },
    );
  });

  test("a foreign key to another module's table in a schema file is allowed", () => {
    withProbe(
      {
        'probe.schema.ts':
          "import { pgTable, uuid } from 'drizzle-orm/pg-core';\nimport { patients } from '../patients/patients.schema';\nexport const probes = pgTable('probes', { patientId: uuid('patient_id').references(() => patients.id) });\n",
      },
      () => {
        const r = depcruise();
        assert.equal(r.status, 0, r.output);
      },
    );
  });

  test('the composition root imported by a module', () => {
    withProbe(
      { 'probe.ts': "import type { Services } from '../../app';\nexport type Probe = Services['clock'];\n" },
      () => {
        const r = depcruise();
        assert.equal(r.status, 1, r.output);
        assert.match(
          r.output,
          /only-entry-points-import-app: src\/modules\/zz-boundary-probe\/probe\.ts → src\/app\.ts/,
        );
      },
    );
  });
});

describe('formatter and linter (Biome)', () => {
  test('a formatting error and a lint error', () => {
    withProbe({ 'probe.ts': 'export function probe()   {\n  debugger;\n  return 1\n}\n' }, () => {
      const r = run('npx', ['biome', 'check', probe]);
      assert.notEqual(r.status, 0, r.output);
      assert.match(r.output, /lint\/suspicious\/noDebugger/);
      assert.match(r.output, /format/);
    });
  });
});

describe('unused code (knip)', () => {
  test('an export nobody imports', () => {
    withProbe(
      {
        // A test file is an entry point, so the library below is used, but not all of it.
        'probe.test.ts': "import { used } from './probe';\nused();\n",
        'probe.ts': 'export const used = () => 1;\nexport const neverUsed = 2;\n',
      },
      () => {
        const r = run('npx', ['knip', '--include', 'exports', '--reporter', 'compact']);
        assert.notEqual(r.status, 0, r.output);
        assert.match(r.output, /src\/modules\/zz-boundary-probe\/probe\.ts: neverUsed/);
      },
    );
  });
});
