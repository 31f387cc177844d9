import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { parse } from 'yaml';
import { auditActions, platformPurposes, registerPurposeKeys } from './audit.vocabulary';

const demoRegister = parse(readFileSync(new URL('../../../presets/demo.yaml', import.meta.url), 'utf8')) as {
  purposes: { key: string }[];
};

describe('audit vocabulary', () => {
  it('names each register purpose the audit log uses as a purpose of the demo register', () => {
    const keys = demoRegister.purposes.map((p) => p.key);
    for (const purpose of registerPurposeKeys) assert.ok(keys.includes(purpose), `presets/demo.yaml has no ${purpose}`);
  });

  it('keeps the platform purposes apart from the register keys, and every word once', () => {
    for (const p of platformPurposes)
      assert.ok(!(registerPurposeKeys as readonly string[]).includes(p), `${p} is in both lists`);
    assert.equal(new Set(auditActions).size, auditActions.length);
    for (const a of auditActions) assert.match(a, /^[a-z_]+(\.[a-z_]+)*$/);
  });
});
