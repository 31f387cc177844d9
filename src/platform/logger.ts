import { type Logger, pino } from 'pino';

/**
 * Personal fields that must never reach a log line, wherever they appear in a logged object.
 * Request bodies are not logged at all; this is the net under that rule.
 */
export const redactedPaths = [
  'password',
  '*.password',
  'newPassword',
  '*.newPassword',
  'idCode',
  '*.idCode',
  '*.*.idCode',
  'documentNumber',
  '*.documentNumber',
  '*.*.documentNumber',
  'firstName',
  '*.firstName',
  'lastName',
  '*.lastName',
  'name',
  '*.name',
  'email',
  '*.email',
  'phone',
  '*.phone',
  'mobile',
  '*.mobile',
  'address',
  '*.address',
  'birthDate',
  '*.birthDate',
  'healthNotes',
  '*.healthNotes',
  'insurance',
  '*.insurance',
  'req.headers.cookie',
  'req.headers.authorization',
  'req.headers["x-csrf-token"]',
  'res.headers["set-cookie"]',
];

/**
 * A query parameter whose name says token (`token`, `access_token`, `signInToken` …): the value is a
 * credential — a portal sign-in link or a consent-withdrawal link signs its holder in (finding 3 of
 * issue 12). Its value ends at the next `&`, `#`, quote, backslash or white space.
 */
const TOKEN_PARAM = /([?&;][A-Za-z0-9_.-]*token[A-Za-z0-9_.-]*=)[^&#\s"\\]+/gi;

/** A URL with every token-like query value replaced by `[redacted]`. */
export function redactUrl(url: string): string {
  return url.replace(TOKEN_PARAM, '$1[redacted]');
}

/** The request as logged: no query values that sign anyone in, no headers. */
function requestSerializer(req: {
  method?: string;
  url?: string;
  host?: string;
  ip?: string;
  socket?: { remotePort?: number };
}) {
  return {
    method: req.method,
    url: typeof req.url === 'string' ? redactUrl(req.url) : req.url,
    host: req.host,
    remoteAddress: req.ip,
    remotePort: req.socket?.remotePort,
  };
}

/**
 * Every finished log line passes here on its way out: whatever a serializer, a message or an error
 * carried, a token-like query value does not reach the log.
 */
function scrubbing(destination: { write(line: string): unknown }) {
  return { write: (line: string) => destination.write(redactUrl(line)) };
}

export function createLogger(level: string, destination?: NodeJS.WritableStream): Logger {
  return pino(
    {
      level,
      redact: { paths: redactedPaths, censor: '[redacted]' },
      serializers: { req: requestSerializer },
      base: { app: 'hoidja' },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    scrubbing(destination ?? pino.destination({ dest: 1, sync: true })) as never,
  );
}
export type { Logger };
