/**
 * Import boundaries the build keeps (`npm run lint`; test/boundaries.test.ts shows each rule fail).
 * See docs/CONVENTIONS.md, "Boundaries".
 */
/** Where drizzle-orm may be imported (type-only imports are not database access and are not counted). */
const databaseCode = [
  '\\.repository\\.ts$',
  '\\.schema\\.ts$',
  '\\.test\\.ts$',
  // The platform's database code: connections, migrations, and the outbox table every module shares.
  '^src/platform/db\\.ts$',
  '^src/platform/migrate\\.ts$',
  '^src/platform/jobs/outbox\\.ts$',
  // Schema introspection only (getTableColumns/getTableName: which columns exist and how they are classified).
  '^src/platform/data-categories\\.ts$',
  '^src/modules/register/register\\.catalogue\\.ts$',
];

/** Repositories that may touch another module's tables, with their reasons (scripts/cross-module-data.cjs). */
const crossModuleData = Object.keys(require('./scripts/cross-module-data.cjs')).map(
  (f) => `^${f.replace(/\./g, '\\.')}$`,
);

/** Who may import the composition root. */
const entryPoints = ['^src/cli/main\\.ts$', '^test/', '^bench/'];

module.exports = {
  forbidden: [
    {
      name: 'no-cycle',
      comment: 'An import cycle in src/ (type-only imports included): split the shared part out.',
      severity: 'error',
      from: { path: '^src/' },
      to: { circular: true },
    },
    {
      name: 'database-only-in-repositories',
      comment:
        'drizzle-orm (the query builder or sql) outside *.repository.ts, *.schema.ts and the platform database code: move the query into the repository.',
      severity: 'error',
      from: { path: '^src/', pathNot: databaseCode },
      // Anywhere: a worktree whose node_modules is a symlink resolves it outside ^node_modules/.
      to: { path: '(^|/)node_modules/drizzle-orm/', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'no-other-modules-repository',
      comment: "A module reaches another module's data only through that module's service.",
      severity: 'error',
      from: { path: '^src/modules/([^/]+)/' },
      to: { path: '^src/modules/[^/]+/[^/]+\\.repository\\.ts$', pathNot: '^src/modules/$1/' },
    },
    {
      name: 'no-other-modules-tables',
      comment:
        "Another module's tables (its *.schema.ts) imported outside a schema file: call that module's service or its *.reads.ts. A foreign key between schema files is fine; the cross-cutting repositories are listed with their reasons in scripts/cross-module-data.cjs.",
      severity: 'error',
      from: { path: '^src/modules/([^/]+)/', pathNot: ['\\.schema\\.ts$', '\\.test\\.ts$', ...crossModuleData] },
      to: {
        path: '^src/modules/[^/]+/[^/]+\\.schema\\.ts$',
        pathNot: '^src/modules/$1/',
        dependencyTypesNot: ['type-only'],
      },
    },
    {
      name: 'only-entry-points-import-app',
      comment: 'src/app.ts is the composition root: only src/cli/main.ts, tests and benchmarks import it.',
      severity: 'error',
      from: { pathNot: entryPoints },
      to: { path: '^src/app\\.ts$' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    // TypeScript 7 has no compiler API yet: swc parses. It sees type-only imports too (marked as such),
    // so a cycle through types alone counts.
    parser: 'swc',
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.tsx', '.js', '.json'],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
