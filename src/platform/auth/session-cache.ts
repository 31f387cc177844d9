import type { Listen } from '../db';
import type { Logger } from '../logger';

/**
 * Signed-in sessions kept in memory for a few seconds, so that a request does not always cost a
 * query. It is on only while it listens to the database's `hoidja_auth` notices (migration 0017):
 * a logout, an ended session, a disabled account or changed roles, made by any process, evicts the
 * account's sessions at once. Losing the listener turns the cache off until it is back.
 */
export interface SessionCache<T> {
  get(key: string, now: number): T | undefined;
  set(key: string, userKey: string, value: T, now: number): void;
  /** Forget one account's sessions (`clinicId:userId`). */
  evictUser(userKey: string): void;
  forget(key: string): void;
  clear(): void;
  /** Starts listening; the cache serves nothing until the listener is up. */
  watch(listen: Listen, logger: Pick<Logger, 'warn'>): Promise<void>;
  unwatch(): Promise<void>;
}

export function createSessionCache<T>(ttlMs: number): SessionCache<T> {
  const entries = new Map<string, { value: T; userKey: string; at: number }>();
  let on = false;
  let stop: (() => Promise<void>) | null = null;
  let retry: NodeJS.Timeout | null = null;

  const cache: SessionCache<T> = {
    get(key, now) {
      if (!on) return undefined;
      const e = entries.get(key);
      if (!e) return undefined;
      if (now - e.at > ttlMs) {
        entries.delete(key);
        return undefined;
      }
      return e.value;
    },
    set(key, userKey, value, now) {
      if (on) entries.set(key, { value, userKey, at: now });
    },
    evictUser(userKey) {
      for (const [k, e] of entries) if (e.userKey === userKey) entries.delete(k);
    },
    forget(key) {
      entries.delete(key);
    },
    clear() {
      entries.clear();
    },
    async watch(listen, logger) {
      const lost = (err: unknown) => {
        on = false;
        entries.clear();
        logger.warn({ err: err instanceof Error ? err.message : String(err) }, 'session notices lost; retrying');
        stop = null;
        retry = setTimeout(() => void cache.watch(listen, logger), 5_000);
        retry.unref();
      };
      try {
        stop = await listen('hoidja_auth', (payload) => cache.evictUser(payload), lost);
        on = true;
      } catch (err) {
        lost(err);
      }
    },
    async unwatch() {
      on = false;
      entries.clear();
      if (retry) clearTimeout(retry);
      retry = null;
      const s = stop;
      stop = null;
      await s?.();
    },
  };
  return cache;
}
