// dependency-cruiser through its API. Its command refuses Node 20 (its engines field asks for 22+),
// though the API runs on it; and TypeScript 7 has no compiler API yet, so it parses with swc.
// Usage: node scripts/depcruise.mjs [paths…] (default: src). Exit code 1 on any violation.
import { createRequire } from 'node:module';
import { cruise } from 'dependency-cruiser';
import extractTSConfig from 'dependency-cruiser/config-utl/extract-ts-config';

const require = createRequire(import.meta.url);
const config = require('../.dependency-cruiser.cjs');
const paths = process.argv.slice(2);
const result = await cruise(
  paths.length ? paths : ['src'],
  { ...config.options, ruleSet: { forbidden: config.forbidden }, validate: true, outputType: 'err' },
  undefined,
  { tsConfig: extractTSConfig('tsconfig.json') },
);
process.stdout.write(result.output);
process.exitCode = result.exitCode > 0 ? 1 : 0;
