import assert from 'node:assert/strict';
import { test } from 'node:test';
import { safeError } from './errors';

test('a database error is reported without its parameters', () => {
  const wrapped = Object.assign(
    new Error('Failed query: insert into patients (first_name) values ($1)\nparams: Mari,37605030299'),
    {
      query: 'insert into patients (first_name) values ($1)',
      params: ['Mari', '37605030299'],
      cause: Object.assign(new Error('duplicate key value violates unique constraint "patients_id_code_uq"'), {
        code: '23505',
      }),
    },
  );
  const safe = safeError(wrapped);
  assert.equal(safe.code, '23505');
  assert.ok(!JSON.stringify(safe).includes('37605030299'));
  assert.ok(!JSON.stringify(safe).includes('Mari'));
  assert.match(safe.message, /patients_id_code_uq/);
});
