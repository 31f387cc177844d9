import { fileURLToPath } from 'node:url';

/** Where the shipped register templates live (presets/*.yaml). */
export const presetsDir = fileURLToPath(new URL('../../../presets/', import.meta.url));
