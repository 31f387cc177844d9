import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import nodemailer, { type SendMailOptions, type TransportOptions } from 'nodemailer';
import type { Logger } from './logger';

/**
 * E-mail behind an adapter. With SMTP_URL set, nodemailer sends over SMTP with short timeouts
 * (a hanging server must not hold the outbox worker). Without it the dev adapter renders the
 * same message and keeps it in memory (and as .eml files under DATA_DIR/mail when a directory
 * is given) instead of sending it.
 */
export interface MailAttachment {
  filename: string;
  content: Buffer;
  contentType: string;
}

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html?: string;
  replyTo?: string;
  attachments?: MailAttachment[];
  /** e.g. List-Unsubscribe for reminders. */
  headers?: Record<string, string>;
}

export interface MailReceipt {
  messageId: string;
}

/** `retryable`: a 4xx answer, a timeout or a lost connection; a 5xx refusal is final. */
export class MailSendError extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
    readonly responseCode?: number,
  ) {
    super(message);
    this.name = 'MailSendError';
  }
}

export interface Mailer {
  readonly kind: 'smtp' | 'dev';
  send(message: MailMessage): Promise<MailReceipt>;
  close(): void;
}

const simpleAddress = /^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/;

function check(message: MailMessage): void {
  if (!simpleAddress.test(message.to)) throw new MailSendError('the recipient is not an e-mail address', false);
}

function toNodemailer(from: string, m: MailMessage): SendMailOptions {
  return {
    from,
    to: m.to,
    replyTo: m.replyTo,
    subject: m.subject,
    text: m.text,
    html: m.html,
    headers: m.headers,
    attachments: m.attachments?.map((a) => ({ filename: a.filename, content: a.content, contentType: a.contentType })),
  };
}

function classify(err: unknown): MailSendError {
  const e = err as { message?: string; code?: string; responseCode?: number };
  const code = e.responseCode;
  const retryable = code
    ? code >= 400 && code < 500
    : ['ECONNECTION', 'ETIMEDOUT', 'ESOCKET', 'EDNS', 'ECONNREFUSED'].includes(e.code ?? '') || !e.code;
  return new MailSendError(`mail not sent: ${e.message ?? String(err)}`, retryable, code);
}

export interface SmtpMailerOptions {
  url: string;
  from: string;
  /** Connection, greeting and socket-idle timeout (default 10 s). */
  timeoutMs?: number;
}

export function createSmtpMailer(opts: SmtpMailerOptions): Mailer {
  const timeout = opts.timeoutMs ?? 10_000;
  const transport = nodemailer.createTransport({
    url: opts.url,
    connectionTimeout: timeout,
    greetingTimeout: timeout,
    socketTimeout: timeout,
  } as TransportOptions);
  return {
    kind: 'smtp',
    async send(message) {
      check(message);
      try {
        const info = await transport.sendMail(toNodemailer(opts.from, message));
        return { messageId: info.messageId };
      } catch (err) {
        throw classify(err);
      }
    },
    close: () => transport.close(),
  };
}

export interface StoredMail extends MailMessage {
  messageId: string;
  raw: string;
}

/** Development: renders the message as it would be sent and keeps it. */
export function createDevMailer(opts: {
  from: string;
  dir?: string;
  logger?: Logger;
}): Mailer & { sent: StoredMail[] } {
  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  const sent: StoredMail[] = [];
  if (opts.dir) mkdirSync(opts.dir, { recursive: true });
  return {
    kind: 'dev',
    sent,
    async send(message) {
      check(message);
      const info = await transport.sendMail(toNodemailer(opts.from, message));
      const raw = (info.message as Buffer).toString('utf8');
      sent.push({ ...message, messageId: info.messageId, raw });
      if (opts.dir) writeFileSync(join(opts.dir, `${Date.now()}-${sent.length}.eml`), raw, { mode: 0o600 });
      opts.logger?.info({ mail: info.messageId }, 'mail not sent: no SMTP_URL configured (kept locally)');
      return { messageId: info.messageId };
    },
    close: () => undefined,
  };
}

export function createMailer(
  config: { SMTP_URL?: string; MAIL_FROM: string; DATA_DIR?: string },
  logger?: Logger,
): Mailer {
  if (config.SMTP_URL) return createSmtpMailer({ url: config.SMTP_URL, from: config.MAIL_FROM });
  return createDevMailer({
    from: config.MAIL_FROM,
    dir: config.DATA_DIR ? join(config.DATA_DIR, 'mail') : undefined,
    logger,
  });
}
