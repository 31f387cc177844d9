/**
 * Every word the audit log stores has its words in every language the portal and the staff pages
 * speak (issue: the access history showed `consent.history`, `queue.list`, `consent_management`).
 * Adding an action or purpose to the vocabulary without its four translations fails here.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { auditActions, platformPurposes, registerPurposeKeys } from '../src/platform/audit/audit.vocabulary';
import { accessWords, groupRepeats } from '../web/src/shell/access-words';
import { formatWhen } from '../web/src/shell/format';

describe('the access history in the reader’s words', () => {
  for (const [lang, words] of Object.entries(accessWords)) {
    test(`${lang}: every action and purpose is said, and nothing else`, () => {
      const actions = words.actions as Record<string, string>;
      const purposes = words.purposes as Record<string, string>;
      assert.deepEqual(
        auditActions.filter((a) => !actions[a]?.trim()),
        [],
        'actions without words',
      );
      assert.deepEqual(
        [...registerPurposeKeys, ...platformPurposes].filter((p) => !purposes[p]?.trim()),
        [],
        'purposes without words',
      );
      assert.deepEqual(
        Object.keys(actions).filter((a) => !(auditActions as readonly string[]).includes(a)),
        [],
        'words for actions that do not exist',
      );
      for (const w of [...Object.values(actions), ...Object.values(purposes)])
        assert.doesNotMatch(w, /[a-z]_[a-z]|[a-z]\.[a-z]/, `${w}: an internal key`);
    });
  }

  test('English dates as written in Europe, with a 24-hour clock', () => {
    const s = formatWhen('2026-12-02T12:10:00Z', 'en');
    assert.match(s, /2 Dec 2026/);
    assert.doesNotMatch(s, /AM|PM|12\/2/);
  });

  test('repeated lines are folded into one with a count; a different line breaks the run', () => {
    const e = (at: string, action = 'patient.read') => ({
      at,
      staffName: 'Mari',
      role: 'doctor',
      action,
      purpose: 'care',
    });
    const rows = groupRepeats([e('3'), e('2'), e('1'), e('0', 'patient.update'), e('-1')]);
    assert.deepEqual(
      rows.map((r) => [r.action, r.count, r.at, r.lastAt]),
      [
        ['patient.read', 3, '3', '1'],
        ['patient.update', 1, '0', '0'],
        ['patient.read', 1, '-1', '-1'],
      ],
    );
  });
});
