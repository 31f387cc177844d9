import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type FakeSmtp, startFakeSmtp } from '../../test/fakes/smtp';
import { createDevMailer, createMailer, createSmtpMailer, type MailSendError } from './mail';

describe('SMTP mail adapter against a real SMTP server on loopback', () => {
  let smtp: FakeSmtp;
  before(async () => {
    smtp = await startFakeSmtp();
  });
  after(() => smtp.close());

  it('sends a notice with Estonian text and a PDF attachment', async () => {
    const mailer = createSmtpMailer({ url: smtp.url, from: 'Parodontalia <info@parodontalia.ee>' });
    const pdf = Buffer.from('%PDF-1.4\n% fake but binary: \u00e4\u00f6\n%%EOF');
    const receipt = await mailer.send({
      to: 'tonis.oun@example.ee',
      subject: 'Teatis: vastuvõtt 22.12.2026 kell 10:00',
      text: 'Tere, Tõnis Õun! Teie vastuvõtt on 22.12.2026 kell 10:00, arst Mari Tamm. Ravi 7, Tallinn.',
      headers: { 'List-Unsubscribe': '<https://clinic.example/opt-out/abc>' },
      attachments: [{ filename: 'teatis.pdf', content: pdf, contentType: 'application/pdf' }],
    });
    mailer.close();
    const [mail] = await smtp.waitFor(1);
    assert.ok(receipt.messageId);
    assert.deepEqual(mail!.to, ['tonis.oun@example.ee']);
    assert.equal(mail!.from, 'info@parodontalia.ee');
    assert.equal(mail!.subject, 'Teatis: vastuvõtt 22.12.2026 kell 10:00');
    assert.match(mail!.text, /Tõnis Õun/);
    assert.equal(mail!.headers['list-unsubscribe'], '<https://clinic.example/opt-out/abc>');
    assert.equal(mail!.attachments[0]!.filename, 'teatis.pdf');
    assert.deepEqual(mail!.attachments[0]!.content, pdf);
  });

  it('reports a temporary refusal (451) as retryable and a final one (550) as not', async () => {
    const mailer = createSmtpMailer({ url: smtp.url, from: 'clinic@example.ee' });
    smtp.refuseNext(1, 451);
    await assert.rejects(
      mailer.send({ to: 'a@example.ee', subject: 's', text: 't' }),
      (e: MailSendError) => e.retryable && e.responseCode === 451,
    );
    smtp.refuseNext(1, 550);
    await assert.rejects(
      mailer.send({ to: 'a@example.ee', subject: 's', text: 't' }),
      (e: MailSendError) => !e.retryable && e.responseCode === 550,
    );
    mailer.close();
  });

  it('reports an unreachable server as retryable', async () => {
    const mailer = createSmtpMailer({ url: 'smtp://127.0.0.1:1', from: 'clinic@example.ee', timeoutMs: 500 });
    await assert.rejects(
      mailer.send({ to: 'a@example.ee', subject: 's', text: 't' }),
      (e: MailSendError) => e.retryable,
    );
  });

  it('refuses a malformed address before connecting', async () => {
    const mailer = createSmtpMailer({ url: smtp.url, from: 'clinic@example.ee' });
    await assert.rejects(
      mailer.send({ to: 'not-an-address', subject: 's', text: 't' }),
      (e: MailSendError) => !e.retryable,
    );
  });

  it('keeps mail locally without SMTP_URL', async () => {
    assert.equal(createMailer({ MAIL_FROM: 'x@example.ee' }).kind, 'dev');
    const dev = createDevMailer({ from: 'clinic@example.ee' });
    await dev.send({ to: 'a@example.ee', subject: 'Atgādinājums', text: 'Jūsu vizīte' });
    assert.match(dev.sent[0]!.raw, /Subject:/);
  });
});
