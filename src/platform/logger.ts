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

export function createLogger(level: string, destination?: NodeJS.WritableStream): Logger {
  return pino(
    {
      level,
      redact: { paths: redactedPaths, censor: '[redacted]' },
      base: { app: 'hoidja' },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    destination as never,
  );
}
export type { Logger };
