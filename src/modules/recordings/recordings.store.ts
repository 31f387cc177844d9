import { rm, stat } from 'node:fs/promises';
import { isAbsolute, relative, resolve } from 'node:path';

/**
 * Where recording files live. Hoidja never stores video: it only deletes the files when their
 * period ends. The default adapter is a directory of files (the recorder writes there); another
 * (an NVR's API, object storage) implements the same two methods.
 */
export interface RecordingStore {
  /** Deletes the file; a file already gone counts as deleted. Throws when it cannot. */
  remove(location: string): Promise<void>;
  exists(location: string): Promise<boolean>;
}

export function directoryStore(root: string): RecordingStore {
  const base = resolve(root);
  const pathOf = (location: string) => {
    const p = resolve(base, location);
    const rel = relative(base, p);
    if (rel.startsWith('..') || isAbsolute(rel)) throw new Error(`${location} is outside the recordings directory`);
    return p;
  };
  return {
    async remove(location) {
      await rm(pathOf(location), { force: true });
    },
    async exists(location) {
      try {
        await stat(pathOf(location));
        return true;
      } catch {
        return false;
      }
    },
  };
}
