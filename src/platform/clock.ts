/** Time behind an adapter so tests can move it (reminders, deadlines, session expiry). */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock that only moves when told to. */
export function fixedClock(start: Date | string): Clock & { set(d: Date | string): void; advance(ms: number): void } {
  let t = new Date(start).getTime();
  return {
    now: () => new Date(t),
    set: (d) => {
      t = new Date(d).getTime();
    },
    advance: (ms) => {
      t += ms;
    },
  };
}

/** The clock's date in UTC as YYYY-MM-DD, `plusDays` ahead (the date rules' "today"). */
export function utcDate(clock: Clock, plusDays = 0): string {
  return new Date(clock.now().getTime() + plusDays * 86_400_000).toISOString().slice(0, 10);
}
