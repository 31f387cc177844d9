import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type FakeSmsApi, startFakeSmsApi } from '../../test/fakes/sms-api';
import { createDevSms, createMessenteSms, createSmsSender, type SmsSendError } from './sms';

describe('Messente-style SMS adapter against the fake API on loopback', () => {
  let api: FakeSmsApi;
  before(async () => {
    api = await startFakeSmsApi();
  });
  after(() => api.close());
  const sms = () =>
    createMessenteSms({
      baseUrl: api.url,
      username: api.username,
      password: api.password,
      sender: 'Parodont',
      timeoutMs: 1000,
    });

  it('sends and returns the provider ids', async () => {
    const receipt = await sms().send({ to: '+37255512345', text: 'Meeldetuletus: vastuvõtt 22.12 kell 10:00.' });
    const got = api.received.at(-1)!;
    assert.equal(got.to, '+37255512345');
    assert.equal(got.sender, 'Parodont');
    assert.equal(got.text, 'Meeldetuletus: vastuvõtt 22.12 kell 10:00.');
    assert.deepEqual(receipt, { omnimessageId: got.omnimessageId, messageId: got.messageId });
  });

  it('reports a provider 500 as retryable', async () => {
    api.failNext(1, 'error500');
    await assert.rejects(
      sms().send({ to: '+37255512345', text: 'x' }),
      (e: SmsSendError) => e.retryable && e.status === 500,
    );
  });

  it('gives up on a hanging provider after the timeout, retryable', async () => {
    api.failNext(1, 'hang');
    const t0 = Date.now();
    await assert.rejects(
      sms().send({ to: '+37255512345', text: 'x' }),
      (e: SmsSendError) => e.retryable && /1000 ms/.test(e.message),
    );
    assert.ok(Date.now() - t0 < 4000);
  });

  it('does not retry wrong credentials', async () => {
    const wrong = createMessenteSms({ baseUrl: api.url, username: 'x', password: 'y', sender: 'Clinic' });
    await assert.rejects(
      wrong.send({ to: '+37255512345', text: 'x' }),
      (e: SmsSendError) => !e.retryable && e.status === 401,
    );
  });

  it('refuses a number that is not in international format without calling the provider', async () => {
    const before = api.requests;
    await assert.rejects(sms().send({ to: '5551234', text: 'x' }), (e: SmsSendError) => !e.retryable);
    assert.equal(api.requests, before);
  });

  it('reports an unreachable provider as retryable', async () => {
    const dead = createMessenteSms({ baseUrl: 'http://127.0.0.1:1', username: 'a', password: 'b', sender: 'Clinic' });
    await assert.rejects(dead.send({ to: '+37255512345', text: 'x' }), (e: SmsSendError) => e.retryable);
  });

  it('keeps messages in memory without SMS_API_URL', async () => {
    const dev = createSmsSender({ SMS_SENDER: 'Hoidja' });
    assert.equal(dev.kind, 'dev');
    const d = createDevSms({ sender: 'Hoidja' });
    await d.send({ to: '+37122212345', text: 'Atgādinājums' });
    assert.equal(d.sent[0]!.to, '+37122212345');
  });
});
