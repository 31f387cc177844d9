import { join, resolve } from 'node:path';
import { type Clock, systemClock } from './clock';
import { type Config, parseConfig } from './config';
import { createFieldCipher, type FieldCipher } from './crypto';
import { type Database, openDatabase } from './db';
import { createLogger, type Logger } from './logger';
import { grantApplicationRole, runMigrations } from './migrate';
import { loadOrCreateDemoSecrets } from './secrets';

export interface Runtime {
  config: Config;
  database: Database;
  clock: Clock;
  logger: Logger;
  cipher: FieldCipher;
  close(): Promise<void>;
}

export const pgliteDir = (config: Config) => join(resolve(config.DATA_DIR), 'pglite');

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const config = parseConfig(env, loadOrCreateDemoSecrets);
  if (config.NODE_ENV === 'production' && config.HOIDJA_AUDIT === 'off') {
    throw new Error('configuration: HOIDJA_AUDIT=off is for benchmarks only and is refused in production');
  }
  return config;
}

/** Opens the configured database and brings its schema up to date. */
export async function openRuntime(
  config: Config,
  opts: { clock?: Clock; logger?: Logger; migrate?: boolean } = {},
): Promise<Runtime> {
  if (config.DATABASE_OWNER_URL && !config.DATABASE_URL)
    throw new Error('configuration: DATABASE_OWNER_URL goes with DATABASE_URL (the application role)');
  if (config.DATABASE_OWNER_URL && opts.migrate !== false) {
    // Least privilege: the owner migrates and grants; the application's role owns nothing, so it
    // cannot switch off the audit log's triggers or change a table.
    const owner = await openDatabase({ url: config.DATABASE_OWNER_URL, poolSize: 1 });
    try {
      await runMigrations(owner);
      await grantApplicationRole(owner, new URL(config.DATABASE_URL!).username);
    } finally {
      await owner.close();
    }
  }
  const database = await openDatabase({
    url: config.DATABASE_URL,
    dataDir: config.DATABASE_URL ? undefined : pgliteDir(config),
    poolSize: config.DATABASE_POOL_SIZE,
  });
  if (opts.migrate !== false && !config.DATABASE_OWNER_URL) await runMigrations(database);
  const logger = opts.logger ?? createLogger(config.LOG_LEVEL);
  return {
    config,
    database,
    clock: opts.clock ?? systemClock,
    logger,
    cipher: createFieldCipher(config.FIELD_ENCRYPTION_KEYS, config.FIELD_ENCRYPTION_ACTIVE_KEY, config.SEARCH_HASH_KEY),
    close: () => database.close(),
  };
}
