import { defineConfig } from 'drizzle-kit';

// Every feature keeps its tables in `<feature>.schema.ts`; migrations are generated from all of them.
export default defineConfig({
  dialect: 'postgresql',
  schema: ['./src/platform/**/*.schema.ts', './src/modules/**/*.schema.ts'],
  out: './drizzle',
});
