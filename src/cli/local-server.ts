import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Config } from '../platform/config';
import { CliUsageError, type LocalServer } from '../platform/module';

/** What `hoidja serve` leaves in DATA_DIR while it holds the embedded database. */
export interface ServerLock {
  pid: number;
  port: number;
  token: string;
}

const lockPath = (config: Config) => join(resolve(config.DATA_DIR), 'hoidja.lock');

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The running server that holds the embedded database, if there is one (stale locks are removed). */
export function runningServer(config: Config): ServerLock | null {
  if (config.DATABASE_URL) return null;
  const file = lockPath(config);
  if (!existsSync(file)) return null;
  const lock = JSON.parse(readFileSync(file, 'utf8')) as ServerLock;
  if (lock.pid !== process.pid && alive(lock.pid)) return lock;
  rmSync(file, { force: true });
  return null;
}

export function writeServerLock(config: Config, lock: ServerLock) {
  writeFileSync(lockPath(config), JSON.stringify(lock), { mode: 0o600 });
}

export function removeServerLock(config: Config) {
  const file = lockPath(config);
  if (existsSync(file) && (JSON.parse(readFileSync(file, 'utf8')) as ServerLock).pid === process.pid)
    rmSync(file, { force: true });
}

/** The one HTTP client of the CLI: asks the running server over loopback with its token. */
export function localServer(lock: ServerLock): LocalServer {
  const base = `http://127.0.0.1:${lock.port}`;
  async function request(path: string, init: RequestInit = {}): Promise<Response> {
    const res = await fetch(`${base}${path}`, {
      ...init,
      headers: { 'x-hoidja-local-token': lock.token, ...(init.headers as Record<string, string>) },
    });
    if (res.ok) return res;
    const text = await res.text();
    let message = text;
    try {
      message = (JSON.parse(text) as { message?: string }).message ?? text;
    } catch {
      /* not JSON */
    }
    // The server's 4xx is the user's input, as it would be without the server.
    if (res.status < 500) throw new CliUsageError(message || `refused (${res.status})`);
    throw new Error(`the running server failed: ${message || res.status}`);
  }
  return {
    fetch: request,
    async post<T>(path: string, body: unknown = {}) {
      const res = await request(path, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      return (await res.json()) as T;
    },
  };
}
