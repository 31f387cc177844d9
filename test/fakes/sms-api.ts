import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A fake of the Messente-style SMS API on loopback: checks Basic auth and the body, records
 * what it accepted, and can be told to answer 500, to hang, or to fail only the next n requests.
 */
export interface ReceivedSms {
  to: string;
  sender: string;
  text: string;
  omnimessageId: string;
  messageId: string;
  at: Date;
}

export type FakeSmsMode = 'ok' | 'error500' | 'hang' | 'unauthorized';

export interface FakeSmsApi {
  url: string;
  username: string;
  password: string;
  received: ReceivedSms[];
  /** Every request, accepted or not (for counting retries). */
  requests: number;
  setMode(mode: FakeSmsMode): void;
  /** The next `n` requests get `mode`, then back to ok. */
  failNext(n: number, mode?: Exclude<FakeSmsMode, 'ok'>): void;
  /** Resolves when `count` messages have been accepted. */
  waitFor(count: number, timeoutMs?: number): Promise<ReceivedSms[]>;
  close(): Promise<void>;
}

export async function startFakeSmsApi(opts: { username?: string; password?: string } = {}): Promise<FakeSmsApi> {
  const username = opts.username ?? 'clinic';
  const password = opts.password ?? 'secret-sms';
  const received: ReceivedSms[] = [];
  let mode: FakeSmsMode = 'ok';
  let failures: { n: number; mode: FakeSmsMode } = { n: 0, mode: 'ok' };
  let requests = 0;
  const waiters: { count: number; resolve: () => void }[] = [];

  const reply = (res: ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    requests += 1;
    if (req.method !== 'POST' || req.url !== '/v1/omnimessage')
      return reply(res, 404, { errors: [{ title: 'Not found' }] });
    let current = mode;
    if (failures.n > 0) {
      failures.n -= 1;
      current = failures.mode;
    }
    if (current === 'hang') return; // never answers; the client's timeout must fire
    if (current === 'error500')
      return reply(res, 500, { errors: [{ title: 'Internal error', detail: 'try again later' }] });
    const expected = `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;
    if (current === 'unauthorized' || req.headers.authorization !== expected) {
      return reply(res, 401, { errors: [{ title: 'Unauthorized', detail: 'wrong credentials' }] });
    }
    let body: { to?: string; messages?: { channel?: string; sender?: string; text?: string }[] };
    try {
      body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    } catch {
      return reply(res, 400, { errors: [{ title: 'Bad request', detail: 'invalid JSON' }] });
    }
    const msg = body.messages?.[0];
    if (!body.to || !/^\+\d{7,15}$/.test(body.to) || !msg || msg.channel !== 'sms' || !msg.text || !msg.sender) {
      return reply(res, 400, {
        errors: [{ title: 'Bad request', detail: 'to, channel, sender and text are required' }],
      });
    }
    const sms: ReceivedSms = {
      to: body.to,
      sender: msg.sender,
      text: msg.text,
      omnimessageId: randomUUID(),
      messageId: randomUUID(),
      at: new Date(),
    };
    received.push(sms);
    for (const w of waiters.filter((x) => received.length >= x.count)) w.resolve();
    reply(res, 201, {
      omnimessage_id: sms.omnimessageId,
      messages: [{ channel: 'sms', message_id: sms.messageId, sender: sms.sender }],
      to: sms.to,
    });
  };

  const server = createServer((req, res) => {
    handle(req, res).catch(() => reply(res, 500, { errors: [{ title: 'fake failed' }] }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    username,
    password,
    received,
    get requests() {
      return requests;
    },
    setMode: (m) => {
      mode = m;
    },
    failNext: (n, m = 'error500') => {
      failures = { n, mode: m };
    },
    waitFor: (count, timeoutMs = 5000) =>
      new Promise((resolve, reject) => {
        if (received.length >= count) return resolve(received);
        const timer = setTimeout(
          () => reject(new Error(`fake SMS API: ${received.length} of ${count} messages after ${timeoutMs} ms`)),
          timeoutMs,
        );
        waiters.push({
          count,
          resolve: () => {
            clearTimeout(timer);
            resolve(received);
          },
        });
      }),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
