/**
 * Finding 10 of issue 12: the password rule was length only (`password1234` was taken). The rule
 * now follows NIST SP 800-63B §3.1.1.2: at least 12 characters, any characters, no composition
 * rules, and a check against a bundled offline list of common passwords, repetitive or sequential
 * strings, and words of the account itself.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { checkPasswordStrength } from '../../src/platform/auth/password';
import { createClinic, createTestApp, type TestApp, type TestClinic } from '../harness';

test('common passwords, also with digits or symbols around them, are refused', () => {
  for (const pw of [
    'password1234',
    'Password1234!',
    'qwertyuiop123',
    '1qaz2wsx3edc',
    'iloveyou2024!!',
    'Trustno1trustno1',
  ]) {
    assert.match(checkPasswordStrength(pw) ?? 'accepted', /common|repeat/, pw);
  }
});

test('repetitive and sequential strings are refused', () => {
  for (const pw of ['aaaaaaaaaaaa', '121212121212', '123456789012', 'abcdefghijklm', 'zyxwvutsrqpo']) {
    assert.ok(checkPasswordStrength(pw), pw);
  }
});

test("the account's own words are not a password", () => {
  const context = ['mari.tamm@kliinik.example', 'Mari Tamm'];
  assert.ok(checkPasswordStrength('mari.tamm2024', context));
  assert.ok(checkPasswordStrength('kliinik.example1', context));
  assert.ok(checkPasswordStrength('hoidja hoidja', context), 'the product name');
  assert.equal(
    checkPasswordStrength('tamm loves blue lighthouses', context),
    null,
    'a name inside a long phrase is fine',
  );
});

test('long phrases and generated passwords pass; length and Unicode are counted as characters', () => {
  for (const pw of [
    'correct horse battery staple',
    'demo admin password',
    'Kx7p-2mQv-9TzR-4wLe',
    'õunapuu mõõdab ööd',
  ]) {
    assert.equal(checkPasswordStrength(pw), null, pw);
  }
  assert.equal(checkPasswordStrength('short'), 'at least 12 characters');
  assert.equal(checkPasswordStrength('õunamahl ööd'), null, '12 letters, however many bytes');
  assert.equal(checkPasswordStrength('x'.repeat(257)), 'at most 256 characters');
});

let t: TestApp;
let c: TestClinic;
before(async () => {
  t = await createTestApp();
  c = await createClinic(t, 'parool');
});
after(() => t.close());

test('the staff API refuses a common password with a 400 naming the field', async () => {
  const admin = await c.as('admin');
  const r = await admin.post('/api/staff', {
    email: 'new@parool.example',
    fullName: 'New Person',
    roles: ['receptionist'],
    password: 'password1234',
  });
  assert.equal(r.status, 400, JSON.stringify(r.body));
  assert.equal(r.body.field, 'password');
  assert.match(r.body.reason, /common/);
});
