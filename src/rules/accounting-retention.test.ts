import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { accountingRetainUntil } from './accounting-retention';

describe('accounting retention', () => {
  it('keeps Estonian invoices seven years from the end of their year', () => {
    assert.equal(accountingRetainUntil('EE', '2024-03-01'), '2031-12-31');
    assert.equal(accountingRetainUntil('EE', '2024-12-31'), '2031-12-31');
  });
  it('keeps Latvian source documents five years under the 2022 law, longer before it', () => {
    assert.equal(accountingRetainUntil('LV', '2024-03-01'), '2029-12-31');
    assert.equal(accountingRetainUntil('LV', '2021-06-01'), '2031-12-31');
  });
});
