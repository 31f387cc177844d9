/**
 * `npm run bench [-- NAME]`: runs every benchmark in bench/*.bench.ts (or those whose name
 * contains NAME), prints a table and writes bench/results/latest.json. Figures are ratios
 * against a baseline measured in the same run: these machines are noisy.
 */
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Benchmark, type BenchRow, startThrowawayPostgres } from './lib';

const here = dirname(fileURLToPath(import.meta.url));
const filter = process.argv.slice(2).find((a) => !a.startsWith('-'));
const files = readdirSync(here)
  .filter((f) => f.endsWith('.bench.ts'))
  .sort();
const benches: Benchmark[] = [];
for (const f of files) {
  const mod = (await import(join(here, f))) as { benchmark?: Benchmark; benchmarks?: Benchmark[] };
  benches.push(...(mod.benchmarks ?? (mod.benchmark ? [mod.benchmark] : [])));
}
const selected = benches.filter((b) => !filter || b.name.includes(filter));
if (selected.length === 0) {
  console.error(`no benchmark matches "${filter}"; there are: ${benches.map((b) => b.name).join(', ')}`);
  process.exit(2);
}

let pg: Awaited<ReturnType<typeof startThrowawayPostgres>> | undefined;
const ctx = {
  postgresUrl: async () => {
    if (process.env.BENCH_DATABASE_URL) return process.env.BENCH_DATABASE_URL;
    pg ??= await startThrowawayPostgres();
    return pg.url;
  },
  log: (msg: string) => process.stderr.write(`  ${msg}\n`),
};

const rows: BenchRow[] = [];
try {
  for (const b of selected) {
    process.stderr.write(`== ${b.name}: ${b.description}\n`);
    rows.push(...(await b.run(ctx)));
  }
} finally {
  pg?.stop();
}

mkdirSync(join(here, 'results'), { recursive: true });
writeFileSync(join(here, 'results', 'latest.json'), `${JSON.stringify(rows, null, 2)}\n`);
const table = rows.map((r) => ({
  name: r.name,
  value: r.value,
  unit: r.unit,
  baseline: r.baseline,
  ratio: r.ratio,
  ...Object.fromEntries(Object.entries(r).filter(([k]) => !['name', 'value', 'unit', 'baseline', 'ratio'].includes(k))),
}));
console.table(table);
console.log(`written to ${join('bench', 'results', 'latest.json')}`);
process.exit(0);
