import type { Logger } from './logger';

/**
 * SMS behind an adapter. The production adapter speaks a Messente-style HTTP API:
 * POST {base}/v1/omnimessage with HTTP Basic auth and
 * {"to":"+372…","messages":[{"channel":"sms","sender":"Clinic","text":"…"}]} → 201
 * {omnimessage_id, messages:[{message_id}]}. Without SMS_API_URL the dev adapter keeps the
 * messages in memory and logs that it did (never the number or the text).
 */
export interface SmsMessage {
  /** E.164, e.g. +37255512345. */
  to: string;
  text: string;
  /** Alphanumeric sender id (≤ 11 characters); the adapter's default when omitted. */
  sender?: string;
}

export interface SmsReceipt {
  omnimessageId: string;
  messageId: string;
}

/** `retryable`: a provider 5xx, 429, a timeout or a network error; the outbox tries again later. */
export class SmsSendError extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
    readonly status?: number,
  ) {
    super(message);
    this.name = 'SmsSendError';
  }
}

export interface SmsSender {
  readonly kind: 'messente' | 'dev';
  send(message: SmsMessage): Promise<SmsReceipt>;
}

const e164 = /^\+[1-9]\d{6,14}$/;

function check(message: SmsMessage, sender: string): void {
  if (!e164.test(message.to)) throw new SmsSendError('the number is not in international format (+372…)', false);
  if (!message.text.trim()) throw new SmsSendError('the text is empty', false);
  if (!/^[A-Za-z0-9 ]{1,11}$|^\+?\d{3,15}$/.test(sender)) throw new SmsSendError('the sender id is not valid', false);
}

export interface MessenteOptions {
  baseUrl: string;
  username: string;
  password: string;
  sender: string;
  /** Per request; the provider hanging must not hold the worker (default 10 s). */
  timeoutMs?: number;
}

export function createMessenteSms(opts: MessenteOptions): SmsSender {
  const endpoint = `${opts.baseUrl.replace(/\/+$/, '')}/v1/omnimessage`;
  const auth = `Basic ${Buffer.from(`${opts.username}:${opts.password}`).toString('base64')}`;
  const timeoutMs = opts.timeoutMs ?? 10_000;
  return {
    kind: 'messente',
    async send(message) {
      const sender = message.sender ?? opts.sender;
      check(message, sender);
      let res: Response;
      try {
        res = await fetch(endpoint, {
          method: 'POST',
          headers: { authorization: auth, 'content-type': 'application/json', accept: 'application/json' },
          body: JSON.stringify({ to: message.to, messages: [{ channel: 'sms', sender, text: message.text }] }),
          signal: AbortSignal.timeout(timeoutMs),
        });
      } catch (err) {
        const timedOut = (err as Error).name === 'TimeoutError' || (err as Error).name === 'AbortError';
        throw new SmsSendError(
          timedOut
            ? `SMS provider did not answer within ${timeoutMs} ms`
            : `SMS provider unreachable: ${(err as Error).message}`,
          true,
        );
      }
      let body: unknown;
      try {
        body = await res.json();
      } catch {
        body = null;
      }
      if (res.status !== 201 && res.status !== 200) {
        const retryable = res.status >= 500 || res.status === 429 || res.status === 408;
        const detail = describeError(body);
        throw new SmsSendError(
          `SMS provider answered ${res.status}${detail ? `: ${detail}` : ''}`,
          retryable,
          res.status,
        );
      }
      const b = body as { omnimessage_id?: unknown; messages?: { message_id?: unknown }[] } | null;
      const messageId = b?.messages?.[0]?.message_id;
      if (typeof b?.omnimessage_id !== 'string' || typeof messageId !== 'string') {
        // Accepted but unreadable: the message may have gone out, so do not send it again.
        throw new SmsSendError('SMS provider accepted the message but its answer had no message id', false, res.status);
      }
      return { omnimessageId: b.omnimessage_id, messageId };
    },
  };
}

function describeError(body: unknown): string {
  const errors = (body as { errors?: { title?: string; detail?: string }[] } | null)?.errors;
  if (Array.isArray(errors) && errors[0]) return String(errors[0].detail ?? errors[0].title ?? '').slice(0, 200);
  return '';
}

/** Development: keeps what would have been sent. */
export function createDevSms(opts: {
  sender: string;
  logger?: Logger;
}): SmsSender & { sent: (SmsMessage & SmsReceipt)[] } {
  const sent: (SmsMessage & SmsReceipt)[] = [];
  return {
    kind: 'dev',
    sent,
    async send(message) {
      const sender = message.sender ?? opts.sender;
      check(message, sender);
      const receipt = { omnimessageId: `dev-${sent.length + 1}`, messageId: `dev-msg-${sent.length + 1}` };
      sent.push({ ...message, sender, ...receipt });
      opts.logger?.info({ sms: receipt.messageId }, 'SMS not sent: no SMS_API_URL configured (kept in memory)');
      return receipt;
    },
  };
}

export function createSmsSender(
  config: { SMS_API_URL?: string; SMS_API_USER?: string; SMS_API_PASSWORD?: string; SMS_SENDER: string },
  logger?: Logger,
): SmsSender {
  if (!config.SMS_API_URL) return createDevSms({ sender: config.SMS_SENDER, logger });
  return createMessenteSms({
    baseUrl: config.SMS_API_URL,
    username: config.SMS_API_USER ?? '',
    password: config.SMS_API_PASSWORD ?? '',
    sender: config.SMS_SENDER,
  });
}
